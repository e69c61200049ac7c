import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { createServer, defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));
const backend = process.env.UNIONCARE_API ?? 'http://127.0.0.1:3000';

/** Paths the service worker never answers for: the API (always from the network), docs and health probes. */
const SERVER_PATHS = [/^\/api\//, /^\/docs/, /^\/healthz/, /^\/readyz/];

/** Route modules a worker's phone installs with the app: member, public station and sign-in pages, English. */
const MEMBER_ROUTES = /\/src\/(pages\/(member|stations|login)\/|pages\/NotFound|main\.tsx|i18n\/en\.ts)/;

/**
 * The files of the member app (its entry, the member and public pages, what they import statically), collected
 * from the bundle so that the service worker precaches those alone: ~0.5 MB rather than the console's 2 MB.
 */
const memberShell = new Set<string>();
function collectMemberShell(): Plugin {
  return {
    name: 'unioncare-member-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      memberShell.clear();
      const visit = (file: string) => {
        const out = bundle[file];
        if (!out || memberShell.has(file)) return;
        memberShell.add(file);
        if (out.type !== 'chunk') return;
        for (const css of out.viteMetadata?.importedCss ?? []) memberShell.add(css);
        for (const dep of out.imports) visit(dep);
      };
      for (const out of Object.values(bundle)) {
        if (out.type === 'chunk' && (out.isEntry || MEMBER_ROUTES.test(out.facadeModuleId ?? ''))) visit(out.fileName);
      }
    },
  };
}

/** Public pages a worker opens cold from a link or a QR code: path test → the route module the page renders. */
const MAP_ROUTE = { test: "p==='/map'", module: /\/src\/pages\/stations\/MapPage\.tsx$/ };
const EARLY_ROUTES: { test: string; module: RegExp }[] = [
  MAP_ROUTE,
  { test: "p.indexOf('/s/')===0", module: /\/src\/pages\/stations\/StationPage\.tsx$/ },
];

type Bundle = Parameters<NonNullable<Extract<Plugin['generateBundle'], (...args: never[]) => unknown>>>[1];

/** A chunk's files: itself, the chunks it imports statically and their CSS, transitively. */
function chunkGraph(bundle: Bundle, file: string, into = new Set<string>()): Set<string> {
  const out = bundle[file];
  if (!out || into.has(file) || out.type !== 'chunk') return into;
  into.add(file);
  for (const css of out.viteMetadata?.importedCss ?? []) into.add(css);
  for (const dep of out.imports) chunkGraph(bundle, dep, into);
  return into;
}

/** The files a route module needs beyond the entry's (which index.html loads already). */
function routeOwnFiles(bundle: Bundle, module: RegExp): string[] | null {
  const entryFiles = new Set<string>();
  for (const out of Object.values(bundle)) if (out.type === 'chunk' && out.isEntry) chunkGraph(bundle, out.fileName, entryFiles);
  const chunk = Object.values(bundle).find((o) => o.type === 'chunk' && module.test(o.facadeModuleId ?? ''));
  if (!chunk) return null;
  return [...chunkGraph(bundle, chunk.fileName)].filter((f) => !entryFiles.has(f));
}

/**
 * A tiny classic script, run by index.html as soon as it arrives (async), that asks for the current page's own
 * chunks and CSS (modulepreload/preload links) in parallel with the app's entry. Without it a lazy route's files are
 * only requested once React has loaded, run and rendered the route: one more round trip and the entry's start-up
 * time before the page's first paint. The lazy routes then find their modules loaded.
 */
function preloadRouteChunks(): Plugin {
  return {
    name: 'unioncare-preload-route-chunks',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      if (!html || html.type !== 'asset') return;
      const branches: string[] = [];
      for (const route of EARLY_ROUTES) {
        const own = routeOwnFiles(bundle, route.module);
        if (own) branches.push(`if(${route.test})f=${JSON.stringify(own)};`);
      }
      if (!branches.length) return;
      const code = `(function(){var p=location.pathname,f=[];${branches.join('else ')}f.forEach(function(h){var l=document.createElement('link');if(/\\.css$/.test(h)){l.rel='preload';l.as='style'}else{l.rel='modulepreload'}l.crossOrigin='';l.href='/'+h;document.head.appendChild(l)})})();\n`;
      const ref = this.emitFile({ type: 'asset', name: 'preload-route.js', source: code });
      const fileName = this.getFileName(ref);
      memberShell.add(fileName);
      html.source = String(html.source).replace(
        /(\s*)<script type="module"/,
        `$1<script async src="/${fileName}"></script>$1<script type="module"`,
      );
    },
  };
}

