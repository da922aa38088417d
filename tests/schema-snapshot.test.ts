/**
 * db/schema.sql is today's shape of every table, generated from the migrations. It must equal what the migrations
 * give on this server (CI runs this on the embedded PostgreSQL 18 and on PostgreSQL 15: the text is the same on both).
 */
import { SCHEMA_SNAPSHOT_COMMAND, schemaSnapshot, schemaSnapshotRead } from '@cd/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestContext } from './helpers/test-db.js';

let t: TestContext;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

describe('db/schema.sql', () => {
  it('equals the schema the migrations build', async () => {
    const committed = await schemaSnapshotRead();
    const fresh = await schemaSnapshot(t.sql);
    expect(committed, `db/schema.sql ontbreekt: maak het met \`${SCHEMA_SNAPSHOT_COMMAND}\` en commit het.`).not.toBeNull();
    expect(committed, `db/schema.sql loopt achter op de migraties: voer \`${SCHEMA_SNAPSHOT_COMMAND}\` uit en commit het bestand.`).toBe(fresh);
  });

  it('shows each table with its columns, constraints, indexes and triggers, and the functions with their body', async () => {
    const fresh = await schemaSnapshot(t.sql);
    const block = fresh.slice(fresh.indexOf('create table conflict_events ('), fresh.indexOf('create table conflicts ('));
    expect(block).toContain('  conflict_id bigint not null,');
    expect(block).toContain('constraint conflict_events_pkey PRIMARY KEY (id)');
    expect(block).toContain('CREATE INDEX conflict_events_conflict_idx ON public.conflict_events USING btree (conflict_id, id);');
    expect(block).toContain("EXECUTE FUNCTION trail_append_only('Het audittrail van conflicten');");
    expect(fresh).toMatch(/create function trail_append_only\(\) returns trigger language plpgsql as \$\$[^$]*alleen aan te vullen/);
    // PostgreSQL 18 stores not-null as constraints too; the snapshot shows them only on the column.
    expect(fresh).not.toMatch(/_not_null/);
  });

  it('tells a changed table apart', async () => {
    const before = await schemaSnapshot(t.sql);
    await t.sql`alter table afnemers add column kleur text default 'blauw'`;
    await t.sql`create index afnemers_kleur_idx on afnemers (kleur)`;
    const after = await schemaSnapshot(t.sql);
    expect(after).not.toBe(before);
    expect(after).toContain("  kleur text default 'blauw'::text,\n");
    expect(after).toContain('CREATE INDEX afnemers_kleur_idx ON public.afnemers USING btree (kleur);');
  });
});
