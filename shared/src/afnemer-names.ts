/** Texts of the pure core name Afnemers by OIN (it knows no names); people read them with names. */

const OIN = /(?<!\d)\d{20}(?!\d)/g;

/** True when `text` names an Afnemer by OIN (twenty digits on their own). */
export function mentionsOin(text: string): boolean {
  OIN.lastIndex = 0;
  return OIN.test(text);
}

/**
 * Returns `text` with every OIN of a known Afnemer replaced by its name.
 * Edge: an unknown OIN stays as it is; digits that are part of a longer number are no OIN and stay too.
 */
export function afnemerNamesIn(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(OIN, (oin) => names.get(oin) ?? oin);
}
