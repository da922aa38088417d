import { describe, expect, it } from 'vitest';
import { icalCalendar, icalDateTime, icalEscape, icalFold } from './icalendar.js';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('icalDateTime', () => {
  it('writes UTC with a Z and no separators or milliseconds', () => {
    expect(icalDateTime(Date.parse('2027-02-01T09:00:00.123Z'))).toBe('20270201T090000Z');
  });

  it('writes the instants around the Dutch clock changes as they are', () => {
    expect(icalDateTime(Date.parse('2027-03-28T01:00:00Z'))).toBe('20270328T010000Z');
    expect(icalDateTime(Date.parse('2027-10-31T00:30:00Z'))).toBe('20271031T003000Z');
  });
});

describe('icalEscape', () => {
  it('escapes backslashes, semicolons, commas and every kind of line break', () => {
    expect(icalEscape('a\\b;c,d\r\ne\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });
});

describe('icalFold', () => {
  it('leaves a line of 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(icalFold(line)).toBe(line);
  });

  it('folds longer lines into pieces of at most 75 octets, continuations starting with a space', () => {
    const folded = icalFold('DESCRIPTION:' + 'a'.repeat(200));
    const lines = folded.split('\r\n');
    expect(lines.length).toBe(3);
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe('DESCRIPTION:' + 'a'.repeat(200));
  });

  it('never splits a multi-byte character', () => {
    const text = 'SUMMARY:' + 'ë€😀'.repeat(30);
    const lines = icalFold(text).split('\r\n');
    for (const l of lines) {
      expect(octets(l)).toBeLessThanOrEqual(75);
      expect(l).not.toMatch(/\uFFFD/);
    }
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(text);
  });
});

describe('icalCalendar', () => {
  it('gives a calendar with CRLF line ends, one VEVENT per event, stamped at now', () => {
    const text = icalCalendar({
      name: 'Capaciteit, onderhoud; releases',
      now: Date.parse('2027-01-11T09:00:00Z'),
      events: [
        { uid: 'mw-1@x', start: Date.parse('2027-02-01T09:00:00Z'), end: Date.parse('2027-02-01T11:00:00Z'), summary: 'Onderhoud', categories: ['onderhoud'] },
      ],
    });
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text).toContain('X-WR-CALNAME:Capaciteit\\, onderhoud\\; releases\r\n');
    expect(text).toContain('DTSTAMP:20270111T090000Z\r\nDTSTART:20270201T090000Z\r\nDTEND:20270201T110000Z\r\n');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('gives a valid empty calendar without events', () => {
    const text = icalCalendar({ name: 'Leeg', now: 0, events: [] });
    expect(text).not.toContain('VEVENT');
    expect(text).toContain('END:VCALENDAR');
  });
});
