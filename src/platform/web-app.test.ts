import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { pageHtmlFor, registerWebApp } from './web-app.ts';

const ALL = new Set(['index.html', 'map.html', 'map-located.html']);

describe('pageHtmlFor', () => {
  test('the map has its own first paint, located when ?at= is given', () => {
    assert.equal(pageHtmlFor('/map', ALL), 'map.html');
    assert.equal(pageHtmlFor('/map/', ALL), 'map.html');
    assert.equal(pageHtmlFor('/map?open=0&a=water', ALL), 'map.html');
    assert.equal(pageHtmlFor('/map?at=116.4,39.9&src=gps', ALL), 'map-located.html');
    assert.equal(pageHtmlFor('/map?src=pick&at=116.4%2C39.9', ALL), 'map-located.html');
  });

  test('other pages, and a build without the map pages, get the app shell', () => {
    for (const url of ['/', '/aid/check', '/maps', '/map/x', '/s/110105H00002C', '/console/stations?at=1,2']) {
      assert.equal(pageHtmlFor(url, ALL), 'index.html', url);
    }
    assert.equal(pageHtmlFor('/map?at=1,2', new Set(['index.html', 'map.html'])), 'index.html');
    assert.equal(pageHtmlFor('/map', new Set(['index.html'])), 'index.html');
  });
});

describe('registerWebApp', () => {
  let dir: string;
  let app: FastifyInstance;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-web-'));
    for (const f of ALL) fs.writeFileSync(path.join(dir, f), `<!doctype html><title>${f}</title>`);
    app = Fastify({ logger: false });
    await registerWebApp(app, dir);
  });
  after(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('answers each page with its HTML, and server paths with a problem 404', async () => {
    const cases: [string, string][] = [
      ['/map?at=116.4,39.9', 'map-located.html'],
      ['/map', 'map.html'],
      ['/aid', 'index.html'],
    ];
    for (const [url, file] of cases) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.equal(res.body, `<!doctype html><title>${file}</title>`, url);
    }
    const api = await app.inject({ url: '/api/v1/nothing' });
    assert.equal(api.statusCode, 404);
    assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
    // a build file that is not there (a stale page after a rebuild, a typo) is a 404, never the page's HTML: the
    // browser would otherwise run HTML as a script and show a blank page
    for (const url of ['/assets/index-OLDHASH.js', '/assets/x.css', '/sw-missing.js', '/icons/none.png']) {
      const missing = await app.inject({ url });
      assert.equal(missing.statusCode, 404, url);
      assert.doesNotMatch(String(missing.headers['content-type']), /html/, url);
    }
    // a file the build writes while the service runs (a rebuild) is served: nothing is listed at start-up only
    fs.writeFileSync(path.join(dir, 'late.js'), 'export {};');
    const late = await app.inject({ url: '/late.js' });
    assert.equal(late.statusCode, 200);
    assert.equal(late.body, 'export {};');
    const post = await app.inject({ method: 'POST', url: '/map' });
    assert.equal(post.statusCode, 404);
  });
});
