import { defineMessages } from '../../lib/i18n';

/** Texts of the service report page that are not in nl.ts (issue 18: the reliability of the prognoses). */
export const reportMessages = defineMessages({
  nl: {
    accuracyTitle: 'Betrouwbaarheid prognoses',
    accuracyLead: 'Aangekondigde tegen werkelijk verzonden berichten per uur, tot {until}; de minst betrouwbare Afnemer bovenaan.',
    accuracyScore: 'Score (0–100)',
    accuracyVolumeError: 'Volumefout',
    accuracyBias: 'Afwijking',
    accuracyUnannounced: 'Onaangekondigd',
    accuracyPlanned: 'Aangekondigd',
    accuracyActual: 'Werkelijk',
  },
  en: {
    accuracyTitle: 'Reliability of the prognoses',
    accuracyLead: 'Announced against actually sent messages per hour, up to {until}; the least reliable Afnemer first.',
    accuracyScore: 'Score (0–100)',
    accuracyVolumeError: 'Volume error',
    accuracyBias: 'Bias',
    accuracyUnannounced: 'Unannounced',
    accuracyPlanned: 'Announced',
    accuracyActual: 'Actual',
  },
});
