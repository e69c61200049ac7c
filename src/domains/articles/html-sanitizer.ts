/**
 * An allow-list sanitiser for article bodies. Articles are shown to members inside the app, so anything that could
 * run script, load from elsewhere or restyle the page is removed: only p, h2, h3, strong, em, ul, ol, li, br,
 * a[href: http(s) or a site-relative path] and img[src: an image uploaded to our article store] survive, with no
 * other attributes. The output is rebuilt from parsed tokens (never passed through), so what is not recognised as
 * an allowed tag leaves as escaped text. Pure.
 */

const ALLOWED = new Set(['p', 'h2', 'h3', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'img', 'br']);
const VOID = new Set(['img', 'br']);
/** Tags kept as their nearest allowed equivalent. */
const RENAME: Record<string, string> = { b: 'strong', i: 'em', h1: 'h2', h4: 'h3', h5: 'h3', h6: 'h3' };
/** Elements whose content is dropped with them: it is code or chrome, never article text. */
const DROP_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'textarea',
  'select',
  'svg',
  'math',
  'title',
  'head',
  'frameset',
  'noembed',
  'xmp',
  'plaintext',
]);

export const IMAGE_SRC = /^\/api\/v1\/articles\/images\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16) || 0xfffd);
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10) || 0xfffd);
    return NAMED[lower] ?? m;
  });
}

const escapeText = (s: string) =>
  s
    .replace(/&(?!(#x[0-9a-f]+|#[0-9]+|[a-z]+);)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** http(s) URLs and site-relative paths ("/aid/precheck"); never a scheme browsers would run. */
export function safeHref(raw: string): string | null {
  const decoded = decodeEntities(raw);
  // An entity we did not decode could hide a scheme (&colon;): refuse rather than guess.
  if (/&[a-z]+;/i.test(decoded)) return null;
  // Browsers ignore ASCII whitespace and control characters inside a URL's scheme.
  const url = Array.from(decoded)
    .filter((c) => {
      const code = c.codePointAt(0)!;
      return code > 0x20 && (code < 0x7f || code > 0x9f);
    })
    .join('');
  if (/^https?:\/\/[^/\\]/i.test(url)) return url;
  if (/^\/(?![/\\])/.test(url)) return url;
  return null;
}

export interface Sanitized {
  html: string;
  /** What was taken out, e.g. ['script', 'p[onclick]', 'a[href]'], for the editor to show. */
  removed: string[];
}

export function sanitizeHtml(input: string): Sanitized {
  const removed = new Set<string>();
  const out: string[] = [];
  const open: string[] = [];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(input); m; m = TOKEN.exec(input)) {
    out.push(escapeText(input.slice(last, m.index)));
    last = TOKEN.lastIndex;
    const [whole, slash, rawName, rawAttrs = ''] = m;
    if (!rawName) {
      if (whole.startsWith('<!--')) continue;
      removed.add(whole.startsWith('<?') ? 'processing-instruction' : 'declaration');
      continue;
    }
    const lower = rawName.toLowerCase();
    if (DROP_CONTENT.has(lower)) {
      removed.add(lower);
      if (!slash) {
        const close = new RegExp(`</${lower}\\s*>`, 'ig');
        close.lastIndex = last;
        const end = close.exec(input);
        last = end ? close.lastIndex : input.length;
        TOKEN.lastIndex = last;
      }
      continue;
    }
    const name = RENAME[lower] ?? lower;
    if (!ALLOWED.has(name)) {
      removed.add(lower);
      continue;
    }
    if (slash) {
      const at = open.lastIndexOf(name);
      if (at < 0) continue;
      while (open.length > at) out.push(`</${open.pop()}>`);
      continue;
    }
    const attrs = keptAttributes(name, rawAttrs, removed);
    if (attrs === null) continue;
    out.push(`<${name}${attrs}>`);
    if (!VOID.has(name)) open.push(name);
  }
  out.push(escapeText(input.slice(last)));
  while (open.length) out.push(`</${open.pop()}>`);
  return { html: out.join(''), removed: [...removed].sort() };
}

/** The attributes an allowed tag keeps, as markup; null drops the tag (an image from elsewhere). */
function keptAttributes(name: string, raw: string, removed: Set<string>): string | null {
  const kept: string[] = [];
  ATTR.lastIndex = 0;
  for (let a = ATTR.exec(raw); a; a = ATTR.exec(raw)) {
    const attr = a[1]!.toLowerCase();
    const value = a[2] ?? a[3] ?? a[4] ?? '';
    if (name === 'a' && attr === 'href') {
      const href = safeHref(value);
      if (href) {
        kept.push(`href="${escapeAttr(href)}"`);
        if (/^https?:/i.test(href)) kept.push('rel="noopener noreferrer nofollow"', 'target="_blank"');
      } else removed.add('a[href]');
    } else if (name === 'img' && attr === 'src') {
      const src = decodeEntities(value).trim();
      if (IMAGE_SRC.test(src)) kept.push(`src="${src}"`);
      else removed.add('img[src]');
    } else if (name === 'img' && attr === 'alt') {
      kept.push(`alt="${escapeAttr(decodeEntities(value).slice(0, 200))}"`);
    } else removed.add(`${name}[${attr}]`);
  }
  if (name === 'img' && !kept.some((k) => k.startsWith('src='))) {
    removed.add('img');
    return null;
  }
  return kept.length ? ` ${kept.join(' ')}` : '';
}

/** The images an article body uses (to check they exist). */
export function imageIds(html: string): string[] {
  return [...html.matchAll(/src="\/api\/v1\/articles\/images\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}
