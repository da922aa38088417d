/**
 * Requests for change (DAP section 2) as a union of read-only states told apart by `status`.
 * Instants are ms since the epoch. The filing itself (title, description, Afnemer) lives beside the state.
 */

import type { Role } from '../roles.js';

export const RFC_KINDS = ['standaard', 'niet-standaard', 'urgent'] as const;
export type RfcKind = (typeof RFC_KINDS)[number];

/** The statuses in flow order; 'afgewezen' and 'geimplementeerd' are terminal. */
export const RFC_STATUSES = ['ingediend', 'geanalyseerd', 'impact-geanalyseerd', 'goedgekeurd', 'afgewezen', 'ingepland', 'geimplementeerd'] as const;
export type RfcStatus = (typeof RFC_STATUSES)[number];

/** The step of section 2.3 each status has reached. */
export const RFC_STATUS_STEPS: Readonly<Record<RfcStatus, 1 | 2 | 3 | 4 | 5 | 6>> = {
  ingediend: 1,
  geanalyseerd: 2,
  'impact-geanalyseerd': 3,
  goedgekeurd: 4,
  afgewezen: 4,
  ingepland: 5,
  geimplementeerd: 6,
};

export const RFC_STATUS_LABELS: Readonly<Record<RfcStatus, string>> = {
  ingediend: '1. Ingediend',
  geanalyseerd: '2. Korte analyse gedaan',
  'impact-geanalyseerd': '3. Impactanalyse gedaan',
  goedgekeurd: '4. Goedgekeurd door de CAB',
  afgewezen: '4. Afgewezen door de CAB',
  ingepland: '5. Ingepland in een release',
  geimplementeerd: '6. Geïmplementeerd',
};

export const RFC_KIND_LABELS: Readonly<Record<RfcKind, string>> = {
  standaard: 'Standaardwijziging',
  'niet-standaard': 'Niet-standaardwijziging',
  urgent: 'Urgente wijziging',
};

/** Who did something, and when. */
export interface RfcRecord {
  readonly text: string;
  /** E-mail address of the actor. */
  readonly by: string;
  readonly at: number;
}

export interface RfcDecision extends RfcRecord {
  readonly outcome: 'goedgekeurd' | 'afgewezen';
}

export interface RfcPlanning {
  readonly releaseId: number;
  readonly by: string;
  readonly at: number;
}

interface RfcCommon<K extends RfcKind> {
  readonly kind: K;
  readonly filedAt: number;
}

export interface RfcIngediend<K extends RfcKind = RfcKind> extends RfcCommon<K> {
  readonly status: 'ingediend';
}

export interface RfcGeanalyseerd<K extends RfcKind = RfcKind> extends RfcCommon<K> {
  readonly status: 'geanalyseerd';
  readonly analysis: RfcRecord;
}

/** Only a niet-standaard change gets an impact analysis. */
export interface RfcImpactGeanalyseerd extends RfcCommon<'niet-standaard'> {
  readonly status: 'impact-geanalyseerd';
  readonly analysis: RfcRecord;
  readonly impact: RfcRecord;
}

export interface RfcGoedgekeurd<K extends RfcKind = RfcKind> extends RfcCommon<K> {
  readonly status: 'goedgekeurd';
  readonly analysis: RfcRecord;
  readonly impact: RfcRecord | null;
  readonly decision: RfcDecision & { readonly outcome: 'goedgekeurd' };
}

export interface RfcAfgewezen<K extends RfcKind = RfcKind> extends RfcCommon<K> {
  readonly status: 'afgewezen';
  readonly analysis: RfcRecord;
  readonly impact: RfcRecord | null;
  readonly decision: RfcDecision & { readonly outcome: 'afgewezen' };
}

export interface RfcIngepland<K extends RfcKind = RfcKind> extends RfcCommon<K> {
  readonly status: 'ingepland';
  readonly analysis: RfcRecord;
  readonly impact: RfcRecord | null;
  readonly decision: RfcDecision & { readonly outcome: 'goedgekeurd' };
  readonly planned: RfcPlanning;
}

export interface RfcGeimplementeerd<K extends RfcKind = RfcKind> extends RfcCommon<K> {
  readonly status: 'geimplementeerd';
  readonly analysis: RfcRecord;
  readonly impact: RfcRecord | null;
  readonly decision: RfcDecision & { readonly outcome: 'goedgekeurd' };
  readonly planned: RfcPlanning;
  readonly implemented: RfcRecord;
}

export type RfcState = RfcIngediend | RfcGeanalyseerd | RfcImpactGeanalyseerd | RfcGoedgekeurd | RfcAfgewezen | RfcIngepland | RfcGeimplementeerd;

/** The states a CAB decision may come from: after the short analysis (no impact analysis needed), or after the impact analysis. */
export type RfcAwaitingDecision = RfcGeanalyseerd<'standaard'> | RfcGeanalyseerd<'urgent'> | RfcImpactGeanalyseerd;

export interface RfcActor {
  readonly email: string;
  readonly role: Role;
}

export interface RfcEvent {
  readonly action: RfcActionType;
  readonly from: RfcStatus;
  readonly to: RfcStatus;
}

export const RFC_ACTION_TYPES = ['analyse', 'impact-analyse', 'decide', 'plan', 'implement'] as const;
export type RfcActionType = (typeof RFC_ACTION_TYPES)[number];

export type RfcActionInput =
  | { readonly type: 'analyse'; readonly text: string }
  | { readonly type: 'impact-analyse'; readonly text: string }
  | { readonly type: 'decide'; readonly outcome: 'goedgekeurd' | 'afgewezen'; readonly reason: string }
  | { readonly type: 'plan'; readonly releaseId: number }
  | { readonly type: 'implement'; readonly text: string };
