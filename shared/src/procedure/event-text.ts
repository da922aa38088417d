/** One Dutch line per entry of a case file's trail, so every screen tells the same story. */

import { CONTACT_ROLE_LABELS, type ContactRole } from '../incidents/contacts.js';
import { ROLE_LABELS, type Role } from '../roles.js';
import { dutchCount, dutchList } from './dutch-text.js';
import { instantDutch, spanDutch } from '../time/dutch-text.js';
import { PROCEDURE_ACTION_LABELS, STEP_SIX_CAUSE_LABELS } from './labels.js';
import type { Reach } from './reach.js';
import type { StepSixCause } from './types.js';

/** A stored trail entry as the shell reads it; payloads of older entries may lack newer fields. */
export interface TrailEntry {
  readonly action: string;
  readonly actorEmail: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function reachText(r: Reach): string {
  if (r.via === 'none') return `${r.afnemer}: niet bereikbaar (geen account en geen contact in Bijlage 1)`;
  const who =
    r.via === 'account'
      ? `de ${ROLE_LABELS[r.role as Role]?.toLowerCase() ?? r.role}`
      : `het Bijlage-1-contact ${CONTACT_ROLE_LABELS[r.role as ContactRole] ?? r.role}`;
  return `${r.afnemer} via ${who} per e-mail (${r.emails.join(', ')})${r.via === 'account' ? ' en in de app' : ''}`;
}

/**
 * Returns the trail line of an entry, naming Afnemers by OIN (the shell shows names) and who acted.
 * Edge: an on-behalf entry reads 'namens <Afnemer>, door <e-mail>'; an unknown action gives its label or its name.
 */
export function procedureEventText(e: TrailEntry): string {
  const p = e.payload;
  const by = e.actorEmail ?? 'het systeem';
  const onBehalf = p['onBehalf'] === true || (p['answer'] as { onBehalf?: unknown } | undefined)?.onBehalf === true;
  switch (e.action) {
    case 'detected':
      return `Conflict gevonden; betrokken: ${dutchList(list(p['afnemers']))}.`;
    case 'involved-changed':
      return `Betrokken Afnemers gewijzigd: nu ${dutchList(list(p['after']))}.`;
    case 'move-window': {
      const start = num(p['start']);
      const end = num(p['end']);
      const when = start !== null && end !== null ? ` naar ${spanDutch(start, end)}` : '';
      return onBehalf ? `Venster verplaatst${when}, namens ${str(p['afnemer'])}, door ${by}.` : `Venster verplaatst${when} door ${by}.`;
    }
    case 'contact-logius':
      return `${by} neemt contact op met Logius: ${str(p['message']) ?? ''}`;
    case 'open-assessment':
      return `Gezamenlijke afweging geopend door ${by}${p['overdue'] === true ? ' (na de termijn van stap 1)' : ''}.`;
    case 'submit-assessment': {
      const afnemer = str(p['afnemer']) ?? str((p['assessment'] as { afnemer?: unknown } | undefined)?.afnemer) ?? '';
      const again = p['replaced'] === true ? ' (vervangt de vorige)' : '';
      return onBehalf ? `Afweging namens ${afnemer}, door ${by}${again}.` : `Afweging van ${afnemer} door ${by}${again}.`;
    }
    case 'confirm-advice': {
      const silent = list(p['noResponse']);
      return `Advies vastgesteld door ${by}${silent.length > 0 ? `; geen reactie van ${dutchList(silent)}` : ''}.`;
    }
    case 'escalate': {
      const reason = str(p['reason']) ?? str(p['adviceText']);
      return `Geëscaleerd naar de klantraad-managers door ${by}${reason ? `. Reden: ${reason}` : '.'}`;
    }
    case 'accept-advice':
    case 'reject-advice': {
      const answer = (p['answer'] ?? {}) as { afnemer?: unknown; reason?: unknown };
      const verb = e.action === 'accept-advice' ? 'aanvaard' : 'afgewezen';
      const head = onBehalf ? `Advies ${verb} namens ${str(answer.afnemer)}, door ${by}` : `Advies ${verb} voor ${str(answer.afnemer)} door ${by}`;
      return e.action === 'reject-advice' ? `${head}. Reden: ${str(answer.reason) ?? ''}` : `${head}.`;
    }
    case 'escalate-level': {
      const entry = (p['entry'] ?? {}) as { title?: unknown; reason?: unknown };
      return `Opgeschaald naar ${str(entry.title)} door ${by}. Reden: ${str(entry.reason) ?? ''}`;
    }
    case 'decide': {
      const decision = (p['decision'] ?? {}) as { text?: unknown; moves?: unknown };
      const moves = Array.isArray(decision.moves) ? decision.moves.length : 0;
      return `Besluit van Logius door ${by}: ${str(decision.text) ?? ''}${moves > 0 ? ` (${dutchCount(moves, 'verplaatsing', 'verplaatsingen')})` : ''}`;
    }
    case 'deadline-passed': {
      const deadline = num(p['deadline']);
      return `De termijn van de klantraad-managers${deadline !== null ? ` (${instantDutch(deadline)})` : ''} is verstreken; Logius voert de regie.`;
    }
    case 'advice-fell-short':
      return `${STEP_SIX_CAUSE_LABELS['advice-fell-short' satisfies StepSixCause]}; Logius voert de regie.`;
    case 'carried-out': {
      const source = str(p['source']);
      const windows = num(p['windows']) ?? 0;
      const remains = p['conflictRemains'] === true;
      return `Uitgevoerd (${source ?? 'besluit'}): ${dutchCount(windows, 'venster', 'vensters')} verplaatst; ${remains ? 'het conflict blijft bestaan' : 'de overbelasting is weg'}.`;
    }
    case 'levelling-offer': {
      // A levelled plan (issue 18) offers the planners moves of windows in this conflict.
      const moves = (Array.isArray(p['moves']) ? p['moves'] : []) as {
        afnemer?: unknown;
        from?: { start?: unknown; end?: unknown };
        to?: { start?: unknown; end?: unknown };
      }[];
      const lines = moves.map((m) => {
        const span = (s: { start?: unknown; end?: unknown } | undefined) =>
          typeof s?.start === 'string' && typeof s.end === 'string' ? spanDutch(Date.parse(s.start), Date.parse(s.end)) : '?';
        return `${str(m.afnemer) ?? '?'} van ${span(m.from)} naar ${span(m.to)}`;
      });
      return `Genivelleerd plan ${num(p['proposalId']) ?? ''} aangeboden door ${by}: ${dutchCount(moves.length, 'verschuiving', 'verschuivingen')} voorgesteld (${lines.join('; ')}); de planners accepteren of wijzen af.`;
    }
    case 'reached': {
      const reach = (Array.isArray(p['reach']) ? p['reach'] : []) as Reach[];
      return `Gevraagd ${p['purpose'] === 'advice' ? 'om een antwoord op het advies' : 'om een afweging'}: ${reach.map(reachText).join('; ')}.`;
    }
    case 'resolve':
      return `Opgelost: ${str(p['reason']) ?? ''}`;
    default:
      return PROCEDURE_ACTION_LABELS[e.action as keyof typeof PROCEDURE_ACTION_LABELS] ?? e.action;
  }
}
