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

  it.skipIf(!existsSync(RULESET))(
    'passes the NL API Design Rules ruleset with no errors',
    async () => {
      const doc = await (await t.app.request('/api/v1/openapi.json')).json();
      mkdirSync('test-output', { recursive: true });
      const file = resolve('test-output', 'openapi.json');
      writeFileSync(file, JSON.stringify(doc, null, 2));
      const bin = join(resolve(import.meta.dirname, 'node_modules/.bin'), 'spectral');
      let output = '';
      try {
        output = execFileSync(bin, ['lint', '-r', RULESET, file, '-f', 'json', '--fail-severity', 'error', '-q'], { encoding: 'utf8' });
      } catch (err) {
        output = (err as { stdout?: string }).stdout ?? String(err);
      }
      const results = output.trim() ? (JSON.parse(output) as { severity: number; code: string; message: string; path: string[] }[]) : [];
      const errors = results.filter((r) => r.severity === 0).map((r) => `${r.code} ${r.path.join('.')}: ${r.message}`);
      expect(errors).toEqual([]);
    },
    120_000,
  );
});
