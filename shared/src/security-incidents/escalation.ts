import { LADDER_LEVELS, type LadderLevel } from '../incidents/ladders.js';
import type { Role } from '../access/roles.js';

/**
 * Section 6.2: a security incident at Logius or an Afnemer is communicated "volgens het escalatiemodel", the
 * general ladder of section 7.3 (Servicecentrum, Service manager, Teamleider, Afdelingshoofd, Directeur). A new
 * incident is at level 0: the direct parties consult first ("eerst overleggen, dan escaleren en informeren").
 * The seed sets no deadlines per level, so there are none here.
 */
export const SECURITY_ESCALATION_LEVELS: readonly LadderLevel[] = LADDER_LEVELS.algemeen;

/** The highest level of the security escalation model. */
export const SECURITY_ESCALATION_TOP = SECURITY_ESCALATION_LEVELS.length;

/** Logius roles informed at every level, and of every new report: the security roles. */
export const SECURITY_ALWAYS_INFORMED: readonly Role[] = ['security-officer'];

/**
 * Returns the level an escalation from `current` goes to, or null at the top.
 * Edge: never skips a level: from 0 it is level 1 (Servicecentrum); from 5 (Directeur) it is null.
 */
export function securityEscalationNext(current: number): LadderLevel | null {
  return SECURITY_ESCALATION_LEVELS.find((l) => l.level === current + 1) ?? null;
}

/** Returns one level of the model, or null (level 0, "overleg", has no ladder level). */
export function securityEscalationLevel(level: number): LadderLevel | null {
  return SECURITY_ESCALATION_LEVELS.find((l) => l.level === level) ?? null;
}

export interface SecurityEscalationAudience {
  /** Logius roles told in the app and by e-mail. */
  roles: readonly Role[];
  /** The Bijlage 1 function whose Logius contacts get the e-mail. */
  contactRole: LadderLevel['contactRole'];
  /** The reporting Afnemer is informed too ("escaleren en informeren"), when an Afnemer reported it. */
  informReportingAfnemer: boolean;
}

/**
 * Who hears of an escalation to `level`: the level's Logius roles and contacts, the security roles, and the
 * reporting Afnemer. Edge: null for a level the model does not have (0 or above the top).
 */
export function securityEscalationAudience(level: number, reportedByAfnemer: boolean): SecurityEscalationAudience | null {
  const l = securityEscalationLevel(level);
  if (!l) return null;
  const roles = [...new Set([...SECURITY_ALWAYS_INFORMED, ...(l.notifyRoles as Role[])])];
  return { roles, contactRole: l.contactRole, informReportingAfnemer: reportedByAfnemer };
}
