import { z } from 'zod';

export const ROLES = [
  'planner',
  'klantraad-manager',
  'capacity-manager',
  'service-manager',
  'incident-manager',
  'calamity-manager',
  'admin',
  'fraudeteam',
] as const;

export const Role = z.enum(ROLES).meta({ id: 'Role', description: 'Rol van de gebruiker' });
export type Role = z.infer<typeof Role>;

/** Roles bound to one Afnemer; every other role belongs to Logius. */
export const AFNEMER_ROLES: readonly Role[] = ['planner', 'klantraad-manager'];

/** True when the role works for an Afnemer (and so needs one), false for Logius roles. */
export function roleIsAfnemerBound(role: Role): boolean {
  return AFNEMER_ROLES.includes(role);
}

/** Dutch names of the roles, for screens and messages. */
export const ROLE_LABELS: Record<Role, string> = {
  planner: 'Planner',
  'klantraad-manager': 'Klantraad-manager',
  'capacity-manager': 'Traffic- en capaciteitsmanager',
  'service-manager': 'Servicemanager',
  'incident-manager': 'Incidentmanager',
  'calamity-manager': 'Calamiteitenmanager',
  admin: 'Beheerder',
  fraudeteam: 'Fraudeteam',
};

export const Oin = z
  .string()
  .regex(/^\d{20}$/, 'Een OIN bestaat uit precies 20 cijfers.')
  .meta({ description: 'Organisatie-identificatienummer (20 cijfers)', example: '00000001003214345000' });
