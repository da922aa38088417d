/**
 * iCalendar (RFC 5545) text for calendar feeds: UTC times, escaped text, lines folded at 75 octets, CRLF.
 * Outlook, Apple Calendar and Google Calendar subscribe to such a feed by URL.
 */

export interface CalendarEvent {
  /** Globally unique and stable across refreshes, so a moved event moves instead of doubling. */
  readonly uid: string;
  readonly start: number;
  readonly end: number;
  readonly summary: string;
  readonly description?: string;
  readonly categories?: readonly string[];
  /** When the event last changed, ms; becomes LAST-MODIFIED. */
  readonly updatedAt?: number;
}

/**
 * Returns `ms` as an iCalendar UTC date-time.
 * Edge: 2027-03-28T01:00:00Z (the moment Dutch summer time starts) is 20270328T010000Z; milliseconds are dropped.
 */
export function icalDateTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Returns TEXT with backslashes, semicolons, commas and line breaks escaped.
 * Edge: CRLF, CR and LF each become one `\n`.
 */
export function icalEscape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Returns a content line folded so no physical line exceeds 75 octets, continuation lines starting with a space.
 * Edge: a multi-byte UTF-8 character is never split across lines.
 */
export function icalFold(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * Returns a whole VCALENDAR with these events, stamped at `now`.
 * Edge: no events still gives a valid, empty calendar.
 */
export function icalCalendar(input: { name: string; now: number; events: readonly CalendarEvent[] }): string {
  const stamp = icalDateTime(input.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Logius//Capaciteitsdashboard MijnOverheid//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icalEscape(input.name)}`,
    'X-PUBLISHED-TTL:PT1H',
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
  ];
  for (const e of input.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icalEscape(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icalDateTime(e.start)}`,
      `DTEND:${icalDateTime(e.end)}`,
      `SUMMARY:${icalEscape(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${icalEscape(e.description)}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(icalEscape).join(',')}`);
    if (e.updatedAt !== undefined) lines.push(`LAST-MODIFIED:${icalDateTime(e.updatedAt)}`);
    lines.push('TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(icalFold).join('\r\n') + '\r\n';
}
