import type { ContactRow } from '@cd/db';
import { CONTACT_ROLE_LABELS, type ContactJson } from '@cd/shared';

export function contactJson(r: ContactRow): ContactJson {
  return {
    id: r.id,
    afnemer: r.afnemerOin,
    role: r.role,
    roleLabel: CONTACT_ROLE_LABELS[r.role],
    name: r.name,
    email: r.email,
    phone: r.phone,
    updatedAt: r.updatedAt.toISOString(),
  };
}