/**
 * The map page's own HTML, `map.html` (no position yet) and `map-located.html` (`?at=` given; src/app.ts picks
 * one): index.html with the page's first render inside `#root` (rendered here, in Node, by
 * src/pages/stations/map-first-paint.tsx through a Vite SSR loader), the page's CSS as stylesheets and its chunks as
 * modulepreload links. A worker's phone on a slow link paints the page as soon as the HTML and CSS are in, instead
 * of after ~150 KB of JavaScript has arrived and run.
 */
function mapFirstPaint(): Plugin {
  return {
    name: 'unioncare-map-first-paint',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      const own = routeOwnFiles(bundle, MAP_ROUTE.module);
      if (!html || html.type !== 'asset' || !own) return;
      const links = own
        .map((f) => (f.endsWith('.css') ? `<link rel="stylesheet" crossorigin href="/${f}">` : `<link rel="modulepreload" crossorigin href="/${f}">`))
        .join('\n    ');
      const index = String(html.source).replace(/\s*<script async src="\/[^"]*preload-route[^"]*"><\/script>/, '');
      const server = await createServer({
        configFile: false,
        root,
        logLevel: 'error',
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false },
      });
      try {
        const { renderMapFirstPaint } = (await server.ssrLoadModule(
          '/src/pages/stations/map-first-paint.tsx',
        )) as typeof import('./src/pages/stations/map-first-paint');
        const pages: [string, string][] = [
          ['map.html', '/map'],
          ['map-located.html', '/map?at=116.397,39.909'],
        ];
        for (const [fileName, url] of pages) {
          const page = renderMapFirstPaint(url);
          const source = index
            .replace(/<title>[^<]*<\/title>/, () => `<title>${page.title}</title>`)
            .replace('</head>', () => `\n    ${links}\n  </head>`)
            .replace('<div id="root"></div>', () => `<div id="root">${page.body}</div>`);
          if (!source.includes(page.body)) this.error(`${fileName}: index.html has no empty #root to fill`);
          this.emitFile({ type: 'asset', fileName, source });
        }
      } finally {
        await server.close();
      }
    },
  };
}

/**
 * Writes `x.br` and `x.gz` beside every text file of the build, once, at the best ratio: the service serves them
 * (@fastify/static `preCompressed`) to a phone on a slow link for no CPU per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'unioncare-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      handler() {
        const walk = (dir: string): string[] =>
          fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
            const full = path.join(dir, e.name);
            return e.isDirectory() ? walk(full) : [full];
          });
        for (const file of walk(outDir)) {
          if (!/\.(js|css|html|svg|webmanifest|json)$/.test(file)) continue;
          const data = fs.readFileSync(file);
          if (data.length < 1024) continue;
          fs.writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
          fs.writeFileSync(
            `${file}.br`,
            brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
          );
        }
      },
    },
  };
}

export default defineConfig({
  root,
  plugins: [
    react(),
    collectMemberShell(),
    preloadRouteChunks(),
    mapFirstPaint(),
    precompress(),
    // The installable app: a manifest, and a service worker (production builds only; `vite dev` registers none) that
    // precaches the app shell so the map opens with no network. It caches no API answer: the station pack lives in
    // IndexedDB (src/offline), and every /api request goes to the network, never served stale.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer', // a /registerSW.js file: the CSP allows no inline script
      manifest: {
        id: '/',
        name: '职工服务平台 UnionCare',
        short_name: '职工服务',
        description: '会员互助保障、户外劳动者服务站点地图：没有网络也能找到最近的开放站点',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f4f5f7',
        theme_color: '#c8102e',
        categories: ['utilities', 'lifestyle'],
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        shortcuts: [
          { name: '附近站点', short_name: '站点', url: '/map', icons: [{ src: '/pwa-192x192.png', sizes: '192x192' }] },
          { name: '我的互助', short_name: '互助', url: '/aid', icons: [{ src: '/pwa-192x192.png', sizes: '192x192' }] },
        ],
      },
      workbox: {
        // the member and public pages; the staff console (antd, ECharts) is cached when first opened, not installed
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'], // never the .br/.gz twins
        // the map's first-paint pages are for the network; offline, the cached shell renders the map at once
        globIgnores: ['map.html', 'map-located.html'],
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.filter((e) => !e.url.startsWith('assets/') || memberShell.has(e.url)),
            warnings: [],
          }),
        ],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: SERVER_PATHS,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        // hashed build files never change under their name: cache-first is safe for those only
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'uc-assets', expiration: { maxEntries: 120, maxAgeSeconds: 30 * 24 * 3600 } },
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
      '/docs': backend,
    },
  },
  preview: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
      '/docs': backend,
    },
  },
});
