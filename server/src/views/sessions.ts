import { afnemerByOin, userRfcPermission, type UserRow } from '@cd/db';
import type { CurrentUser } from '@cd/shared';
import { accessReach } from '@cd/shared/access';
import type { Deps } from '../lib/context.js';

/** The user as the API shows them, with their Afnemer's name and whether they may file an RFC now (section 2.3). */
export async function currentUserJson(deps: Deps, user: UserRow): Promise<CurrentUser> {
  const afnemer = user.afnemerOin ? await afnemerByOin(deps.sql, user.afnemerOin) : null;
  const reach = accessReach(user.role, 'rfc.file');
  const mayFileRfc = reach === 'any' || (reach === 'own' && (await userRfcPermission(deps.sql, user.id))?.mayFileRfc === true);
  return { id: user.id, email: user.email, name: user.name, role: user.role, afnemer, mayFileRfc };
}
