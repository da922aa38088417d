import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Tx } from '../client.js';
import { copyColumns } from './delivery-staging.js';
import type { DeliveryRow } from './prognoses.js';

/** Up to this many rows a delivery is staged with an INSERT rather than COPY (see deliveriesBulkStore). */
const SMALL_DELIVERY_ROWS = 2000;

/** A delivery staged for COPY: its lines in chunks, and how many rows each Afnemer has in it. */
export interface StagedDelivery {
  chunks: string[];
  /** Rows per Afnemer (OIN), in the order the Afnemers' locks are taken: sorted. */
  counts: [string, number][];
}

export interface BulkStoreResult {
  deliveries: DeliveryRow[];
  /** The old and new spans of the windows that changed, overlapping ones joined, in time order (ms); empty when none. */
  affected: { from: number; to: number }[];
}

/** What one merge statement did: rows created and updated per delivery, and the changed spans (ms, islands joined). */
interface MergeOutcome {
  counts: { id: number; created: number; updated: number }[];
  spans: [number, number][];
}

/**
 * The one set-based statement of a bulk delivery: inserts the new windows of `source` (the staging table or column
 * arrays), updates the changed ones (by Afnemer and kenmerk), writes a revision for each. With `probe`, each row
 * looks up its window by the (Afnemer, kenmerk) index instead of hashing all windows: a piece of a streamed delivery
 * otherwise read every window again, those of the earlier pieces included (60,000 rows for the fourth piece).
 */
async function merge(
  tx: Tx,
  source: ReturnType<typeof tx>,
  oins: string[],
  ids: number[],
  userId: number,
  at: Date,
  version: string,
  probe = false,
): Promise<MergeOutcome> {
  const [merged] = await tx<MergeOutcome[]>`
    with ids as (
      select * from unnest(${oins}::text[], ${ids}::bigint[]) as d(oin, id)
    ), staged as (
      select afnemer_oin, kenmerk, omschrijving, berichttype, aantal_berichten, status,
        'epoch'::timestamptz + start_ms * interval '1 millisecond' as start_at,
        'epoch'::timestamptz + end_ms * interval '1 millisecond' as end_at,
        'epoch'::timestamptz + vroegste_ms * interval '1 millisecond' as vroegste_start,
        'epoch'::timestamptz + laatste_ms * interval '1 millisecond' as laatste_eind
      from ${source}
    ), matched as (
      select s.*, w.id as window_id, w.start_at as old_start, w.end_at as old_end, w.status as old_status,
        (w.omschrijving, w.berichttype, w.start_at, w.end_at, w.aantal_berichten, w.status, w.vroegste_start, w.laatste_eind)
          is distinct from (s.omschrijving, s.berichttype, s.start_at, s.end_at, s.aantal_berichten, s.status,
          s.vroegste_start, s.laatste_eind) as differs
      from staged s ${
        probe
          ? tx`left join lateral (select * from send_windows x where x.afnemer_oin = s.afnemer_oin and x.kenmerk = s.kenmerk limit 1) w on true`
          : tx`left join send_windows w on w.afnemer_oin = s.afnemer_oin and w.kenmerk = s.kenmerk`
      }
    ), inserted as (
      insert into send_windows (afnemer_oin, kenmerk, omschrijving, berichttype, start_at, end_at, aantal_berichten,
        status, vroegste_start, laatste_eind, delivery_id, updated_by, updated_at, changed_version)
      select afnemer_oin, kenmerk, omschrijving, berichttype, start_at, end_at, aantal_berichten,
        status, vroegste_start, laatste_eind, ids.id, ${userId}, ${at}::timestamptz, ${version}::bigint
      from matched m join ids on ids.oin = m.afnemer_oin where m.window_id is null
      returning id, revision, delivery_id, updated_by, updated_at, omschrijving, berichttype, start_at, end_at,
        aantal_berichten, status, vroegste_start, laatste_eind
    ), updated as (
      update send_windows w set omschrijving = m.omschrijving, berichttype = m.berichttype, start_at = m.start_at,
        end_at = m.end_at, aantal_berichten = m.aantal_berichten, status = m.status, vroegste_start = m.vroegste_start,
        laatste_eind = m.laatste_eind, delivery_id = ids.id, updated_by = ${userId}, updated_at = ${at}::timestamptz,
        revision = w.revision + 1, changed_version = ${version}::bigint
      from matched m join ids on ids.oin = m.afnemer_oin
      where m.window_id is not null and w.id = m.window_id and m.differs
      returning w.id, w.revision, w.delivery_id, w.updated_by, w.updated_at, w.omschrijving, w.berichttype, w.start_at,
        w.end_at, w.aantal_berichten, w.status, w.vroegste_start, w.laatste_eind, m.old_start, m.old_end, m.old_status
    ), changes as (
      select id, revision, delivery_id, updated_by, updated_at, omschrijving, berichttype, start_at, end_at,
        aantal_berichten, status, vroegste_start, laatste_eind from inserted
      union all
      select id, revision, delivery_id, updated_by, updated_at, omschrijving, berichttype, start_at, end_at,
        aantal_berichten, status, vroegste_start, laatste_eind from updated
    ), revisions as (
      insert into send_window_revisions (window_id, revision, delivery_id, changed_by, changed_at, omschrijving,
        berichttype, start_at, end_at, aantal_berichten, status, vroegste_start, laatste_eind)
      select id, revision, delivery_id, updated_by, updated_at, omschrijving, berichttype, start_at, end_at,
        aantal_berichten, status, vroegste_start, laatste_eind
      from changes
      returning delivery_id, revision
    ), changed as (
      select start_at as s, end_at as e from changes where status <> 'geannuleerd'
      union all
      select old_start, old_end from updated where old_status <> 'geannuleerd'
    ), ordered as (
      select s, e, max(e) over (order by s, e rows between unbounded preceding and 1 preceding) as before_e from changed
    ), islands as (
      select s, e, sum(case when before_e is null or s > before_e then 1 else 0 end) over (order by s, e) as island from ordered
    )
    select
      (select coalesce(json_agg(json_build_object('id', delivery_id, 'created', created, 'updated', updated)), '[]')
       from (select delivery_id, count(*) filter (where revision = 1)::int as created, count(*) filter (where revision > 1)::int as updated
             from revisions group by delivery_id) c) as counts,
      (select coalesce(json_agg(json_build_array((extract(epoch from f) * 1000)::float8, (extract(epoch from t) * 1000)::float8) order by f), '[]')
       from (select min(s) as f, max(e) as t from islands group by island) x) as spans`;
  return merged!;
}

