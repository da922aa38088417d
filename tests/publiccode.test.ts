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
