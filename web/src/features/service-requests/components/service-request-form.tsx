import { type FormEvent, useId, useState } from 'react';
import { FormField, formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useCreateServiceRequest } from '../api/create-service-request';
import { type ServiceRequestType, useServiceRequestTypes } from '../api/get-service-request-types';
import { fieldLabel, serviceRequestDeadline } from '../deadline';
import { serviceRequestMessages } from '../messages';

interface FieldSchema {
  type?: string;
  format?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
}

function fieldsOf(type: ServiceRequestType | undefined): [string, FieldSchema][] {
  const props = (type?.fields as { properties?: Record<string, FieldSchema> } | undefined)?.properties ?? {};
  return Object.entries(props);
}

/** A service request (section 4): a standard one from the catalogue with its fields and term, or a free one. */
export function ServiceRequestForm() {
  const t = useT(serviceRequestMessages);
  const f = useFormat();
  const id = useId();
  const types = useServiceRequestTypes();
  const create = useCreateServiceRequest();
  const [kind, setKind] = useState<'standaard' | 'vrij'>('standaard');
  const [code, setCode] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const type = types.data?.find((x) => x.code === code);
  const fields = fieldsOf(type);
  const { fieldError: errorOf } = formErrors(create.error);
  const deadline = type ? serviceRequestDeadline(Date.now(), type.termijnWerkdagen) : null;

  const input = (name: string, schema: FieldSchema) => {
    const value = values[name] ?? '';
    const set = (v: string) => setValues((old) => ({ ...old, [name]: v }));
    return (
      <FormField key={name} id={`${id}-f-${name}`} label={fieldLabel(name)} error={errorOf(`fields.${name}`)}>
        {(control) =>
          schema.enum ? (
            <select {...control} value={value} onChange={(e) => set(e.target.value)}>
              <option value="">{t('sr.choose')}</option>
              {schema.enum.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          ) : (
            <input
              {...control}
              value={value}
              type={
                schema.type === 'integer' || schema.type === 'number'
                  ? 'number'
                  : schema.format === 'date'
                    ? 'date'
                    : schema.format === 'email'
                      ? 'email'
                      : 'text'
              }
              min={schema.minimum}
              max={schema.maximum}
              onChange={(e) => set(e.target.value)}
            />
          )
        }
      </FormField>
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const body =
      kind === 'standaard'
        ? {
            kind,
            catalogueItem: code,
            description,
            fields: Object.fromEntries(
              fields
                .filter(([name]) => values[name] !== undefined && values[name] !== '')
                .map(([name, s]) => [name, s.type === 'integer' || s.type === 'number' ? Number(values[name]) : values[name]]),
            ),
          }
        : { kind, subject, description };
    create.mutate(body, {
      onSuccess: (r) => {
        setDone(t('sr.filed', { id: r.id, subject: r.subject }));
        setValues({});
        setSubject('');
        setDescription('');
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate className="form-grid" data-export-skip>
      <fieldset className="field form-grid__full">
        <legend>{t('sr.kind')}</legend>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === 'standaard'} onChange={() => setKind('standaard')} /> {t('sr.kindStandard')}
        </label>{' '}
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === 'vrij'} onChange={() => setKind('vrij')} /> {t('sr.kindFree')}
        </label>
      </fieldset>
      {kind === 'standaard' ? (
        <>
          <div className="field form-grid__full">
            <label htmlFor={`${id}-code`}>{t('sr.catalogueItem')}</label>
            <select
              id={`${id}-code`}
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                setValues({});
                create.reset();
              }}
              aria-invalid={!!errorOf('catalogueItem')}
            >
              <option value="">{t('sr.choose')}</option>
              {(types.data ?? []).map((x) => (
                <option key={x.code} value={x.code}>
                  {t('sr.catalogueOption', { name: x.name, days: x.termijnWerkdagen })}
                </option>
              ))}
            </select>
            {errorOf('catalogueItem') && <p className="field-error">{errorOf('catalogueItem')}</p>}
            {deadline !== null && (
              <p className="field-hint" data-testid="sr-deadline-preview">
                {t('sr.deadlinePreview', { days: type!.termijnWerkdagen, date: f.date(deadline - 1) })}
              </p>
            )}
          </div>
          {fields.map(([name, schema]) => input(name, schema))}
        </>
      ) : (
        <FormField id={`${id}-subject`} label={t('sr.subject')} error={errorOf('subject')} full>
          {(control) => <input {...control} value={subject} onChange={(e) => setSubject(e.target.value)} />}
        </FormField>
      )}
      <FormField id={`${id}-description`} label={kind === 'vrij' ? t('sr.description') : t('sr.descriptionOptional')} error={errorOf('description')} full>
        {(control) => <textarea {...control} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </FormField>
      <FormFooter
        busy={create.isPending}
        disabled={kind === 'standaard' && !code}
        submitLabel={t('sr.submit')}
        error={create.isError ? create.error : undefined}
        done={done}
      />
    </form>
  );
}
