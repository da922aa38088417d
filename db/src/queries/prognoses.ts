import type { NewSendWindow } from '@cd/shared';
import type { Queryable, Tx } from '../client.js';

export interface DeliveryRow {
  id: number;
  afnemerOin: string;
  uploadedBy: number;
  uploadedAt: Date;
  fileName: string | null;
  contentType: string;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
}

const PAYLOAD_SLICE = 5000;

/**
 * The JSON text of the windows for the insert, built in slices that yield to the event loop between them: one
 * JSON.stringify of 100,000 rows held it for about 160 ms.
 */
async function windowsPayload(windows: readonly NewSendWindow[]): Promise<string> {
  const parts: string[] = [];
  for (let i = 0; i < windows.length; i += PAYLOAD_SLICE) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const slice = windows.slice(i, i + PAYLOAD_SLICE).map((w) => ({
      kenmerk: w.kenmerk,
      omschrijving: w.omschrijving,
      berichttype: w.berichttype,
      start_at: w.start.toISOString(),
      end_at: w.end.toISOString(),
      aantal_berichten: w.aantalBerichten,
      status: w.status,
      vroegste_start: w.vroegsteStart?.toISOString() ?? null,
      laatste_eind: w.laatsteEind?.toISOString() ?? null,
    }));
    parts.push(JSON.stringify(slice).slice(1, -1));
  }
  return `[${parts.filter((p) => p !== '').join(',')}]`;
}

/**
 * Stores a delivery for one Afnemer: upserts its windows by kenmerk, keeps a revision of every change,
 * and records the delivery. Deliveries of the same Afnemer are serialised by an advisory lock.
 * `affected`: the old and new spans of the windows that changed, overlapping ones joined, in time order.
 * `at` is the app's now: a window's updated_at (when it was delivered) decides the advice's tie-break against windows
 * moved by plan changes, which are stamped on the app's clock too.
 */
export async function deliveryStore(
  tx: Tx,
  d: { afnemerOin: string; userId: number; fileName: string | null; contentType: string; windows: NewSendWindow[]; at: Date },
): Promise<{ delivery: DeliveryRow; affected: { from: number; to: number }[] | null }> {
  await tx`select pg_advisory_xact_lock(hashtext('deliveries'), hashtext(${d.afnemerOin}))`;
  const [delivery] = await tx<{ id: number }[]>`
    insert into deliveries (afnemer_oin, uploaded_by, file_name, content_type, row_count, created, updated, unchanged)
    values (${d.afnemerOin}, ${d.userId}, ${d.fileName}, ${d.contentType}, ${d.windows.length}, 0, 0, 0)
    returning id::int`;
  // Sent as text: a jsonb parameter would be serialised once more (as a JSON string) by postgres.js.
  const input = await windowsPayload(d.windows);
  const [counts] = await tx<{ created: number; updated: number; spans: [number, number][] }[]>`
    with previous as (
      select id, start_at, end_at from send_windows
      where afnemer_oin = ${d.afnemerOin} and kenmerk = any(${d.windows.map((w) => w.kenmerk)}::text[])
        and status <> 'geannuleerd'
    ), input as (
      select * from jsonb_to_recordset(${input}::text::jsonb) as x(
        kenmerk text, omschrijving text, berichttype text, start_at timestamptz, end_at timestamptz,
        aantal_berichten bigint, status text, vroegste_start timestamptz, laatste_eind timestamptz)
    ), upserted as (
      insert into send_windows as w (afnemer_oin, kenmerk, omschrijving, berichttype, start_at, end_at,
        aantal_berichten, status, vroegste_start, laatste_eind, delivery_id, updated_by, updated_at)
      select ${d.afnemerOin}, kenmerk, omschrijving, berichttype, start_at, end_at,
        aantal_berichten, status, vroegste_start, laatste_eind, ${delivery!.id}, ${d.userId}, ${d.at}::timestamptz
      from input
      on conflict (afnemer_oin, kenmerk) do update set
        omschrijving = excluded.omschrijving, berichttype = excluded.berichttype,
        start_at = excluded.start_at, end_at = excluded.end_at, aantal_berichten = excluded.aantal_berichten,
        status = excluded.status, vroegste_start = excluded.vroegste_start, laatste_eind = excluded.laatste_eind,
        delivery_id = excluded.delivery_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
        revision = w.revision + 1
      where (w.omschrijving, w.berichttype, w.start_at, w.end_at, w.aantal_berichten, w.status,
             w.vroegste_start, w.laatste_eind)
        is distinct from (excluded.omschrijving, excluded.berichttype, excluded.start_at, excluded.end_at,
             excluded.aantal_berichten, excluded.status, excluded.vroegste_start, excluded.laatste_eind)
      returning w.*
    ), revisions as (
      insert into send_window_revisions (window_id, revision, delivery_id, changed_by, changed_at, omschrijving,
        berichttype, start_at, end_at, aantal_berichten, status, vroegste_start, laatste_eind)
      select id, revision, delivery_id, updated_by, updated_at, omschrijving,
        berichttype, start_at, end_at, aantal_berichten, status, vroegste_start, laatste_eind
      from upserted
      returning revision
    ), changed as (
      select start_at as s, end_at as e from upserted where status <> 'geannuleerd'
      union all
      select p.start_at, p.end_at from previous p join upserted u on u.id = p.id
    ), ordered as (
      select s, e, max(e) over (order by s, e rows between unbounded preceding and 1 preceding) as before_e from changed
    ), islands as (
      select s, e, sum(case when before_e is null or s > before_e then 1 else 0 end) over (order by s, e) as island from ordered
    )
    select (select count(*) filter (where revision = 1) from revisions)::int as created,
           (select count(*) filter (where revision > 1) from revisions)::int as updated,
           (select coalesce(json_agg(json_build_array((extract(epoch from f) * 1000)::float8, (extract(epoch from t) * 1000)::float8) order by f), '[]')
            from (select min(s) as f, max(e) as t from islands group by island) x) as spans`;
  const unchanged = d.windows.length - counts!.created - counts!.updated;
  const [row] = await tx<DeliveryRow[]>`
    update deliveries set created = ${counts!.created}, updated = ${counts!.updated}, unchanged = ${unchanged}
    where id = ${delivery!.id}
    returning id::int, afnemer_oin, uploaded_by::int, uploaded_at, file_name, content_type, row_count, created, updated, unchanged`;
  if (counts!.created + counts!.updated === 0) return { delivery: row!, affected: null };
  // What changed lies within the old and new spans of the changed windows (overlapping ones joined): the recompute
  // needs no more, and never what lies between two far-apart windows.
  return { delivery: row!, affected: counts!.spans.map(([from, to]) => ({ from, to })) };
}

/** Deliveries of an Afnemer (or all when null), newest first. */
export function deliveriesList(sql: Queryable, afnemerOin: string | null, limit: number) {
  return sql<DeliveryRow[]>`
    select id::int, afnemer_oin, uploaded_by::int, uploaded_at, file_name, content_type, row_count, created, updated, unchanged
    from deliveries where (${afnemerOin}::text is null or afnemer_oin = ${afnemerOin})
    order by uploaded_at desc, id desc limit ${limit}`;
}
