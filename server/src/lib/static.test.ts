import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secureHeaders } from 'hono/secure-headers';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, encodingChoose, securityHeaders, staticHandler } from './static.js';

let root: string;
let app: Hono;
const INDEX = '<!doctype html><html lang="nl"><head><title>Test</title></head><body><div id="root"></div></body></html>'.repeat(3);
const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "venster ${i}" }`).join(', ')}];`;
const ICON = '<svg xmlns="http://www.w3.org/2000/svg"/>';

beforeAll(() => {
  // A small build as web/dist looks after `vite build`: a hashed asset with its .br and .gz, an unhashed file without.
  root = mkdtempSync(join(tmpdir(), 'cd-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'index.html.br'), brotliCompressSync(INDEX));
  writeFileSync(join(root, 'index.html.gz'), gzipSync(INDEX));
  writeFileSync(join(root, 'assets', 'app-Dx9_aB-1.js'), SCRIPT);
  writeFileSync(join(root, 'assets', 'app-Dx9_aB-1.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(root, 'assets', 'app-Dx9_aB-1.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(root, 'favicon.svg'), ICON);
  app = new Hono();
  app.use('*', securityHeaders(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } })));
  app.get('*', staticHandler(root)!);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => app.request(path, { method, headers });

describe('encodingChoose', () => {
  const all = ['br', 'gzip', 'identity'] as const;
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', 'identity'],
    ['', 'identity'],
    ['BR', 'br'],
  ])('chooses from "%s": %s', (header, expected) => {
    expect(encodingChoose(header, all)).toBe(expected);
  });

  it('falls back to identity without a header, and never picks a coding the file does not have', () => {
    expect(encodingChoose(undefined, all)).toBe('identity');
    expect(encodingChoose('br, gzip', ['identity'])).toBe('identity');
    expect(encodingChoose('br, gzip', ['gzip', 'identity'])).toBe('gzip');
  });
});

describe('staticHandler', () => {
  it('sends a hashed asset brotli-compressed to a browser that accepts it, cached for a year, with its length and Vary', async () => {
    const res = await get('/assets/app-Dx9_aB-1.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe(CACHE_IMMUTABLE);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(SCRIPT.length / 3);
    expect(brotliDecompressSync(body).toString()).toBe(SCRIPT);
  });

  it('sends gzip to a client without brotli, and the file itself to one that accepts neither', async () => {
    const gz = await get('/assets/app-Dx9_aB-1.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(SCRIPT);
    const plain = await get('/assets/app-Dx9_aB-1.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(Number(plain.headers.get('content-length'))).toBe(Buffer.byteLength(SCRIPT));
    expect(await plain.text()).toBe(SCRIPT);
  });

  it('makes the browser revalidate index.html and unhashed files, and answers 304 to a matching ETag', async () => {
    const first = await get('/index.html', { 'Accept-Encoding': 'br' });
    expect(first.headers.get('cache-control')).toBe(CACHE_REVALIDATE);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await get('/index.html', { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Another encoding is another representation: its own ETag.
    const gz = await get('/index.html', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(gz.status).toBe(200);
    const icon = await get('/favicon.svg', { 'Accept-Encoding': 'br' });
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe(CACHE_REVALIDATE);
    expect(icon.headers.get('content-encoding')).toBeNull();
    expect(icon.headers.get('vary'), 'one representation only').toBeNull();
    expect(await icon.text()).toBe(ICON);
  });

  it('answers a client-side route with index.html, but a missing asset or API path with 404', async () => {
    for (const path of ['/', '/overzicht', '/conflicten/12']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe(CACHE_REVALIDATE);
      expect(await res.text()).toBe(INDEX);
    }
    for (const path of ['/assets/app-00000000.js', '/api/v1/nothing']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await get('/assets/app-Dx9_aB-1.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await res.text()).toBe('');
  });

  it('sends the page its security headers, and a built file only nosniff and CORP, about 470 bytes less per file', async () => {
    const page = await get('/overzicht');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'none'");
    expect(page.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const size = (res: Response) => [...res.headers].reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
    for (const path of ['/assets/app-Dx9_aB-1.js', '/assets/app-00000000.js']) {
      const res = await get(path, { 'Accept-Encoding': 'br' });
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      for (const name of ['content-security-policy', 'strict-transport-security', 'x-frame-options', 'cross-origin-opener-policy', 'referrer-policy']) {
        expect(res.headers.get(name), `${path} ${name}`).toBeNull();
      }
    }
    const asset = await get('/assets/app-Dx9_aB-1.js', { 'Accept-Encoding': 'br' });
    const html = await get('/', { 'Accept-Encoding': 'br' });
    expect(size(html) - size(asset)).toBeGreaterThan(250);
  });

  it('is null for a folder without a build', () => {
    expect(staticHandler(join(root, 'assets'))).toBeNull();
    expect(staticHandler(join(root, 'missing'))).toBeNull();
  });
});
