import { z } from 'zod';
import { Oin, Role } from './roles.js';

export const ProblemError = z
  .object({
    row: z.number().int().optional().meta({ description: 'Regelnummer in het bestand (kopregel = 1)' }),
    field: z.string(),
    message: z.string(),
  })
  .meta({ id: 'ProblemError' });

/** RFC 9457 problem details, as every error of the API is shaped. */
export const Problem = z
  .object({
    type: z.string().optional(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(ProblemError).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const LoginRequest = z
  .object({
    email: z.string().trim().toLowerCase().email('Vul een geldig e-mailadres in.').max(320),
    password: z.string().min(1, 'Vul een wachtwoord in.').max(1000),
  })
  .meta({ id: 'LoginRequest' });

export const CurrentUser = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: Role,
    afnemer: z.object({ oin: Oin, name: z.string() }).nullable(),
    mayFileRfc: z.boolean().meta({ description: 'Mag nu RFC’s indienen: Logius naar rol, een Afnemer-medewerker als zijn Afnemer hem aanwees' }),
  })
  .meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof CurrentUser>;

export const Afnemer = z.object({ oin: Oin, name: z.string() }).meta({ id: 'Afnemer' });

export const IsoDateTime = z.iso.datetime({ offset: true });
