/** The functions of Bijlage 1 (contactgegevens), for Logius and for each Afnemer. */
export const CONTACT_ROLES = [
  'servicecentrum',
  'fraudeteam',
  'ketenbeheer',
  'servicemanager',
  'capaciteitsmanager',
  'incidentmanager',
  'calamiteitenmanager',
  'teamleider',
  'afdelingshoofd',
  'directeur',
  'contactpersoon',
  'planning',
  'klantraad',
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const CONTACT_ROLE_LABELS: Readonly<Record<ContactRole, string>> = {
  servicecentrum: 'Single Point of Contact (Servicecentrum)',
  fraudeteam: 'Fraudeteam',
  ketenbeheer: 'Ketenbeheer',
  servicemanager: 'Servicemanager',
  capaciteitsmanager: 'Traffic- en Capaciteit Manager',
  incidentmanager: 'Incidentmanager',
  calamiteitenmanager: 'Calamiteitenmanager',
  teamleider: 'Teamleider/coördinator',
  afdelingshoofd: 'Afdelingshoofd',
  directeur: 'Directeur',
  contactpersoon: 'Contactpersoon',
  planning: 'Planning (prognoses)',
  klantraad: 'Deelnemer Klantraad Interactie',
};
