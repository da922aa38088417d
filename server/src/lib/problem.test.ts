import { describe, expect, it } from 'vitest';
import { errorIsDatabaseUnreachable } from './problem.js';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('errorIsDatabaseUnreachable', () => {
  it('knows the connection codes of postgres.js and Node, and SQLSTATE class 08 and 57P01-57P03', () => {
    for (const code of [
      'ECONNREFUSED',
      'CONNECTION_CLOSED',
      'CONNECTION_ENDED',
      'CONNECTION_DESTROYED',
      'CONNECT_TIMEOUT',
      '08000',
      '08006',
      '08P01',
      '57P01',
      '57P02',
      '57P03',
    ]) {
      expect(errorIsDatabaseUnreachable(withCode(code)), code).toBe(true);
    }
  });

  it('leaves ordinary errors alone: constraint violations, serialization failures, a query cancelled by timeout', () => {
    for (const code of ['23505', '40001', '57014', '42P01', 'ERR_INVALID_ARG_TYPE', '0800']) {
      expect(errorIsDatabaseUnreachable(withCode(code)), code).toBe(false);
    }
    expect(errorIsDatabaseUnreachable(new Error('kapot'))).toBe(false);
    expect(errorIsDatabaseUnreachable(null)).toBe(false);
  });

  it('looks inside an AggregateError (a host with several addresses) and a cause', () => {
    expect(errorIsDatabaseUnreachable(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe(true);
    expect(errorIsDatabaseUnreachable(new Error('wrapped', { cause: withCode('CONNECT_TIMEOUT') }))).toBe(true);
  });
});
