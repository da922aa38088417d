import { z } from 'zod';
import { instantSchema } from './instant.js';
import { PROCEDURE_STEPS } from './procedure/types.js';
import { ROLES } from './roles.js';

/*
 * Where a case stands, as a conflict list and a case file both show it. Its own module so that the conflict schema
 * (planning-api) and the case-file schemas (procedure-api, which builds on the conflict) share it without a cycle.
 */

const Instant = instantSchema();

export const ProcedureStepName = z.enum(PROCEDURE_STEPS).meta({ id: 'ProcedureStep' });

export const WaitingOnJson = z
  .object({
    text: z.string().meta({ description: 'Bijvoorbeeld "Wacht op Klantraad-manager DUO: het advies aanvaarden of afwijzen"' }),
    roles: z.array(z.enum(ROLES)).meta({ description: 'De rollen die de zaak nu verder kunnen brengen' }),
    afnemers: z.array(z.string()).meta({ description: 'Voor planner en klantraad-manager: van welke Afnemers (OIN)' }),
  })
  .meta({ id: 'WaitingOn', description: 'Op wie de procedure nu wacht' });

export const ProcedureSummary = z
  .object({
    step: ProcedureStepName,
    stepLabel: z.string(),
    deadline: Instant.nullable(),
    overdue: z.boolean(),
    escalationLevel: z.number().int().nullable(),
    waitingOn: WaitingOnJson.nullable(),
  })
  .meta({ id: 'ProcedureSummary' });
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;
