import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { Problem, sendProblem } from './errors.ts';

const SERVER_PATHS = /^\/(api|docs|healthz|readyz)(\/|$)/;
/** A request for a file of the build (hashed assets, icons, scripts): when it is missing, a 404, never a page. */
const FILE_PATHS = /^\/assets\/|\.[A-Za-z0-9]{1,8}$/;

/**
 * The HTML a client-side route is answered with. The station map has its own, with the page's first render inside
 * (built by web/vite.config.ts): one for a map opened at a position (`?at=`, a shared link or the way back from a
 * station), one for a map still waiting for it. Every other page gets the app shell.
 */
export function pageHtmlFor(url: string, built: ReadonlySet<string>): string {
  const [pathname = '', query = ''] = url.split('?', 2);
  if (pathname === '/map' || pathname === '/map/') {
    const file = new URLSearchParams(query).has('at') ? 'map-located.html' : 'map.html';
    if (built.has(file)) return file;
  }
  return 'index.html';
}

/** Serves the built web app (`distDir`), with a page's HTML for client-side routes; API paths keep their JSON 404s. */
export async function registerWebApp(app: FastifyInstance, distDir: string) {
  const built = new Set(
    ['index.html', 'map.html', 'map-located.html'].filter((f) => fs.existsSync(path.join(distDir, f))),
  );
  if (built.has('index.html')) {
    await app.register(fastifyStatic, { root: distDir, wildcard: true, index: ['index.html'], preCompressed: true });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?', 1)[0] ?? '';
    const isPage =
      request.method === 'GET' && !SERVER_PATHS.test(pathname) && !FILE_PATHS.test(pathname) && built.has('index.html');
    if (isPage) return reply.type('text/html; charset=utf-8').sendFile(pageHtmlFor(request.url, built));
    return sendProblem(request, reply, Problem.notFound());
  });
}
