import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { errorIsDatabaseUnreachable, errorToProblem } from './problem.js';

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

describe('errorToProblem', () => {
  const app = new Hono();
  app.onError(errorToProblem);
  app.post(
    '/checked',
    validator('json', (v) => v),
    (c) => c.json(c.req.valid('json')),
  );
  app.get('/bug', () => {
    JSON.parse('{"kapot": ');
    return new Response('nooit');
  });

  it('answers malformed JSON in a body read through the validator with a Dutch 400', async () => {
    const res = await app.request('/checked', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ detail: 'De aanvraag bevat geen geldige JSON.' });
  });

  it('answers a SyntaxError that did not come from the request body with 500, not with a 400 blaming the client', async () => {
    const res = await app.request('/bug');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.stringify(await res.json())).not.toContain('geldige JSON');
  });
});
