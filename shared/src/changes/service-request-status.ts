/** The life of a service request (DAP section 4): filed, taken up, then answered or refused. */

export const SERVICE_REQUEST_STATUSES = ['ingediend', 'in-behandeling', 'afgehandeld', 'afgewezen'] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

export const SERVICE_REQUEST_STATUS_LABELS: Readonly<Record<ServiceRequestStatus, string>> = {
  ingediend: 'Ingediend',
  'in-behandeling': 'In behandeling',
  afgehandeld: 'Afgehandeld',
  afgewezen: 'Afgewezen',
};

const NEXT: Readonly<Record<ServiceRequestStatus, readonly ServiceRequestStatus[]>> = {
  ingediend: ['in-behandeling', 'afgehandeld', 'afgewezen'],
  'in-behandeling': ['afgehandeld', 'afgewezen'],
  afgehandeld: [],
  afgewezen: [],
};

/**
 * Returns null when a request may go from `from` to `to` with this answer, else the reason it may not.
 * Edge: closing (afgehandeld, afgewezen) needs an answer; a closed request stays closed.
 */
export function serviceRequestTransitionError(from: ServiceRequestStatus, to: ServiceRequestStatus, answer: string | null): string | null {
  if (!NEXT[from].includes(to)) return `Een verzoek met status "${SERVICE_REQUEST_STATUS_LABELS[from]}" kan niet naar "${SERVICE_REQUEST_STATUS_LABELS[to]}".`;
  if ((to === 'afgehandeld' || to === 'afgewezen') && !answer?.trim()) return 'Geef bij het afhandelen of afwijzen een antwoord.';
  return null;
}
