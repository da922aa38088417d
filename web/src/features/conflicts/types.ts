import type {
  ActionType as SharedActionType,
  AssessmentAspect,
  AssessmentLevel,
  ConflictAction as SharedConflictAction,
  ConflictDetail,
  ConflictJson,
  ProcedureDetail,
  ProcedureSummary,
  ProcedureStep as SharedProcedureStep,
} from '@cd/shared';
import { ASSESSMENT_ASPECTS, ASSESSMENT_LEVELS, PROCEDURE_STEPS } from '@cd/shared/constants';

export { PROCEDURE_STEPS };
export type ProcedureStep = SharedProcedureStep;
export type Aspect = AssessmentAspect;
export const ASPECTS = ASSESSMENT_ASPECTS;
export type Level = AssessmentLevel;
export const LEVELS = ASSESSMENT_LEVELS;

export type ActionType = SharedActionType;
export type ConflictAction = SharedConflictAction;

/** A conflict as the list shows it: with a summary of where its procedure stands and who must act (null before a case exists). */
export type Conflict = ConflictJson;
export type ProcedureSummaryJson = ProcedureSummary;

/** A conflict with its whole case file. */
export type ConflictWithCase = ConflictDetail;
export type ProcedureJson = ProcedureDetail;
export type AssessmentJson = ProcedureDetail['assessments'][number];
export type AdviceJson = NonNullable<ProcedureDetail['advice']>;

/** The step of a procedure summary, when it is one the web knows (the list types it as a plain string). */
export function stepOf(p: { step: string } | null | undefined): ProcedureStep | null {
  return p && (PROCEDURE_STEPS as readonly string[]).includes(p.step) ? (p.step as ProcedureStep) : null;
}

/** Who must act now, as the API names it ("Wacht op Klantraad-manager DUO"). */
export type WaitingOnJson = NonNullable<ProcedureDetail['waitingOn']>;

/** The `waitingOn` of a case file or of a list summary; null when nobody must act. */
export function waitingOnOf(p: { waitingOn?: WaitingOnJson | null } | null | undefined): WaitingOnJson | null {
  return p?.waitingOn ?? null;
}
