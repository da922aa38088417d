/** How serious a security incident is, lowest first. */
export const SECURITY_SEVERITIES = ['laag', 'middel', 'hoog', 'kritiek'] as const;
export type SecuritySeverity = (typeof SECURITY_SEVERITIES)[number];

export const SECURITY_SEVERITY_LABELS: Readonly<Record<SecuritySeverity, string>> = {
  laag: 'Laag',
  middel: 'Middel',
  hoog: 'Hoog',
  kritiek: 'Kritiek',
};

/** Where a security incident stands: reported, being handled, closed (a closed incident stays closed). */
export const SECURITY_STATUSES = ['gemeld', 'in-behandeling', 'afgesloten'] as const;
export type SecurityStatus = (typeof SECURITY_STATUSES)[number];

export const SECURITY_STATUS_LABELS: Readonly<Record<SecurityStatus, string>> = {
  gemeld: 'Gemeld',
  'in-behandeling': 'In behandeling',
  afgesloten: 'Afgesloten',
};

/**
 * Returns true when a security incident may go from `from` to `to`.
 * Edge: staying in the same status is not a move (false); nothing leaves 'afgesloten'.
 */
export function securityStatusAllowed(from: SecurityStatus, to: SecurityStatus): boolean {
  if (from === to || from === 'afgesloten') return false;
  return SECURITY_STATUSES.indexOf(to) > SECURITY_STATUSES.indexOf(from);
}
