/*
 * The escalation ladders of section 7.3 for maintenance and releases, technical changes and functional changes,
 * each with the Afnemer's side at the same level. Free of zod, so `@cd/shared/constants` gives
 * them to the web. Every ladder starts with "overleggen" (7.2: eerst overleggen, dan escaleren en informeren):
 * an escalation is only possible once the consultation is recorded, and each level informs both sides.
 */
import type { ContactRole } from '../incidents/contacts.js';
import { ESCALATION_TITLES } from '../procedure/types.js';

/** The two types of RFC (section 2.2: "functionele of technische wijzigingen"), each with its own ladder. */
export const CHANGE_TYPES = ['technisch', 'functioneel'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const CHANGE_TYPE_LABELS: Readonly<Record<ChangeType, string>> = {
  technisch: 'Technische wijziging',
  functioneel: 'Functionele wijziging',
};

export const CHANGE_LADDERS = ['onderhoud-release', 'technisch', 'functioneel'] as const;
export type ChangeLadder = (typeof CHANGE_LADDERS)[number];

export const CHANGE_LADDER_LABELS: Readonly<Record<ChangeLadder, string>> = {
  'onderhoud-release': 'Escalatie bij meldingen gepland onderhoud en releases',
  technisch: 'Escalatie bij technische wijzigingen',
  functioneel: 'Escalatie bij functionele wijzigingen',
};

export interface ChangeLadderSide {
  readonly title: string;
  /** Whose contact details (Bijlage 1) show for this level, in Logius' list or in the Afnemer's own. */
  readonly contactRole: ContactRole;
}

export interface ChangeLadderLevel {
  readonly level: number;
  readonly logius: ChangeLadderSide;
  /** The Afnemer's escalation at the same level ("zoveel mogelijk op gelijkwaardig niveau", 7.3). */
  readonly afnemer: ChangeLadderSide;
  /** Logius users informed when a case reaches this level (the Afnemer's users are always informed). */
  readonly notifyRoles: readonly string[];
}

// The ladders of 7.3 for maintenance and releases, technical and functional changes have the same three Logius
// levels as the production-capacity ladder of the conflict procedure (ESCALATION_TITLES, their one home); each is
// still its own ladder here, so one can change without the others.
const threeLevels = (): readonly ChangeLadderLevel[] => [
  {
    level: 1,
    logius: { title: ESCALATION_TITLES[1], contactRole: 'servicemanager' },
    afnemer: { title: '1e escalatie bij de Afnemer', contactRole: 'servicemanager' },
    notifyRoles: ['service-manager'],
  },
  {
    level: 2,
    logius: { title: ESCALATION_TITLES[2], contactRole: 'teamleider' },
    afnemer: { title: '2e escalatie bij de Afnemer', contactRole: 'teamleider' },
    notifyRoles: ['service-manager'],
  },
  {
    level: 3,
    logius: { title: ESCALATION_TITLES[3], contactRole: 'afdelingshoofd' },
    afnemer: { title: '3e escalatie bij de Afnemer', contactRole: 'afdelingshoofd' },
    notifyRoles: ['service-manager', 'admin'],
  },
];

export const CHANGE_LADDER_LEVELS: Readonly<Record<ChangeLadder, readonly ChangeLadderLevel[]>> = {
  'onderhoud-release': threeLevels(),
  technisch: threeLevels(),
  functioneel: threeLevels(),
};

/** The steps of 7.3: first "overleggen" (step 1), then "escaleren en informeren" (step 2) up the ladder. */
export const ESCALATION_STEP_LABELS = {
  overleggen: 'Stap 1: overleggen (bilateraal, de direct betrokkenen)',
  escaleren: 'Stap 2: escaleren en informeren',
} as const;

export type ChangeEscalationNext = { readonly step: 'overleggen' } | { readonly step: 'escaleren'; readonly level: ChangeLadderLevel } | null;

/**
 * Returns what comes next on `ladder` for a case that has or has not been consulted on and stands at `level`
 * (0 when not escalated): first the consultation, then one level higher, or null at the top.
 * Edge: escalation never comes before the consultation and never skips a level; after level 3 it is null.
 */
export function changeLadderNext(ladder: ChangeLadder, consulted: boolean, level: number): ChangeEscalationNext {
  if (!consulted) return { step: 'overleggen' };
  const next = CHANGE_LADDER_LEVELS[ladder].find((l) => l.level === level + 1);
  return next ? { step: 'escaleren', level: next } : null;
}
