import { ROLES, type Role } from './roles.js';

/**
 * How far a grant reaches: 'any' for every Afnemer (Logius, on an Afnemer's behalf where that applies), 'own' for
 * the user's own Afnemer only (the caller checks which Afnemer a resource belongs to).
 */
export type AccessReach = 'any' | 'own';

type Grants = Readonly<Partial<Record<Role, AccessReach>>>;

const HANDLERS = {
  'incident-manager': 'any',
  'calamity-manager': 'any',
  'service-manager': 'any',
  'capacity-manager': 'any',
  admin: 'any',
} as const satisfies Grants;
const CHANGE_HANDLERS = { 'service-manager': 'any', 'capacity-manager': 'any', admin: 'any' } as const satisfies Grants;
const LOGIUS = { ...HANDLERS, fraudeteam: 'any', 'security-officer': 'any' } as const satisfies Grants;

/**
 * Who may do what: capability × role, and for an Afnemer-bound role whether only for its own Afnemer. A role left
 * out of a row may not. This is the one home of these rules: the server's routes, the procedure and incident gates,
 * the web's menu and buttons and the authorisation-matrix test all read it. What every signed-in user may do (read
 * the calendar, their own tokens) is not a capability; state rules (a step, a deadline) stay with their state
 * machine.
 */
