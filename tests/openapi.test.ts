import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestContext } from './helpers/test-db.js';

const RULESET = resolve(import.meta.dirname, '../../shared/ref/nlgov-adr-ruleset.yaml');
let t: TestContext;

beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

describe('GET /api/v1/openapi.json', () => {
  it('publishes an OpenAPI 3 document with contact details and the versioned server', async () => {
    const res = await t.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.contact).toMatchObject({ name: expect.any(String), email: expect.any(String), url: expect.any(String) });
    expect(doc.paths['/prognoses'].post).toBeDefined();
  });

  it('describes the JSON body of an upload (validated in a worker thread, not by the route) with its schema', async () => {
    const doc = await (await t.app.request('/api/v1/openapi.json')).json();
    const json = doc.paths['/prognoses'].post.requestBody.content['application/json'].schema;
    expect(json).toEqual({ $ref: '#/components/schemas/PrognoseUpload' });
    const upload = doc.components.schemas.PrognoseUpload;
    expect(upload).toMatchObject({ type: 'object', required: ['windows'], properties: { windows: { type: 'array', maxItems: 100_000 } } });
    expect(upload.properties.windows.items).toEqual({ $ref: '#/components/schemas/SendWindowInput' });
    expect(doc.components.schemas.SendWindowInput.required).toEqual(['kenmerk', 'berichttype', 'start', 'eind', 'aantalBerichten', 'status']);
  });

  it('declares who must act (waitingOn) in the procedure summary of each conflict in the list', async () => {
    const doc = await (await t.app.request('/api/v1/openapi.json')).json();
    type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };
    const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components.schemas[s.$ref.replace('#/components/schemas/', '')]) : s);
    /** The named property of an object schema, looking through references and nullable unions. */
    const prop = (s: Schema, name: string): Schema | undefined => {
      const r = resolve(s);
      return r.properties?.[name] ?? [...(r.anyOf ?? []), ...(r.oneOf ?? []), ...(r.allOf ?? [])].map((x) => prop(x, name)).find(Boolean);
    };
    const page: Schema = doc.paths['/conflicts'].get.responses['200'].content['application/json'].schema;
    const conflict = resolve(prop(page, 'items')!).items!;
    const procedure = prop(conflict, 'procedure')!;
    const waitingOn = prop(procedure, 'waitingOn');
    expect(waitingOn).toBeDefined();
    expect(prop(waitingOn!, 'roles')).toBeDefined();
    expect(prop(waitingOn!, 'text')).toBeDefined();
    expect(prop(waitingOn!, 'afnemers')).toBeDefined();
  });
});

/** The OpenAPI document as served. */
async function openapiDocument(): Promise<OpenApiDocument> {
  const res = await t.app.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as OpenApiDocument;
}

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { example?: unknown; examples?: unknown }> };
  responses: Record<string, unknown>;
};
type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
};

/** Every operation of the document as `METHOD /path` with its object. */
function operations(doc: OpenApiDocument): { key: string; method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op })),
  );
}

type SpectralResult = { severity: number; code: string; message: string; path: string[] };

/** Lints the served document with Spectral and one ruleset; returns every finding of severity error or warning. */
async function spectralFindings(ruleset: string): Promise<string[]> {
  mkdirSync('test-output', { recursive: true });
  const file = resolve('test-output', `openapi-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(await openapiDocument(), null, 2));
  const bin = join(resolve(import.meta.dirname, 'node_modules/.bin'), 'spectral');
  let output = '';
  try {
    output = execFileSync(bin, ['lint', '-r', ruleset, file, '-f', 'json', '--fail-severity', 'warn', '-q'], { encoding: 'utf8' });
  } catch (err) {
    output = (err as { stdout?: string }).stdout ?? '';
    if (!output.trim().startsWith('[')) throw err;
  }
  const results = output.trim() ? (JSON.parse(output) as SpectralResult[]) : [];
  // Severity 0 is an error, 1 a warning (2 and 3 are information and hints).
  return results.filter((r) => r.severity <= 1).map((r) => `${r.severity === 0 ? 'error' : 'warning'} ${r.code} ${r.path.join('.')}: ${r.message}`);
}

describe('OpenAPI lint', () => {
  it('finds the NL API Design Rules ruleset (a missing ruleset fails the suite instead of skipping the lint)', () => {
    expect(existsSync(RULESET), `De NL API Design Rules-ruleset ontbreekt: ${RULESET} (zie shared/ref/README.md).`).toBe(true);
  });

  it('passes the NL API Design Rules ruleset with no errors and no warnings', async () => {
    expect(existsSync(RULESET), `De NL API Design Rules-ruleset ontbreekt: ${RULESET}`).toBe(true);
    expect(await spectralFindings(RULESET)).toEqual([]);
  }, 120_000);

  it("passes Spectral's own spectral:oas ruleset with no errors and no warnings", async () => {
    mkdirSync('test-output', { recursive: true });
    const oas = resolve('test-output', `spectral-oas-${process.pid}.yaml`);
    writeFileSync(oas, 'extends: ["spectral:oas"]\n');
    expect(await spectralFindings(oas)).toEqual([]);
  }, 120_000);

  it('reports a finding when an operation loses its operationId (the lint can fail)', async () => {
    mkdirSync('test-output', { recursive: true });
    const oas = resolve('test-output', `spectral-oas-${process.pid}.yaml`);
    writeFileSync(oas, 'extends: ["spectral:oas"]\n');
    const doc = await openapiDocument();
    delete doc.paths['/afnemers']!.get!.operationId;
    const file = resolve('test-output', `openapi-broken-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const bin = join(resolve(import.meta.dirname, 'node_modules/.bin'), 'spectral');
    let output = '';
    try {
      output = execFileSync(bin, ['lint', '-r', oas, file, '-f', 'json', '-q'], { encoding: 'utf8' });
    } catch (err) {
      output = (err as { stdout?: string }).stdout ?? '';
    }
    const codes = (JSON.parse(output) as SpectralResult[]).map((r) => `${r.code} ${r.path.join('.')}`);
    expect(codes).toEqual(['operation-operationId paths./afnemers.get']);
  }, 120_000);
});

