import { rfcById, type RfcRow, type Tx, type UserRow } from '@cd/db';
import { afnemerScope } from '../lib/context.js';
import { ProblemError } from '../lib/problem.js';

/** The RFC if the user may see it: Logius sees all, an Afnemer's users only their own Afnemer's. */
export async function rfcVisible(sql: Tx | Parameters<typeof rfcById>[0], id: number, user: UserRow, lock = false): Promise<RfcRow> {
  const row = await rfcById(sql, id, lock);
  if (!row) throw new ProblemError(404, 'Deze RFC bestaat niet.');
  const scope = afnemerScope(user);
  if (scope !== null && scope !== row.afnemerOin) throw new ProblemError(403, 'Deze RFC hoort bij een andere Afnemer.');
  return row;
}