export const ACCESS = {
  /** Read data that belongs to an Afnemer: Logius reads every Afnemer's, an Afnemer's roles only their own. */
  'afnemer-data.read': { planner: 'own', 'klantraad-manager': 'own', ...LOGIUS },

  // Prognoses (section 3).
  'prognose.deliver': { planner: 'own', 'capacity-manager': 'any', admin: 'any' },
  'prognose.edit': { planner: 'own', 'capacity-manager': 'any' },
  /** Send the messages really sent per hour (a statistics export): the capacity manager, or the admin's system token. */
  'actuals.deliver': { 'capacity-manager': 'any', admin: 'any' },
  /** Accuracy of the prognoses against the actuals: Logius sees every Afnemer's score, a planner its own. */
  'accuracy.read': { planner: 'own', ...LOGIUS },
  /** Undo another user's plan change (one's own is always one's to undo). */
  'plan-change.undo-any': { 'capacity-manager': 'any' },
  /** A planner's calendar feed carries its Afnemer's send windows. */
  'calendar.send-windows': { planner: 'own' },

  // Capacity.
  'capacity.manage': { 'capacity-manager': 'any' },
  'maintenance.manage': { 'capacity-manager': 'any' },
  /** Propose a levelled plan for a period (issue 18) and read the proposals back. */
  'levelling.propose': { 'capacity-manager': 'any' },
  /** Accept a proposal: it moves nothing, but offers each affected Afnemer's planners their moves. */
  'levelling.accept': { 'capacity-manager': 'any' },
  /** See, accept (as a plan change with dry run and undo) or decline the moves a levelled plan offers one's own Afnemer. */
  'levelling.answer-move': { planner: 'own' },

  // The conflict procedure (section 6): the step gates add the state rules and, for 'own', that the Afnemer is involved.
  'conflict.move-window': { planner: 'own', 'capacity-manager': 'any', 'service-manager': 'any' },
  'conflict.contact-logius': { planner: 'own' },
  'conflict.open-assessment': { 'capacity-manager': 'any' },
  'conflict.submit-assessment': { planner: 'own', 'capacity-manager': 'any' },
  'conflict.confirm-advice': { 'capacity-manager': 'any' },
  'conflict.escalate': { planner: 'own', 'capacity-manager': 'any' },
  'conflict.answer-advice': { 'klantraad-manager': 'own', 'capacity-manager': 'any' },
  'conflict.escalate-level': { 'capacity-manager': 'any', 'service-manager': 'any' },
  'conflict.decide': { 'capacity-manager': 'any', 'service-manager': 'any' },

  // Incidents (section 5); 'own' for a planner: its own systems' disruption, or one that touches its Afnemer.
  'incident.report': { planner: 'own', ...HANDLERS },
  'incident.update': { planner: 'own', ...HANDLERS },
  /** Set an incident's priority (section 5.3 step 2: the Servicecentrum); a reporting Afnemer only proposes one. */
  'incident.prioritise': HANDLERS,
  /** Propose a priority when reporting: the reporting Afnemer's planner. */
  'incident.propose-priority': { planner: 'own' },
  /** Agree a deviating resolution time for one incident (section 5.2: the stand-by managers). */
  'incident.agree-resolution': { 'incident-manager': 'any', 'calamity-manager': 'any' },
  /** Propose a calamity to the calamity manager (section 5.2), who confirms it. */
  'incident.propose-calamity': { 'incident-manager': 'any' },
  'incident.capacity-impact': HANDLERS,
  'incident.calamity': { 'calamity-manager': 'any' },
  'incident.escalate': { planner: 'own', ...HANDLERS },
  'incident-priorities.manage': { 'service-manager': 'any', admin: 'any' },
  'disruption-analysis.request': { planner: 'own', ...HANDLERS },
  'disruption-analysis.deliver': { 'incident-manager': 'any', 'calamity-manager': 'any', 'service-manager': 'any', admin: 'any' },

  // Fraud (decision 005): the reporter sees only its receipt.
  'fraud.report': { planner: 'own', 'klantraad-manager': 'own' },
  'fraud.handle': { fraudeteam: 'any' },

  // Security incidents (section 6.2): Logius' security officer and the reporting Afnemer only.
  'security-incident.report': { planner: 'own', 'security-officer': 'any' },
  'security-incident.read': { planner: 'own', 'security-officer': 'any' },
  /** Climb the escalation ladder (section 7): both sides may, the Afnemer for its own report. */
  'security-incident.escalate': { planner: 'own', 'security-officer': 'any' },
  'security-incident.handle': { 'security-officer': 'any' },
  /** The periodic report over every Afnemer (section 6.2: Logius reports in the periodic report). */
  'security-incident.periodic-report': { 'security-officer': 'any' },

  // Contacts (Bijlage 1).
  'contact.manage': { planner: 'own', 'klantraad-manager': 'own', 'service-manager': 'any', admin: 'any' },

  // Changes (section 2) and service requests (section 4).
  /**
   * File an RFC (section 2.1: Logius and the Afnemer); an Afnemer's user must also be designated by its Afnemer
   * (state, in the database), Logius files for itself or for any Afnemer.
   */
  'rfc.file': { planner: 'own', 'klantraad-manager': 'own', ...CHANGE_HANDLERS, 'incident-manager': 'any' },
  /** Record "overleggen" and escalate an RFC on the ladder of its type (section 7.3); Logius or the RFC's own Afnemer. */
  'rfc.escalate': { planner: 'own', 'klantraad-manager': 'own', ...CHANGE_HANDLERS },
  'rfc.handle': CHANGE_HANDLERS,
  'rfc.designate': { 'klantraad-manager': 'own', admin: 'any' },
  'release.manage': CHANGE_HANDLERS,
  'service-request.file': { planner: 'own', 'klantraad-manager': 'own' },
  'service-request.handle': CHANGE_HANDLERS,

  // Reports (section 8.3): Logius reads the whole service report; an Afnemer's roles its own part.
  'report.service': { planner: 'own', 'klantraad-manager': 'own', ...LOGIUS },

  // Notices (section 5.2): Logius sends a disruption or maintenance notice to the subscribers, or withholds it with a reason.
  'notice.manage': HANDLERS,
  // Bijlage 2: the Afnemer enters its own usage targets and planned communication per quarter.
  'usage-targets.manage': { planner: 'own', 'klantraad-manager': 'own' },

  // Accounts and settings.
  'settings.manage': { admin: 'any' },
  'token.manage-any': { admin: 'any' },
  'outbox.read-all': { admin: 'any' },
} as const satisfies Readonly<Record<string, Grants>>;

export type Capability = keyof typeof ACCESS;

export const CAPABILITIES = Object.keys(ACCESS) as Capability[];

/** How far `role` may use `capability`: 'any', 'own', or null when it may not. */
export function accessReach(role: Role, capability: Capability): AccessReach | null {
  return (ACCESS[capability] as Grants)[role] ?? null;
}

/** True when `role` may use `capability` at all (for its own Afnemer or for any). */
export function roleMay(role: Role, capability: Capability): boolean {
  return accessReach(role, capability) !== null;
}

/** The roles that may use `capability`, in the order of ROLES. */
export function rolesWith(capability: Capability): Role[] {
  return ROLES.filter((role) => roleMay(role, capability));
}

/**
 * The Afnemer whose data a user may use `capability` on: null for every Afnemer (reach 'any'), the user's own OIN
 * for reach 'own' and for a role that may not at all (so check roleMay first where that matters). Edge: an
 * Afnemer-bound role always has an Afnemer (the CLI and the database require one).
 */
export function accessScope(user: { role: Role; afnemerOin: string | null }, capability: Capability = 'afnemer-data.read'): string | null {
  return accessReach(user.role, capability) === 'any' ? null : user.afnemerOin;
}
