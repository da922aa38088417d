import postgres from 'postgres';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** Either the pool or a transaction: query modules accept both. */
export type Queryable = Sql | Tx;

/** PostgreSQL's text of a timestamptz: `yyyy-mm-dd hh:mm:ss[.ffffff]+hh[:mm]` (years 1-9999). */
const PG_TIMESTAMPTZ = /^(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(:\d\d)?$/;

/**
 * Reads a date or time as PostgreSQL writes it. A timestamptz becomes ISO 8601 first: `new Date('0013-01-01
 * 00:00:00+00')` is an Invalid Date in V8 (its fallback parser misreads years before 100), so a stored year 13
 * answered 500 (found by tests/fuzz.test.ts). Anything else goes to `new Date` as postgres.js does.
 */
export function pgDateParse(text: string): Date {
  const m = PG_TIMESTAMPTZ.exec(text);
  return new Date(m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}${m[5]}${m[6] ?? ':00'}` : text);
}

/**
 * Opens one pool on `url`; every query in the product goes through it. `applicationName` tells this pool's
 * connections apart in pg_stat_activity (the server's metrics count the busy ones).
 */
export function createSql(url: string, opts: { max?: number; applicationName?: string } = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    transform: { undefined: null, column: { from: postgres.toCamel } },
    types: {
      // postgres.js's own date type (the same oids and serializer), with a parser that reads every storable year.
      date: {
        to: 1184,
        from: [1082, 1114, 1184],
        serialize: (x: unknown) => (x instanceof Date ? x : new Date(x as string)).toISOString(),
        parse: pgDateParse,
      },
    },
    connection: { application_name: opts.applicationName ?? 'capaciteitsdashboard', TimeZone: 'UTC' },
    // Try again at most half a second apart, so service resumes as soon as the database is back. The default backs
    // off to 20 s, and the live stream's LISTEN connection shares the pool's count of failures: dashboards stayed
    // stale for half a minute after an outage.
    backoff: (retries) => Math.min(0.05 * 2 ** retries, 0.5),
  });
}
