import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api-client';
import { type FieldControl, FormField, fieldControl, formErrors } from './form-field';

const problem = (errors: { field: string; message: string }[]) => new ApiError(422, { title: 'Ongeldige invoer', detail: 'Controleer de velden', errors });

describe('fieldControl', () => {
  it('points the control at its hint and its error, in that order, and marks it invalid only with an error', () => {
    expect(fieldControl('x', {})).toEqual({ id: 'x', 'aria-invalid': false, 'aria-describedby': undefined });
    expect(fieldControl('x', { hint: true })).toEqual({ id: 'x', 'aria-invalid': false, 'aria-describedby': 'x-hint' });
    expect(fieldControl('x', { error: true })).toEqual({ id: 'x', 'aria-invalid': true, 'aria-describedby': 'x-err' });
    expect(fieldControl('x', { hint: true, error: true })).toEqual({ id: 'x', 'aria-invalid': true, 'aria-describedby': 'x-hint x-err' });
  });
});

describe('formErrors', () => {
  it("gives the server's message for the field it names, and nothing for another field", () => {
    const { serverErrors, fieldError } = formErrors(problem([{ field: 'title', message: 'Titel is verplicht' }]));
    expect(serverErrors).toHaveLength(1);
    expect(fieldError('title')).toBe('Titel is verplicht');
    expect(fieldError('description')).toBeUndefined();
  });

  it("puts the form's own check before the server's message for the same field", () => {
    const { fieldError } = formErrors(problem([{ field: 'title', message: 'Van de server' }]), { field: 'title', message: 'Vul een titel in' });
    expect(fieldError('title')).toBe('Vul een titel in');
  });

  it('has no field errors for a failure that is not a problem with rows (so the footer shows it)', () => {
    expect(formErrors(new Error('netwerk')).serverErrors).toEqual([]);
    expect(formErrors(problem([])).fieldError('title')).toBeUndefined();
    expect(formErrors(null, null).fieldError('title')).toBeUndefined();
  });
});

describe('FormField', () => {
  const render = (props: { hint?: string; error?: string; full?: boolean; alert?: boolean }) =>
    renderToStaticMarkup(
      createElement(FormField, {
        id: 'f-title',
        label: 'Titel',
        ...props,
        children: (control: FieldControl) => createElement('input', { ...control, defaultValue: '' }),
      }),
    );

  it('labels the control and, without hint or error, describes it by nothing', () => {
    const html = render({});
    expect(html).toBe('<div class="field"><label for="f-title">Titel</label><input id="f-title" aria-invalid="false" value=""/></div>');
  });

  it('renders the hint before the control and the Dutch error after it, both named by aria-describedby', () => {
    const html = render({ hint: 'Kort en duidelijk', error: 'Vul een titel in', full: true });
    expect(html).toBe(
      '<div class="field form-grid__full"><label for="f-title">Titel</label>' +
        '<p id="f-title-hint" class="field-hint">Kort en duidelijk</p>' +
        '<input id="f-title" aria-invalid="true" aria-describedby="f-title-hint f-title-err" value=""/>' +
        '<p id="f-title-err" class="field-error">Vul een titel in</p></div>',
    );
  });

  it('announces the error as an alert only when asked', () => {
    expect(render({ error: 'Te kort', alert: true })).toContain('<p id="f-title-err" class="field-error" role="alert">Te kort</p>');
    expect(render({ error: 'Te kort' })).not.toContain('role="alert"');
  });
});