/** Spans in time order, overlapping and touching ones joined (as the merge joins its islands). */
function spansJoin(spans: readonly [number, number][]): { from: number; to: number }[] {
  const sorted = [...spans].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: { from: number; to: number }[] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else out.push({ from, to });
  }
  return out;
}

/** Created, updated and unchanged written onto the deliveries; the rows in the order of `ids`. */
async function deliveriesCount(
  tx: Tx,
  ids: number[],
  counts: Map<number, { created: number; updated: number }>,
  file?: { fileName: string | null; contentType: string; rowCount: number },
): Promise<DeliveryRow[]> {
  const rows = await tx<DeliveryRow[]>`
    update deliveries d set created = c.created, updated = c.updated,
      row_count = coalesce(${file?.rowCount ?? null}::int, d.row_count),
      unchanged = coalesce(${file?.rowCount ?? null}::int, d.row_count) - c.created - c.updated,
      file_name = case when ${file !== undefined} then ${file?.fileName ?? null}::text else d.file_name end,
      content_type = coalesce(${file?.contentType ?? null}::text, d.content_type)
    from unnest(${ids}::bigint[], ${ids.map((id) => counts.get(id)?.created ?? 0)}::int[], ${ids.map((id) => counts.get(id)?.updated ?? 0)}::int[])
      as c(id, created, updated)
    where d.id = c.id
    returning d.id::int, d.afnemer_oin, d.uploaded_by::int, d.uploaded_at, d.file_name, d.content_type, d.row_count,
      d.created, d.updated, d.unchanged`;
  const order = new Map(ids.map((id, i) => [id, i]));
  return [...rows].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** Adds a merge's counts per delivery into `into`. */
function countsAdd(into: Map<number, { created: number; updated: number }>, outcome: MergeOutcome): void {
  for (const c of outcome.counts) {
    const had = into.get(c.id) ?? { created: 0, updated: 0 };
    into.set(c.id, { created: had.created + c.created, updated: had.updated + c.updated });
  }
}

const createStaging = (tx: Tx) => tx`
  create temp table delivery_staging (
    afnemer_oin text not null, kenmerk text not null, omschrijving text not null, berichttype text not null,
    start_ms bigint not null, end_ms bigint not null, aantal_berichten bigint not null, status text not null,
    vroegste_ms bigint, laatste_ms bigint
  ) on commit drop`;

async function copyIn(tx: Tx, chunks: readonly string[]): Promise<void> {
  const writable = await tx`copy delivery_staging from stdin`.writable();
  await pipeline(Readable.from(chunks), writable);
}

/**
 * Stores a delivery for one or more Afnemers in a few statements, whatever its size: COPY into a staging table,
 * then one set-based merge that inserts the new windows, updates the changed ones (by Afnemer and kenmerk), writes a
 * revision for each and records one delivery per Afnemer. Same outcome as deliveryStore per Afnemer; deliveries of
 * the same Afnemer are serialised by the same advisory lock, taken in the order of `staged.counts`.
 */
export async function deliveriesBulkStore(
  tx: Tx,
  staged: StagedDelivery,
  d: { userId: number; fileName: string | null; contentType: string; at: Date },
): Promise<BulkStoreResult> {
  const rowTotal = staged.counts.reduce((n, [, count]) => n + count, 0);
  let source: ReturnType<typeof tx>;
  if (rowTotal > SMALL_DELIVERY_ROWS) {
    // Staged before the locks are taken: the COPY does not hold up the Afnemer's other changes.
    await createStaging(tx);
    await copyIn(tx, staged.chunks);
    // Sorts and hashes of a whole delivery stay in memory (the default 4 MB spills 100,000 rows to disk).
    await tx`set local work_mem = '64MB'`;
    source = tx`delivery_staging`;
  } else {
    // A small delivery goes in as column arrays, without a staging table: creating one (catalog rows) and COPY's
    // last message (it waits for the server's delayed ACK, ~40 ms) would double the time of a one-row upload.
    const c = copyColumns(staged.chunks);
    source = tx`unnest(${c[0]!}::text[], ${c[1]!}::text[], ${c[2]!}::text[], ${c[3]!}::text[], ${c[4]!}::bigint[],
      ${c[5]!}::bigint[], ${c[6]!}::bigint[], ${c[7]!}::text[], ${c[8]!}::bigint[], ${c[9]!}::bigint[])
      as delivery_staging(afnemer_oin, kenmerk, omschrijving, berichttype, start_ms, end_ms, aantal_berichten, status,
        vroegste_ms, laatste_ms)`;
  }
  const { ids, version } = await deliveriesOpen(tx, staged.counts, d);
  const oins = staged.counts.map(([oin]) => oin);
  const merged = await merge(tx, source, oins, ids, d.userId, d.at, version);
  const counts = new Map<number, { created: number; updated: number }>();
  countsAdd(counts, merged);
  return { deliveries: await deliveriesCount(tx, ids, counts), affected: merged.spans.map(([from, to]) => ({ from, to })) };
}

/** Takes the Afnemers' locks in order, records their deliveries (counts still 0) and claims the planning version. */
async function deliveriesOpen(
  tx: Tx,
  counts: readonly [string, number][],
  d: { userId: number; fileName: string | null; contentType: string },
): Promise<{ ids: number[]; version: string }> {
  const oins = counts.map(([oin]) => oin);
  for (const oin of oins) await tx`select pg_advisory_xact_lock(hashtext('deliveries'), hashtext(${oin}))`;
  const deliveries = await tx<{ id: number; afnemerOin: string }[]>`
    insert into deliveries (afnemer_oin, uploaded_by, file_name, content_type, row_count, created, updated, unchanged)
    select oin, ${d.userId}, ${d.fileName}, ${d.contentType}, n, 0, 0, 0
    from unnest(${oins}::text[], ${counts.map(([, n]) => n)}::int[]) with ordinality as t(oin, n, i) order by i
    returning id::int, afnemer_oin`;
  const [{ version }] = (await tx<{ version: string }[]>`select planning_version_claim()::text as version`) as unknown as [{ version: string }];
  return { ids: deliveries.map((x) => x.id), version };
}

/** A delivery of one Afnemer stored piece by piece while its file is still being read (deliveriesBulkStream). */
export interface BulkStream {
  /** Stages one piece of COPY text (rows of the stream's Afnemer) and merges it. */
  add(chunk: string): Promise<void>;
  /** Records the file, its row count and what the pieces did on the delivery; the result as deliveriesBulkStore's. */
  finish(file: { fileName: string | null; contentType: string; rowCount: number }): Promise<BulkStoreResult>;
}

/**
 * deliveriesBulkStore for one Afnemer, piece by piece: the parser's pieces are merged as they come, so the database
 * works while the worker reads on (issue 16). Same rows, revisions, counts and spans as one merge of all pieces: a
 * file repeats no kenmerk, so no piece touches another's windows. The Afnemer's lock is taken at the start, so other
 * changes of that Afnemer wait for the reading too; the caller rolls the transaction back when the file turns out
 * to be invalid.
 */
export async function deliveriesBulkStream(tx: Tx, afnemerOin: string, userId: number, at: Date): Promise<BulkStream> {
  const { ids, version } = await deliveriesOpen(tx, [[afnemerOin, 0]], { userId, fileName: null, contentType: 'text/csv' });
  await createStaging(tx);
  await tx`set local work_mem = '64MB'`;
  const counts = new Map<number, { created: number; updated: number }>();
  const spans: [number, number][] = [];
  let pieces = 0;
  return {
    async add(chunk) {
      if (pieces++ > 0) await tx`truncate delivery_staging`;
      await copyIn(tx, [chunk]);
      const outcome = await merge(tx, tx`delivery_staging`, [afnemerOin], ids, userId, at, version, true);
      countsAdd(counts, outcome);
      for (const span of outcome.spans) spans.push(span);
    },
    async finish(file) {
      return { deliveries: await deliveriesCount(tx, ids, counts, file), affected: spansJoin(spans) };
    },
  };
}
