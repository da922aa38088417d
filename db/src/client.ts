import postgres from 'postgres';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** Either the pool or a transaction: query modules accept both. */
export type Queryable = Sql | Tx;

/** Opens one pool on `url`; every query in the product goes through it. */
export function createSql(url: string, opts: { max?: number } = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    transform: { undefined: null, column: { from: postgres.toCamel } },
    connection: { application_name: 'capaciteitsdashboard', TimeZone: 'UTC' },
  });
}
