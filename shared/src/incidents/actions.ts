import { accessReach, type Capability, roleMay } from '../access/table.js';
import type { Role } from '../access/roles.js';
import type { Ladder } from './ladders.js';
import { ladderNext } from './ladders.js';
import type { Priority } from './priority.js';
import { analysisRequestAllowed, incidentStatusNext, type IncidentStatusName } from './status.js';

export type IncidentActionName =
  | 'update'
  | 'status'
  | 'close'
  | 'priority'
  | 'agree-resolution'
  | 'propose-calamity'
  | 'confirm-calamity'
  | 'declare-crisis'
  | 'capacity-impact'
  | 'escalate'
  | 'request-analysis';

export interface IncidentFacts {
  readonly kind: 'mijnoverheid' | 'afnemer-systeem';
  readonly status: IncidentStatusName;
  readonly priority: Priority;
  readonly everP1: boolean;
  readonly afnemers: readonly string[];
  readonly reportedByAfnemer: string | null;
  readonly calamityAt: number | null;
  /** When someone proposed a calamity by hand (the 75% rule proposes on its own); null while not. */
  readonly calamityProposedAt: number | null;
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
 * a closed incident allows nothing; the incident manager proposes a calamity once (not after it is confirmed);
 * only the calamity manager confirms a calamity or records a crisis.
 */
export function incidentActionsFor(i: IncidentFacts, actor: IncidentActor, ladder: Ladder = 'incident'): IncidentActionName[] {
  if (i.status === 'gesloten') return [];
  const own = actor.afnemer;
  const affected = own !== null && (i.afnemers.includes(own) || i.reportedByAfnemer === own);
  const ownSystem = own !== null && i.kind === 'afnemer-systeem' && i.reportedByAfnemer === own;
  /** The access table's answer for the role, with 'own' narrowed by `ownCase` (its own Afnemer's incident). */
  const may = (capability: Capability, ownCase: boolean) => {
    const reach = accessReach(actor.role, capability);
    return reach === 'any' || (reach === 'own' && ownCase);
  };
  const moves = incidentStatusNext(i.status).some((s) => s !== 'gesloten');
  const out: IncidentActionName[] = [];
  if (may('incident.update', ownSystem)) {
    out.push('update');
    if (moves) out.push('status');
    out.push('close');
  }
  if (roleMay(actor.role, 'incident.prioritise')) out.push('priority');
  if (roleMay(actor.role, 'incident.agree-resolution')) out.push('agree-resolution');
  const calamity = roleMay(actor.role, 'incident.calamity');
  if (roleMay(actor.role, 'incident.propose-calamity') && i.calamityAt === null && i.calamityProposedAt === null) out.push('propose-calamity');
  if (calamity && i.calamityAt === null) out.push('confirm-calamity');
  if (calamity && i.calamityAt !== null && i.crisisAt === null) out.push('declare-crisis');
  if (roleMay(actor.role, 'incident.capacity-impact')) out.push('capacity-impact');
  if (may('incident.escalate', affected) && ladderNext(ladder, i.escalationLevel) !== null) out.push('escalate');
  if (may('disruption-analysis.request', affected) && analysisRequestAllowed({ priority: i.priority, everP1: i.everP1, calamityAt: i.calamityAt }))
    out.push('request-analysis');
  return out;
}

export type ReportPriority =
  | { readonly ok: true; readonly priority: Priority; readonly proposedPriority: Priority | null; readonly prioritised: boolean }
  | { readonly ok: false; readonly status: 400 | 403; readonly field: 'priority' | 'proposedPriority'; readonly message: string };

/**
 * Returns the priority a new incident starts with, and whether Logius set it (section 5.3 step 2: the Servicecentrum
 * prioritises; the reporting Afnemer proposes). Logius sets `priority` (and may record a proposal it was told); an
 * Afnemer gives only `proposedPriority`, on which the SNO clock runs provisionally until Logius sets the priority.
 * Edge: an Afnemer that sends `priority` is refused (403), whatever its value; a role that may do neither gets 403.
 */
export function incidentReportPriority(role: Role, input: { priority?: Priority; proposedPriority?: Priority }): ReportPriority {
  if (roleMay(role, 'incident.prioritise')) {
    if (!input.priority) return { ok: false, status: 400, field: 'priority', message: 'Kies de prioriteit volgens de classificatieregels van de SNO.' };
    return { ok: true, priority: input.priority, proposedPriority: input.proposedPriority ?? null, prioritised: true };
  }
  if (!roleMay(role, 'incident.propose-priority')) {
    return { ok: false, status: 403, field: 'priority', message: 'Uw rol stelt geen prioriteit vast en stelt er ook geen voor.' };
  }
  if (input.priority) {
    return {
      ok: false,
      status: 403,
      field: 'priority',
      message: 'Het Servicecentrum van Logius stelt de prioriteit vast (DAP 5.3 stap 2). Stel een prioriteit voor (proposedPriority).',
    };
  }
  if (!input.proposedPriority) return { ok: false, status: 400, field: 'proposedPriority', message: 'Stel een prioriteit voor.' };
  return { ok: true, priority: input.proposedPriority, proposedPriority: input.proposedPriority, prioritised: false };
}
