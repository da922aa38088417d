import type { Queryable, Tx } from '../client.js';

export interface SettingRow {
  key: string;
  value: unknown;
  updatedAt: Date;
}

/** The stored overrides, by key (a key without a row has its default). */
export async function settingsStored(sql: Queryable): Promise<Record<string, unknown>> {
  const rows = await sql<SettingRow[]>`select key, value, updated_at from settings`;
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** One stored override, or undefined. */
export async function settingStored(sql: Queryable, key: string): Promise<unknown> {
  const [row] = await sql<{ value: unknown }[]>`select value from settings where key = ${key}`;
  return row?.value;
}

/** Locks the settings table against a concurrent change, so each history row's old value is the one it replaced. */
export async function settingsLock(tx: Tx) {
  await tx`lock table settings in share row exclusive mode`;
}

/** Stores one setting and its history row. */
export async function settingSet(tx: Tx, c: { key: string; oldValue: unknown; newValue: unknown; reason: string; userId: number; at: Date }) {
  await tx`
    insert into settings (key, value, updated_by, updated_at) values (${c.key}, ${tx.json(c.newValue as never)}, ${c.userId}, ${c.at})
    on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
  await tx`
    insert into setting_changes (key, old_value, new_value, reason, changed_by, changed_at)
    values (${c.key}, ${tx.json(c.oldValue as never)}, ${tx.json(c.newValue as never)}, ${c.reason}, ${c.userId}, ${c.at})`;
}

export interface SettingChangeRow {
  id: number;
  key: string;
  oldValue: unknown;
  newValue: unknown;
  reason: string;
  changedAt: Date;
  changedBy: string;
}

/** The history of the settings (of one key, or all when null), newest first. */
export function settingChanges(sql: Queryable, key: string | null, limit: number) {
  return sql<SettingChangeRow[]>`
    select c.id::int, c.key, c.old_value, c.new_value, c.reason, c.changed_at, u.email as changed_by
    from setting_changes c join users u on u.id = c.changed_by
    where (${key}::text is null or c.key = ${key})
    order by c.changed_at desc, c.id desc limit ${limit}`;
}
