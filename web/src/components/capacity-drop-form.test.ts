import type { MaintenanceChangeJson, PlanningDryRunResult } from '@cd/shared';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../lib/api-client';
import { I18nProvider } from '../lib/i18n';
import { nl } from '../lib/messages/nl';
import {
  CapacityDropForm,
  CapacityDropNotice,
  type CapacityDropTexts,
  type CapacityDropValues,
  capacityDropCheck,
  capacityDropValues,
  type DropRequest,
} from './capacity-drop-form';

const checks = { errStart: 'Geef een geldig begin.', errEnd: 'Het einde moet na het begin liggen.', errFactor: 'Geef een percentage.' };
const values = (v: Partial<CapacityDropValues>): CapacityDropValues => ({
  start: '2027-09-16T18:00',
  end: '2027-09-16T22:00',
  remaining: '50',
  reason: '',
  ...v,
});

describe('capacityDropCheck', () => {
  it('turns Amsterdam wall-clock times into instants, in summer (+02:00) and in winter (+01:00)', () => {
    expect(capacityDropCheck(values({ reason: '  Database-onderhoud ' }), checks)).toEqual({
      drop: { start: '2027-09-16T16:00:00.000Z', end: '2027-09-16T20:00:00.000Z', factor: 0.5, reason: 'Database-onderhoud' },
    });
    expect(capacityDropCheck(values({ start: '2027-12-01T18:00', end: '2027-12-01T22:00', remaining: '0' }), checks).drop).toEqual({
      start: '2027-12-01T17:00:00.000Z',
      end: '2027-12-01T21:00:00.000Z',
      factor: 0,
      reason: '',
    });
  });

  it('spans the autumn night by its real length: 01:00 to 04:00 on the last Sunday of October is four hours', () => {
    const { drop } = capacityDropCheck(values({ start: '2027-10-31T01:00', end: '2027-10-31T04:00' }), checks);
    expect(drop && Date.parse(drop.end) - Date.parse(drop.start)).toBe(4 * 3_600_000);
  });

  it('refuses an end in the spring gap that lies before the start once the clock has jumped', () => {
    // 02:30 does not exist on 28 March 2027; it is read as 03:30 summer time, which is after 03:00.
    expect(capacityDropCheck(values({ start: '2027-03-28T02:30', end: '2027-03-28T03:00' }), checks).issue).toEqual({ field: 'end', message: checks.errEnd });
  });

  it('names the first wrong field with the page message: start, end, then the percentage', () => {
    expect(capacityDropCheck(values({ start: '', end: '' }), checks).issue).toEqual({ field: 'start', message: checks.errStart });
    expect(capacityDropCheck(values({ end: '2027-09-16T18:00' }), checks).issue).toEqual({ field: 'end', message: checks.errEnd });
    expect(capacityDropCheck(values({ end: 'morgen' }), checks).issue?.field).toBe('end');
    for (const remaining of ['', ' ', '-5', '101', 'vijftig']) {
      expect(capacityDropCheck(values({ remaining }), checks).issue, remaining).toEqual({ field: 'factor', message: checks.errFactor });
    }
    expect(capacityDropCheck(values({ remaining: '100' }), checks).drop?.factor).toBe(1);
  });

  it('asks for a reason only where the page gives a message for it', () => {
    expect(capacityDropCheck(values({ reason: '   ' }), checks).drop?.reason).toBe('');
    expect(capacityDropCheck(values({ reason: '   ' }), { ...checks, errReason: 'Geef een reden op.' }).issue).toEqual({
      field: 'reason',
      message: 'Geef een reden op.',
    });
  });
});

describe('capacityDropValues', () => {
  it('shows a stored window in Amsterdam time and its factor as a whole percentage, and reads back as the same window', () => {
    const v = capacityDropValues({ start: '2027-09-16T16:00:00.000Z', end: '2027-09-16T20:00:00.000Z', factor: 0.333, reason: 'Release' });
    expect(v).toEqual({ start: '2027-09-16T18:00', end: '2027-09-16T22:00', remaining: '33', reason: 'Release' });
    expect(capacityDropCheck(v, checks).drop).toMatchObject({ start: '2027-09-16T16:00:00.000Z', end: '2027-09-16T20:00:00.000Z', reason: 'Release' });
  });
});

const texts: CapacityDropTexts = {
  ...checks,
  timeHint: 'Tijden in Nederlandse tijd.',
  start: 'Begin',
  end: 'Einde',
  remaining: 'Resterende capaciteit (%)',
  remainingHint: '0 = niets',
  reason: 'Reden',
  check: 'Effect bekijken',
  confirm: 'Bevestigen',
};

