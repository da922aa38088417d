import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './client.js';

/** Where the snapshot of the migrated schema is checked in. */
export const schemaSnapshotPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema.sql');

/** The command that writes it anew (README, and the test that compares it). */
export const SCHEMA_SNAPSHOT_COMMAND = 'pnpm db:schema';

const HEADER = `-- Het schema zoals de migraties het nu opleveren: gegenereerd met \`${SCHEMA_SNAPSHOT_COMMAND}\`, niet met de hand bewerken.
-- Wijzigen gaat met een nieuwe migratie in db/migrations/; de test tests/schema-snapshot.test.ts vergelijkt dit bestand.
`;

interface ColumnRow {
  table: string;
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  identity: string;
  generated: string;
}
interface DefRow {
  table: string;
  name: string;
  def: string;
}
interface FunctionRow {
  name: string;
  args: string;
  result: string;
  language: string;
  body: string;
}

/**
 * The shape of the public schema as text: tables with their columns, constraints, indexes and triggers, then the
 * functions. Read from the catalog and formatted here (not pg_dump), so PostgreSQL 15 and 18 give the same text:
 * names sort bytewise, and PostgreSQL 18's not-null constraints (pg_constraint type 'n') are left to the columns.
 */
export async function schemaSnapshot(sql: Sql): Promise<string> {
  return sql.begin('read only', async (tx) => {
    await tx`set local search_path = public`;
    const columns = await tx<ColumnRow[]>`
      select c.relname as table, a.attname as name,
        -- A column's own collation (say "C" on a key) is part of its type; the type's default is left out.
        format_type(a.atttypid, a.atttypmod) || coalesce((select ' collate "' || co.collname || '"' from pg_collation co join pg_type t on t.oid = a.atttypid
          where co.oid = a.attcollation and a.attcollation <> t.typcollation), '') as type, a.attnotnull as not_null,
        pg_get_expr(d.adbin, d.adrelid) as default, a.attidentity::text as identity, a.attgenerated::text as generated
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
      where c.relkind in ('r', 'p')
      order by c.relname collate "C", a.attnum`;
    const constraints = await tx<DefRow[]>`
      select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as def
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where k.contype in ('p', 'u', 'f', 'c', 'x')
      order by c.relname collate "C", k.conname collate "C"`;
    const indexes = await tx<DefRow[]>`
      select c.relname as table, i.relname as name, pg_get_indexdef(x.indexrelid) as def
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class c on c.oid = x.indrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.conrelid = x.indrelid)
      order by c.relname collate "C", i.relname collate "C"`;
    const triggers = await tx<DefRow[]>`
      select c.relname as table, t.tgname as name, pg_get_triggerdef(t.oid) as def
      from pg_trigger t
      join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where not t.tgisinternal
      order by c.relname collate "C", t.tgname collate "C"`;
    const functions = await tx<FunctionRow[]>`
      select p.proname as name, pg_get_function_arguments(p.oid) as args, pg_get_function_result(p.oid) as result,
        l.lanname as language, p.prosrc as body
      from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace and n.nspname = 'public'
      join pg_language l on l.oid = p.prolang
      order by p.proname collate "C", pg_get_function_identity_arguments(p.oid) collate "C"`;

    const byTable = <T extends { table: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.table, [...(m.get(r.table) ?? []), r]);
      return m;
    };
    const [constraintsOf, indexesOf, triggersOf] = [byTable(constraints), byTable(indexes), byTable(triggers)];
    const out: string[] = [HEADER];
    for (const [table, cols] of byTable(columns)) {
      const lines = cols.map((c) => {
        let line = `  ${c.name} ${c.type}`;
        if (c.generated === 's') line += ` generated always as (${c.default}) stored`;
        else if (c.identity) line += ` generated ${c.identity === 'a' ? 'always' : 'by default'} as identity`;
        else if (c.default !== null) line += ` default ${c.default}`;
        if (c.notNull) line += ' not null';
        return line;
      });
      for (const k of constraintsOf.get(table) ?? []) lines.push(`  constraint ${k.name} ${k.def}`);
      out.push(`create table ${table} (\n${lines.join(',\n')}\n);`);
      for (const i of indexesOf.get(table) ?? []) out.push(`${i.def};`);
      for (const t of triggersOf.get(table) ?? []) out.push(`${t.def};`);
      out.push('');
    }
    for (const f of functions) {
      out.push(`create function ${f.name}(${f.args}) returns ${f.result} language ${f.language} as $$${f.body}$$;`, '');
    }
    return `${out.join('\n').trimEnd()}\n`;
  });
}

/** The checked-in snapshot, or null when there is none yet. */
export async function schemaSnapshotRead(path = schemaSnapshotPath): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
