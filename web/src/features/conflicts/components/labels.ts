import type { MessageKey } from '../../../lib/i18n';
import type { ActionType, Aspect, Level, ProcedureStep } from '../types';

export const STEP_LABEL: Record<ProcedureStep, MessageKey> = {
  'planner-adjusts': 'step.planner-adjusts',
  'logius-contacted': 'step.logius-contacted',
  'joint-assessment': 'step.joint-assessment',
  'planning-adjusted': 'step.planning-adjusted',
  escalated: 'step.escalated',
  'logius-decides': 'step.logius-decides',
  resolved: 'step.resolved',
};

export const ACTION_LABEL: Record<ActionType | 'resolve', MessageKey> = {
  'move-window': 'action.move-window',
  'contact-logius': 'action.contact-logius',
  'open-assessment': 'action.open-assessment',
  'submit-assessment': 'action.submit-assessment',
  'confirm-advice': 'action.confirm-advice',
  escalate: 'action.escalate',
  'accept-advice': 'action.accept-advice',
  'reject-advice': 'action.reject-advice',
  'escalate-level': 'action.escalate-level',
  decide: 'action.decide',
  resolve: 'action.resolve',
};

/** Labels of the audit trail's entries: the actions, plus what the system records itself. */
export const EVENT_LABEL: Record<string, MessageKey> = {
  ...ACTION_LABEL,
  detected: 'event.detected',
  'involved-changed': 'event.involvedChanged',
  'plan-change': 'event.planChange',
  resolve: 'event.resolve',
  reached: 'event.reached',
  'carried-out': 'event.carriedOut',
  'deadline-passed': 'event.deadlinePassed',
  'advice-fell-short': 'event.adviceFellShort',
  'levelling-offer': 'event.levellingOffer',
};

export const ASPECT_LABEL: Record<Aspect, MessageKey> = {
  administratief: 'aspect.administratief',
  financieel: 'aspect.financieel',
  juridisch: 'aspect.juridisch',
  imago: 'aspect.imago',
};

export const LEVEL_LABEL: Record<Level, MessageKey> = { laag: 'level.laag', middel: 'level.middel', hoog: 'level.hoog' };

export const ESCALATION_LEVEL_LABEL: Record<number, MessageKey> = {
  0: 'escalation.level0',
  1: 'escalation.level1',
  2: 'escalation.level2',
  3: 'escalation.level3',
};