/** A request in one state, as react-query reports it. */
const request = <R>(state: Partial<DropRequest<unknown, R>> = {}): DropRequest<unknown, R> => ({
  mutate: () => {},
  reset: () => {},
  isPending: false,
  isError: state.error != null,
  error: null,
  data: undefined,
  ...state,
});

const inDutch = (node: ReactNode) => renderToStaticMarkup(createElement(I18nProvider, null, node));

const form = (preview: DropRequest<unknown, PlanningDryRunResult>, extra: Partial<CapacityDropTexts> = {}, children?: () => ReactNode) =>
  inDutch(
    createElement(CapacityDropForm<unknown, unknown>, {
      initial: values({ reason: 'Opslag traag' }),
      texts: { ...texts, ...extra },
      variables: (d) => d,
      preview,
      commit: request(),
      onDone: () => {},
      onCancel: () => {},
      testId: 'drop-form',
      children,
    }),
  );

describe('CapacityDropForm', () => {
  it("puts the server's Dutch error for a field beside that field, marked invalid, and keeps what was typed", () => {
    const refused = new ApiError(400, { title: 'Ongeldige invoer', errors: [{ field: 'end', message: 'Het einde ligt buiten de planningshorizon.' }] });
    const html = form(request({ error: refused }));
    const end = /<input id="([^"]+)-end" aria-invalid="true" aria-describedby="\1-end-err"[^>]*value="2027-09-16T22:00"/.exec(html);
    expect(end, html).not.toBeNull();
    expect(html).toContain(`<p id="${end![1]}-end-err" class="field-error">Het einde ligt buiten de planningshorizon.</p>`);
    expect(html).toContain('>Opslag traag</textarea>');
    // A field's error is not repeated as the form's alert.
    expect(html).not.toContain('role="alert"');
  });

  it('says the effect is being worked out while the dry run runs, with the button off and the form busy', () => {
    const html = form(request({ isPending: true }));
    expect(html).toContain('aria-busy="true"');
    expect(html).toMatch(new RegExp(`<button type="submit" class="button button--primary" disabled="">${nl['change.checking']}</button>`));
    expect(form(request())).toContain('<button type="submit" class="button button--primary">Effect bekijken</button>');
  });

  it('shows a failure that belongs to no field as an alert in Dutch', () => {
    expect(form(request({ error: new NetworkError() }))).toContain(`role="alert">${nl['error.network']}</p>`);
  });

  it("renders the page's own fields between the end and the remaining capacity, and marks the reason required only when it is", () => {
    const html = form(request(), { errReason: 'Geef een reden op.' }, () => createElement('select', { id: 'kind' }));
    expect(html.indexOf('-end"')).toBeLessThan(html.indexOf('<select id="kind"'));
    expect(html.indexOf('<select id="kind"')).toBeLessThan(html.indexOf('-factor"'));
    expect(html).toMatch(/<textarea[^>]*required=""/);
    expect(form(request())).not.toMatch(/<textarea[^>]*required/);
  });
});

describe('CapacityDropNotice', () => {
  const change = (undoableUntil: string): MaintenanceChangeJson => ({
    id: 1,
    maintenanceId: 2,
    action: 'create',
    before: null,
    after: null,
    changedBy: 'capaciteit@logius.example',
    changedAt: new Date(Date.parse(undoableUntil) - 15 * 60_000).toISOString(),
    undoableUntil,
    undoneBy: null,
    undoneAt: null,
  });
  const notice = (c: MaintenanceChangeJson | null, mayUndo: boolean) =>
    inDutch(createElement(CapacityDropNotice, { done: { text: 'Het venster is toegevoegd.', change: c }, testId: 'saved', mayUndo, onUndo: () => {} }));
  const soon = new Date(Date.now() + 10 * 60_000).toISOString();

  it('offers the undo while its term runs, to whoever may', () => {
    const html = notice(change(soon), true);
    expect(html).toContain('<p data-testid="saved">Het venster is toegevoegd.</p>');
    expect(html).toContain(`${nl['change.undo']} <span class="muted">(kan tot `);
  });

  it('offers no undo once the term has ended, to a role that may not, or for an undo itself', () => {
    expect(notice(change(new Date(Date.now() - 1000).toISOString()), true)).not.toContain('<button');
    expect(notice(change(soon), false)).not.toContain('<button');
    expect(notice(null, true)).not.toContain('<button');
    expect(notice(null, true)).toContain('Het venster is toegevoegd.');
  });
});
