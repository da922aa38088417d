/**
 * How an involved Afnemer is reached when the procedure asks something of it: its users with the role that
 * answers, or, without such an account, by e-mail at its Bijlage-1 contacts.
 */

import type { ContactRole } from '../incidents/contacts.js';
import type { Role } from '../roles.js';

/** What is asked: an assessment (step 3) or an answer to the advice (step 5). */
export type ReachPurpose = 'assessment' | 'advice';

/** Who answers in the app, and which Bijlage-1 contacts stand in, in order of preference. */
export const REACH_ROUTES: Readonly<Record<ReachPurpose, { readonly role: Role; readonly contacts: readonly ContactRole[] }>> = {
  assessment: { role: 'planner', contacts: ['planning', 'klantraad'] },
  advice: { role: 'klantraad-manager', contacts: ['klantraad', 'planning'] },
};

export interface ReachContact {
  readonly afnemer: string;
  readonly role: ContactRole;
  readonly email: string;
}

export interface Reach {
  readonly afnemer: string;
  /** 'account': its users in the app (and by e-mail); 'contact': e-mail to a Bijlage-1 contact; 'none': unreachable. */
  readonly via: 'account' | 'contact' | 'none';
  /** The user role or the contact role reached; null when none. */
  readonly role: Role | ContactRole | null;
  readonly emails: readonly string[];
}

/**
 * Returns, per Afnemer in order, how it is reached for `purpose`: by its accounts with the answering role when it has
 * any, else at all its contacts of the first contact role (planning, then Klantraad for an assessment; the reverse
 * for the advice) that has an e-mail address, else not at all.
 * Edge: contacts without an e-mail address do not count; contacts of other Afnemers are ignored.
 */
export function procedureReach(
  afnemers: readonly string[],
  purpose: ReachPurpose,
  accounts: ReadonlyMap<string, readonly string[]>,
  contacts: readonly ReachContact[],
): Reach[] {
  const route = REACH_ROUTES[purpose];
  return afnemers.map((afnemer) => {
    const users = accounts.get(afnemer) ?? [];
    if (users.length > 0) return { afnemer, via: 'account', role: route.role, emails: [...users] };
    for (const role of route.contacts) {
      const emails = contacts.filter((c) => c.afnemer === afnemer && c.role === role && c.email.trim() !== '').map((c) => c.email);
      if (emails.length > 0) return { afnemer, via: 'contact', role, emails: [...new Set(emails)] };
    }
    return { afnemer, via: 'none', role: null, emails: [] };
  });
}