describe('OpenAPI operations', () => {
  it('gives every operation a unique camelCase English operationId, a Dutch summary and a description', async () => {
    const ops = operations(await openapiDocument());
    expect(ops.length).toBeGreaterThan(80);
    const lacking = ops.filter(({ op }) => !op.operationId || !op.summary || !op.description).map(({ key }) => key);
    expect(lacking).toEqual([]);
    const ids = ops.map(({ op }) => op.operationId!);
    expect(ids.filter((id) => !/^[a-z]+(?:[A-Z0-9][a-z0-9]*)*$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // A summary is a short title; the details go in the description.
    expect(ops.filter(({ op }) => op.summary!.length > 60).map(({ key, op }) => `${key}: ${op.summary}`)).toEqual([]);
  });

  it('declares the session cookie and the bearer token as security schemes', async () => {
    const doc = await openapiDocument();
    expect(doc.components.securitySchemes).toEqual({
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'cd_session' }),
      apiToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
  });

  it('puts security on every operation: the cookie or a token, or none for the public ones', async () => {
    const ops = operations(await openapiDocument());
    expect(ops.filter(({ op }) => op.security === undefined).map(({ key }) => key)).toEqual([]);
    const publicOps = ops.filter(({ op }) => op.security!.length === 0).map(({ key }) => key);
    expect(publicOps.sort()).toEqual(['DELETE /sessions/current', 'GET /calendar-feeds/{feedFile}', 'POST /sessions']);
    for (const { key, op } of ops.filter(({ op }) => op.security!.length > 0)) {
      expect(op.security, key).toEqual([{ sessionCookie: [] }, { apiToken: [] }]);
    }
  });

  it('tells the truth about security: an anonymous caller gets 401 exactly where the document asks for sign-in', async () => {
    const ops = operations(await openapiDocument());
    const wrong: string[] = [];
    for (const { key, method, path, op } of ops) {
      const url = `/api/v1${path.replace('{feedFile}', 'onbekend.ics').replace(/\{\w+\}/g, '1')}`;
      const res = await t.app.request(url, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      const signInRequired = op.security!.length > 0;
      if ((res.status === 401) !== signInRequired) wrong.push(`${key}: ${res.status}`);
      if (res.status === 401) expect(res.headers.get('content-type'), key).toContain('application/problem+json');
    }
    expect(wrong).toEqual([]);
  });

  it('documents 429 on the login, the operation with a rate limit, and a 503 with Retry-After everywhere', async () => {
    const ops = operations(await openapiDocument());
    expect(ops.filter(({ op }) => '429' in op.responses).map(({ key }) => key)).toEqual(['POST /sessions']);
    const without = ops.filter(({ op }) => !(op.responses['503'] as { headers?: Record<string, unknown> }).headers?.['Retry-After']);
    expect(without.map(({ key }) => key)).toEqual([]);
  });

  it('gives every JSON and CSV request body an example (the lint checks each against its schema)', async () => {
    const ops = operations(await openapiDocument());
    const bodies = ops.filter(({ op }) => op.requestBody);
    expect(bodies.length).toBeGreaterThan(20);
    const missing = bodies.flatMap(({ key, op }) =>
      Object.entries(op.requestBody!.content)
        .filter(([type, media]) => (type === 'application/json' || type === 'text/csv') && media.example === undefined && media.examples === undefined)
        .map(([type]) => `${key} ${type}`),
    );
    expect(missing).toEqual([]);
  });
});
