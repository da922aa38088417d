import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// The Standard for Public Code: publiccode.yml in the root, valid against the schema vendored in tests/fixtures.
const root = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/publiccode/publiccode.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

type PublicCode = Record<string, unknown> & {
  legal: Record<string, unknown>;
  maintenance: Record<string, unknown>;
  localisation: Record<string, unknown>;
  description: Record<string, Record<string, unknown>>;
};
const publiccode = (): PublicCode => parse(readFileSync(join(root, 'publiccode.yml'), 'utf8')) as PublicCode;

/** The schema's errors for a publiccode.yml, one line each ("/legal must have required property 'license'"). */
function problems(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message}`);
}

/** Values that stand in for a real one: a reserved example domain, a to-do marker, a zero version, filler text. */
const PLACEHOLDER =
  /\bexample\.(org|com|net)\b|\.(example|invalid|test|localhost)\b|\blocalhost\b|\b(TODO|TBD|FIXME|XXX+)\b|placeholder|lorem ipsum|changeme|^0\.0\.0$|\b(your|my)[-_ ]?(org|organisation|name|email|repo)\b|@(example|test)\b/i;

/** Every string in the document, with its path ("/maintenance/contacts/0/email"). */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path || '/', value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}/${i}`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}/${k}`));
  return [];
}
const placeholders = (doc: unknown) => strings(doc).filter(([, v]) => PLACEHOLDER.test(v));

describe('publiccode.yml', () => {
  it('is valid against the publiccode.yml schema', () => {
    expect(problems(publiccode())).toEqual([]);
  });

  it('follows version 0.4 of the standard and describes the software in Dutch and English', () => {
    const doc = publiccode();
    expect(doc.publiccodeYmlVersion).toBe('0.4');
    for (const lang of ['nl', 'en']) {
      expect(doc.description[lang]).toMatchObject({ shortDescription: expect.any(String), longDescription: expect.any(String) });
      expect((doc.description[lang]!.features as string[]).length).toBeGreaterThanOrEqual(5);
      expect((doc.description[lang]!.features as string[]).filter((f) => f.length > 100)).toEqual([]);
    }
    expect(doc.localisation.availableLanguages).toEqual(['nl', 'en']);
  });

  it('names the licence of the LICENSE file and of every package.json, and the version of the root package', () => {
    const doc = publiccode();
    expect(doc.legal.license).toBe('EUPL-1.2');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^\s*EUROPEAN UNION PUBLIC LICENCE v\. 1\.2\n/);
    for (const dir of ['.', 'shared', 'db', 'server', 'web', 'tests']) {
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      expect(pkg.license, `${dir}/package.json`).toBe('EUPL-1.2');
    }
    expect(doc.softwareVersion).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('holds no placeholder: no example domain, to-do marker, zero version or filler text', () => {
    expect(placeholders(publiccode())).toEqual([]);
  });

  it('finds a placeholder wherever it stands, so the check above can fail', () => {
    for (const [set, path, value] of [
      [(d: PublicCode) => (d.url = 'https://github.com/example.org/repo'), '/url', 'https://github.com/example.org/repo'],
      [(d: PublicCode) => (d.softwareVersion = '0.0.0'), '/softwareVersion', '0.0.0'],
      [
        (d: PublicCode) => ((d.maintenance.contacts as { email: string }[])[0]!.email = 'beheer@example.com'),
        '/maintenance/contacts/0/email',
        'beheer@example.com',
      ],
      [(d: PublicCode) => (d.description.en!.shortDescription = 'TODO: describe'), '/description/en/shortDescription', 'TODO: describe'],
      [(d: PublicCode) => (d.description.nl!.features = ['Placeholder-functie']), '/description/nl/features/0', 'Placeholder-functie'],
    ] as const) {
      const doc = publiccode();
      set(doc);
      expect(placeholders(doc)).toEqual([[path, value]]);
    }
  });

  it('names contacts as roles of the organisation, reachable at its own domain, and a release date that has passed', () => {
    const doc = publiccode();
    const domain = new URL((doc.organisation as { uri: string }).uri).hostname.replace(/^www\./, '');
    for (const c of doc.maintenance.contacts as { name: string; email?: string; affiliation?: string }[]) {
      expect(c.affiliation).toBe((doc.organisation as { name: string }).name);
      expect(c.name).toMatch(new RegExp(`^${c.affiliation} `));
      if (c.email) expect(c.email.split('@')[1]).toBe(domain);
    }
    expect(Date.parse(doc.releaseDate as string)).toBeLessThanOrEqual(Date.now());
  });

  it.each(schema.required as string[])('is invalid without the required field %s', (field) => {
    const doc = publiccode();
    delete doc[field];
    expect(problems(doc)).toContain(`/ must have required property '${field}'`);
  });

  it.each([
    ['legal', 'license'],
    ['maintenance', 'type'],
    ['localisation', 'localisationReady'],
    ['localisation', 'availableLanguages'],
  ] as const)('is invalid without %s.%s', (section, field) => {
    const doc = publiccode();
    delete doc[section][field];
    expect(problems(doc)).toContain(`/${section} must have required property '${field}'`);
  });

  it('is invalid with a value outside the standard (an unknown category, a too long short description)', () => {
    const doc = publiccode();
    doc.categories = ['capaciteitsplanning'];
    doc.description.en!.shortDescription = 'x'.repeat(151);
    expect(problems(doc)).toEqual(
      expect.arrayContaining([
        '/categories/0 must be equal to one of the allowed values',
        '/description/en/shortDescription must NOT have more than 150 characters',
      ]),
    );
  });
});
