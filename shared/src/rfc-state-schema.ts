import { z } from 'zod';
import { RFC_KINDS, type RfcState } from './changes/rfc-types.js';

// The stored RFC state (rfcs.state): the RfcState of changes/rfc-types.ts as JSON, instants in ms.
// It is parsed when an RFC is read, so a row that does not match fails there instead of in a transition.

const Ms = z.number();
const Kind = z.enum(RFC_KINDS);
const RfcRecord = z.object({ text: z.string(), by: z.string(), at: Ms });
const Approved = RfcRecord.extend({ outcome: z.literal('goedgekeurd') });
const Planning = z.object({ releaseId: z.number().int(), by: z.string(), at: Ms });

const analysed = { kind: Kind, filedAt: Ms, analysis: RfcRecord };
const decided = { ...analysed, impact: RfcRecord.nullable() };

/** A stored RfcState; unknown fields are dropped, a missing or mistyped one is an error. */
export const RfcStateSchema: z.ZodType<RfcState> = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ingediend'), kind: Kind, filedAt: Ms }),
  z.object({ status: z.literal('geanalyseerd'), ...analysed }),
  // Only a niet-standaard change gets an impact analysis.
  z.object({ status: z.literal('impact-geanalyseerd'), ...analysed, kind: z.literal('niet-standaard'), impact: RfcRecord }),
  z.object({ status: z.literal('goedgekeurd'), ...decided, decision: Approved }),
  z.object({ status: z.literal('afgewezen'), ...decided, decision: RfcRecord.extend({ outcome: z.literal('afgewezen') }) }),
  z.object({ status: z.literal('ingepland'), ...decided, decision: Approved, planned: Planning }),
  z.object({ status: z.literal('geimplementeerd'), ...decided, decision: Approved, planned: Planning, implemented: RfcRecord }),
]);
