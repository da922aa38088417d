import { defineMessages } from '../../lib/i18n';

/** Texts of the usage targets page that are not in nl.ts (issue 18: the quarter's reliability score). */
export const usageTargetsMessages = defineMessages({
  nl: {
    accuracyTitle: 'Betrouwbaarheid van uw prognoses in dit kwartaal',
    accuracyUntil: 'Over de uren tot {until}, zoals in het template (gepland) gebruik.',
    accuracyNone: 'Nog geen vergelijking: in de verstreken uren van dit kwartaal is niets aangekondigd of verzonden.',
    accuracyScore: 'Score (0–100)',
    accuracyVolumeError: 'Volumefout',
    accuracyBias: 'Afwijking (+ te hoog, − te laag aangekondigd)',
    accuracyUnannounced: 'Onaangekondigd verzonden',
    accuracyCounts: 'Aangekondigd / werkelijk',
  },
  en: {
    accuracyTitle: 'Reliability of your prognoses this quarter',
    accuracyUntil: 'Over the hours up to {until}, as in the usage template.',
    accuracyNone: 'No comparison yet: nothing was announced or sent in the passed hours of this quarter.',
    accuracyScore: 'Score (0–100)',
    accuracyVolumeError: 'Volume error',
    accuracyBias: 'Bias (+ announced too high, − too low)',
    accuracyUnannounced: 'Sent unannounced',
    accuracyCounts: 'Announced / actual',
  },
});
