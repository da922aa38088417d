import { useId } from 'react';
import { FormField } from '../../../components/form-field';

/** A labelled text input or textarea with its server error (field path as the API names it). */
export function TextField({
  label,
  value,
  onChange,
  error,
  multiline,
  type = 'text',
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  multiline?: boolean;
  type?: string;
}) {
  const id = useId();
  return (
    <FormField id={id} label={label} error={error} full={multiline}>
      {(control) =>
        multiline ? (
          <textarea {...control} value={value} rows={3} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...control} value={value} type={type} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </FormField>
  );
}
