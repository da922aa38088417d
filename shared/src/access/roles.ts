/** Every role a user can have; the zod schema `Role` in ../roles.ts is built from this list. */
export const ROLES = [
  'planner',
  'klantraad-manager',
  'capacity-manager',
  'service-manager',
  'incident-manager',
  'calamity-manager',
  'admin',
  'fraudeteam',
  'security-officer',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles bound to one Afnemer; every other role belongs to Logius. */
export const AFNEMER_ROLES: readonly Role[] = ['planner', 'klantraad-manager'];

/** True when the role works for an Afnemer (and so needs one), false for Logius roles. */
export function roleIsAfnemerBound(role: Role): boolean {
  return AFNEMER_ROLES.includes(role);
}

/** True for Logius' roles: every role that is not bound to an Afnemer. */
export function roleIsLogius(role: Role): boolean {
  return !roleIsAfnemerBound(role);
}

/** Dutch names of the roles, for screens and messages (the web's Dutch dictionary takes them from here). */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  planner: 'Planner',
  'klantraad-manager': 'Klantraad-manager',
  'capacity-manager': 'Traffic- en capaciteitsmanager',
  'service-manager': 'Servicemanager',
  'incident-manager': 'Incidentmanager',
  'calamity-manager': 'Calamiteitenmanager',
  admin: 'Beheerder',
  fraudeteam: 'Fraudeteam',
  'security-officer': 'Security officer (CISO)',
};
