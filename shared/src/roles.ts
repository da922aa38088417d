import { z } from 'zod';
import { ROLES } from './access/roles.js';

export { AFNEMER_ROLES, ROLE_LABELS, ROLES, roleIsAfnemerBound, roleIsLogius } from './access/roles.js';

export const Role = z.enum(ROLES).meta({ id: 'Role', description: 'Rol van de gebruiker' });
export type Role = z.infer<typeof Role>;

export const Oin = z
  .string()
  .regex(/^\d{20}$/, 'Een OIN bestaat uit precies 20 cijfers.')
  .meta({ description: 'Organisatie-identificatienummer (20 cijfers)', example: '00000001003214345000' });
