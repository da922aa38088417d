import postgres from 'postgres';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** Either the pool or a transaction: query modules accept both. */
export type Queryable = Sql | Tx;

/**
 * Opens one pool on `url`; every query in the product goes through it. `applicationName` tells this pool's
 * connections apart in pg_stat_activity (the server's metrics count the busy ones).
 */
export function createSql(url: string, opts: { max?: number; applicationName?: string } = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    transform: { undefined: null, column: { from: postgres.toCamel } },
    connection: { application_name: opts.applicationName ?? 'capaciteitsdashboard', TimeZone: 'UTC' },
    // Try again at most half a second apart, so service resumes as soon as the database is back. The default backs
    // off to 20 s, and the live stream's LISTEN connection shares the pool's count of failures: dashboards stayed
    // stale for half a minute after an outage.
    backoff: (retries) => Math.min(0.05 * 2 ** retries, 0.5),
  });
}
