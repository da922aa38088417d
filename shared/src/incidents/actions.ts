import type { Role } from '../roles.js';
import type { Ladder } from './ladders.js';
import { ladderNext } from './ladders.js';
import type { Priority } from './priority.js';
import { analysisRequestAllowed, incidentStatusNext, type IncidentStatusName } from './status.js';

/** Logius roles that handle incidents (section 5): report, update, prioritise, lower capacity, analyse. */
export const INCIDENT_HANDLER_ROLES: readonly Role[] = ['incident-manager', 'calamity-manager', 'service-manager', 'capacity-manager', 'admin'];

export type IncidentActionName =
  | 'update' | 'status' | 'close' | 'priority' | 'confirm-calamity' | 'declare-crisis'
  | 'capacity-impact' | 'escalate' | 'request-analysis';

export interface IncidentFacts {
  readonly kind: 'mijnoverheid' | 'afnemer-systeem';
  readonly status: IncidentStatusName;
  readonly priority: Priority;
  readonly everP1: boolean;
  readonly afnemers: readonly string[];
  readonly reportedByAfnemer: string | null;
  readonly calamityAt: number | null;
  readonly crisisAt: number | null;
  /** Highest level reached on the incident ladder; 0 when not escalated. */
  readonly escalationLevel: number;
}

export interface IncidentActor {
  readonly role: Role;
  readonly afnemer: string | null;
}

/**
 * Returns what `actor` may do to the incident now, in a fixed order.
 * Edge: a planner may update, move and close only a disruption of its own Afnemer's systems (step 4); on any
 * incident affecting its Afnemer it may escalate and request an analysis; a klantraad-manager only reads;
 * a closed incident allows nothing; only the calamity manager confirms a calamity or records a crisis.
 */
export function incidentActionsFor(i: IncidentFacts, actor: IncidentActor, ladder: Ladder = 'incident'): IncidentActionName[] {
  if (i.status === 'gesloten') return [];
  const handler = INCIDENT_HANDLER_ROLES.includes(actor.role);
  const ownAfnemer = actor.role === 'planner' && actor.afnemer !== null;
  const affected = ownAfnemer && (i.afnemers.includes(actor.afnemer!) || i.reportedByAfnemer === actor.afnemer);
  const ownSystem = ownAfnemer && i.kind === 'afnemer-systeem' && i.reportedByAfnemer === actor.afnemer;
  const moves = incidentStatusNext(i.status).some((s) => s !== 'gesloten');
  const out: IncidentActionName[] = [];
  if (handler || ownSystem) {
    out.push('update');
    if (moves) out.push('status');
    out.push('close');
  }
  if (handler) out.push('priority');
  if (actor.role === 'calamity-manager' && i.calamityAt === null) out.push('confirm-calamity');
  if (actor.role === 'calamity-manager' && i.calamityAt !== null && i.crisisAt === null) out.push('declare-crisis');
  if (handler) out.push('capacity-impact');
  if ((handler || affected) && ladderNext(ladder, i.escalationLevel) !== null) out.push('escalate');
  if ((handler || affected) && analysisRequestAllowed({ priority: i.priority, everP1: i.everP1, calamityAt: i.calamityAt })) out.push('request-analysis');
  return out;
}
