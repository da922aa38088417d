import { afnemerByOin, type UserRow } from '@cd/db';
import type { CurrentUser } from '@cd/shared';
import type { Deps } from '../lib/context.js';

/** The user as the API shows them, with their Afnemer's name. */
export async function currentUserJson(deps: Deps, user: UserRow): Promise<CurrentUser> {
  const afnemer = user.afnemerOin ? await afnemerByOin(deps.sql, user.afnemerOin) : null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, afnemer };
}
