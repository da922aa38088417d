import { ProcedureStateSchema, type ProcedureState } from '@cd/shared';
import type { Queryable, Tx } from '../client.js';

export interface CaseRow {
  conflictId: number;
  step: string;
  state: ProcedureState;
  deadline: Date | null;
}

type CaseStored = Omit<CaseRow, 'state'> & { state: unknown };

/** A case as read, its state parsed with its schema; a state that does not match throws (a 500, never a 400). */
function caseParse(row: CaseStored): CaseRow {
  const parsed = ProcedureStateSchema.safeParse(row.state);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(state)'}: ${i.message}`).join('; ');
    throw new Error(`Het dossier van conflict ${row.conflictId} heeft een ongeldige toestand: ${where}`);
  }
  return { ...row, state: parsed.data };
}

/** Stores a case's state (insert or replace). */
export async function caseSave(tx: Tx, conflictId: number, step: string, state: ProcedureState, deadline: Date | null) {
  await tx`
    insert into conflict_cases (conflict_id, step, state, deadline, updated_at)
    values (${conflictId}, ${step}, ${tx.json(state as never)}, ${deadline}, now())
    on conflict (conflict_id) do update set step = excluded.step, state = excluded.state,
      deadline = excluded.deadline, updated_at = now()`;
}

/** The case of a conflict, locked for this transaction when `lock` is set; null when there is none. */
export async function caseLoad(sql: Queryable, conflictId: number, lock = false): Promise<CaseRow | null> {
  const [row] = lock
    ? await sql<CaseStored[]>`select conflict_id::int, step, state, deadline from conflict_cases where conflict_id = ${conflictId} for update`
    : await sql<CaseStored[]>`select conflict_id::int, step, state, deadline from conflict_cases where conflict_id = ${conflictId}`;
  return row ? caseParse(row) : null;
}

/**
 * Open cases whose deadline has passed at `now` and that have had no overdue notice for that deadline yet,
 * locked for this transaction; cases another instance is handling are skipped.
 */
export async function casesOverdueUnnoticed(tx: Tx, now: Date): Promise<CaseRow[]> {
  const rows = await tx<CaseStored[]>`
    select k.conflict_id::int, k.step, k.state, k.deadline from conflict_cases k join conflicts c on c.id = k.conflict_id
    where c.status = 'open' and k.step <> 'resolved' and k.deadline <= ${now}
      and k.overdue_notice_for is distinct from k.deadline
    order by k.deadline, k.conflict_id
    for update of k skip locked`;
  return rows.map(caseParse);
}

/** Records that the overdue notice for the case's current deadline was sent. */
export async function caseOverdueNoticed(tx: Tx, conflictId: number) {
  await tx`update conflict_cases set overdue_notice_for = deadline where conflict_id = ${conflictId}`;
}

/**
 * The row versions of these conflicts' cases, as one text (conflict id and xmin of each, in id order): any change of
 * a case (a new row version, a case added or deleted) gives another text. Cheap: the cases are not read or parsed.
 */
export async function casesVersion(sql: Queryable, ids: number[]): Promise<string> {
  const [row] = await sql<{ version: string | null }[]>`
    select string_agg(conflict_id::text || ':' || xmin::text, ',' order by conflict_id) as version
    from conflict_cases where conflict_id = any(${ids}::bigint[])`;
  return row!.version ?? '';
}

/**
 * The version of a conflict's case file as one text: its case row's version (xmin) and the count, newest id and newest
 * row version of its trail. Any change of the case or its trail gives another text; nothing is parsed.
 */
export async function caseFileVersion(sql: Queryable, conflictId: number): Promise<string> {
  const [row] = await sql<{ version: string }[]>`
    select coalesce((select xmin::text from conflict_cases where conflict_id = ${conflictId}), '-') || '/' ||
      (select count(*)::text || '.' || coalesce(max(id), 0)::text || '.' || coalesce(max(xmin::text::bigint), 0)::text
       from conflict_events where conflict_id = ${conflictId}) as version`;
  return row!.version;
}

/** The cases of these conflicts. */
export async function casesByConflicts(sql: Queryable, ids: number[]): Promise<CaseRow[]> {
  const rows = await sql<CaseStored[]>`select conflict_id::int, step, state, deadline from conflict_cases where conflict_id = any(${ids}::bigint[])`;
  return rows.map(caseParse);
}
