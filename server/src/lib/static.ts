import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Hashed build output (`/assets/name-[hash].ext`) never changes under its name: a year, without revalidation. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and other unhashed files: the browser may keep them, but asks first (a 304 costs a few bytes). */
export const CACHE_REVALIDATE = 'no-cache';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export type Encoding = 'br' | 'gzip' | 'identity';

interface Variant {
  body: Uint8Array;
  etag: string;
}

interface StaticFile {
  type: string;
  cacheControl: string;
  variants: Partial<Record<Encoding, Variant>>;
}

/** Where the build puts its hashed files (scripts, styles, images). */
export const ASSETS_PREFIX = '/assets/';

/**
 * The security headers a built script, style or image needs: nosniff (no script or style of another type) and
 * Cross-Origin-Resource-Policy (no other site embeds it). The others (CSP, X-Frame-Options, HSTS, COOP, the referrer
 * policy, ...) act through the document, which carries them; on each of the files it loads they only cost bytes,
 * about 470 per response (decision 014). There are no workers, to which a CSP on their script would apply.
 */
const assetSecureHeaders = secureHeaders({
  contentSecurityPolicy: undefined,
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: true,
  originAgentCluster: false,
  referrerPolicy: false,
  strictTransportSecurity: false,
  xContentTypeOptions: true,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
});

/** The page's security headers on every response, except the asset headers above on the files under /assets/. */
export function securityHeaders(page: MiddlewareHandler): MiddlewareHandler {
  return (c, next) => (c.req.path.startsWith(ASSETS_PREFIX) ? assetSecureHeaders(c, next) : page(c, next));
}

/** A Vite asset name: a name, a dash and an 8-character base64url content hash, e.g. index-DAVcDhqx.js. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

function variant(body: Uint8Array): Variant {
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * Every file of a built web app (web/dist), read once into memory with the brotli (.br) and gzip (.gz) files the
 * build wrote beside it. Keys are URL paths (`/assets/index-DAVcDhqx.js`).
 */
export function staticFilesLoad(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const all = new Set(filesIn(root));
  for (const path of all) {
    if (path.endsWith('.br') || path.endsWith('.gz')) continue;
    const url = `/${relative(root, path).split(sep).join('/')}`;
    const variants: StaticFile['variants'] = { identity: variant(readFileSync(path)) };
    if (all.has(`${path}.br`)) variants.br = variant(readFileSync(`${path}.br`));
    if (all.has(`${path}.gz`)) variants.gzip = variant(readFileSync(`${path}.gz`));
    files.set(url, {
      type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      cacheControl: HASHED_ASSET.test(url) ? CACHE_IMMUTABLE : CACHE_REVALIDATE,
      variants,
    });
  }
  return files;
}

/**
 * The encoding to send from those available, by the client's Accept-Encoding: brotli before gzip before identity;
 * a coding with q=0 is refused, `*` stands for any coding not named. Identity unless the client accepts another.
 */
export function encodingChoose(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  for (const coding of ['br', 'gzip'] as const) if (available.includes(coding) && accepts(coding)) return coding;
  return 'identity';
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

function respond(c: Context, file: StaticFile): Response {
  const available = Object.keys(file.variants) as Encoding[];
  const encoding = encodingChoose(c.req.header('accept-encoding'), available);
  const chosen = file.variants[encoding]!;
  const headers: Record<string, string> = {
    'Content-Type': file.type,
    'Cache-Control': file.cacheControl,
    ETag: chosen.etag,
  };
  if (available.length > 1) headers.Vary = 'Accept-Encoding';
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  if (etagMatches(c.req.header('if-none-match'), chosen.etag)) return c.body(null, 304, headers);
  headers['Content-Length'] = String(chosen.body.byteLength);
  return c.body(chosen.body as Uint8Array<ArrayBuffer>, 200, headers);
}

/**
 * Serves the built web app from memory: each file in the best encoding the client accepts, hashed assets cached for
 * a year, anything else revalidated. Any other GET outside /api and /assets gets index.html (client-side routes);
 * a missing asset is a plain 404. Null when `root` holds no build.
 */
export function staticHandler(root: string): Handler | null {
  if (!existsSync(join(root, 'index.html')) || !statSync(root).isDirectory()) return null;
  const files = staticFilesLoad(root);
  const index = files.get('/index.html')!;
  return (c) => {
    const path = c.req.path;
    const file = files.get(path);
    if (file) return respond(c, file);
    if (path.startsWith('/api/') || path.startsWith(ASSETS_PREFIX)) return c.text('Niet gevonden', 404, { 'Cache-Control': 'no-store' });
    return respond(c, index);
  };
}
