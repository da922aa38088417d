import { describe, expect, it } from 'vitest';
import { OIN_A, OIN_B, OIN_C } from './procedure.fixtures.js';
import { procedureReach, type ReachContact } from './reach.js';

const contacts: ReachContact[] = [
  { afnemer: OIN_B, role: 'klantraad', email: 'manager@b.example' },
  { afnemer: OIN_B, role: 'planning', email: 'planning@b.example' },
  { afnemer: OIN_B, role: 'planning', email: 'planning@b.example' },
  { afnemer: OIN_C, role: 'klantraad', email: 'manager@c.example' },
  { afnemer: OIN_C, role: 'planning', email: '  ' },
  { afnemer: OIN_A, role: 'contactpersoon', email: 'beheer@a.example' },
];

describe('procedureReach', () => {
  it('reaches an Afnemer with accounts through them, and one without at its planning contact for an assessment', () => {
    const accounts = new Map([[OIN_A, ['planner@a.example']]]);
    expect(procedureReach([OIN_A, OIN_B], 'assessment', accounts, contacts)).toEqual([
      { afnemer: OIN_A, via: 'account', role: 'planner', emails: ['planner@a.example'] },
      { afnemer: OIN_B, via: 'contact', role: 'planning', emails: ['planning@b.example'] },
    ]);
  });

  it('prefers the Klantraad contact for the advice, and falls back to the other contact role', () => {
    expect(procedureReach([OIN_B], 'advice', new Map(), contacts)).toEqual([
      { afnemer: OIN_B, via: 'contact', role: 'klantraad', emails: ['manager@b.example'] },
    ]);
    // C's planning contact has no address: its Klantraad contact is asked for the assessment.
    expect(procedureReach([OIN_C], 'assessment', new Map(), contacts)).toEqual([
      { afnemer: OIN_C, via: 'contact', role: 'klantraad', emails: ['manager@c.example'] },
    ]);
  });

  it('says when an Afnemer cannot be reached: no account, and no planning or Klantraad contact', () => {
    expect(procedureReach([OIN_A], 'advice', new Map([[OIN_A, []]]), contacts)).toEqual([{ afnemer: OIN_A, via: 'none', role: null, emails: [] }]);
  });
});
