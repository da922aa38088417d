import { z } from 'zod';

// What a value should be, in the words of the message "Moet ... zijn."
const KIND: Record<string, string> = {
  string: 'tekst',
  number: 'een getal',
  int: 'een geheel getal',
  bigint: 'een geheel getal',
  boolean: 'true of false',
  object: 'een object',
  array: 'een lijst',
  date: 'een datum',
  null: 'leeg (null)',
  nan: 'een getal',
  file: 'een bestand',
};

const FORMAT: Record<string, string> = {
  datetime: 'Geef datum en tijd in ISO 8601 met tijdzone, bijvoorbeeld 2027-01-15T08:00:00+01:00.',
  date: 'Geef een datum als jjjj-mm-dd, bijvoorbeeld 2027-01-15.',
  time: 'Geef een tijd als uu:mm, bijvoorbeeld 08:00.',
  email: 'Geef een geldig e-mailadres.',
  url: 'Geef een geldige URL.',
  uuid: 'Geef een geldige UUID.',
  regex: 'Heeft niet de verwachte vorm.',
};

const count = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;

function sizeText(origin: string, n: number | bigint): string {
  if (origin === 'string') return count(n, 'teken', 'tekens');
  if (origin === 'array' || origin === 'set') return count(n, 'element', 'elementen');
  if (origin === 'file') return count(n, 'byte', 'bytes');
  return String(n);
}

/**
 * Dutch messages for the zod issues our schemas leave to zod (a schema's own text always wins). Covers what
 * callers meet at the API: missing fields, wrong types, bounds, formats, enums and unknown keys; the rest falls
 * through to zod's Dutch locale.
 */
export const zodDutchErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Dit veld ontbreekt.';
      return `Moet ${KIND[issue.expected] ?? issue.expected} zijn.`;
    case 'too_small': {
      const { origin, minimum, inclusive } = issue;
      if (origin === 'string' && Number(minimum) === 1) return 'Mag niet leeg zijn.';
      if (origin === 'number' || origin === 'int' || origin === 'bigint') return `Moet ${inclusive ? 'minstens' : 'groter dan'} ${minimum} zijn.`;
      if (origin === 'date') return `Moet ${inclusive ? 'op of na' : 'na'} ${new Date(Number(minimum)).toISOString()} liggen.`;
      return `Moet minstens ${sizeText(origin, inclusive ? minimum : Number(minimum) + 1)} hebben.`;
    }
    case 'too_big': {
      const { origin, maximum, inclusive } = issue;
      if (origin === 'number' || origin === 'int' || origin === 'bigint')
        return `Mag ${inclusive ? 'hoogstens' : 'niet meer dan of gelijk aan'} ${maximum} zijn.`;
      if (origin === 'date') return `Moet ${inclusive ? 'op of voor' : 'voor'} ${new Date(Number(maximum)).toISOString()} liggen.`;
      return `Mag hoogstens ${sizeText(origin, inclusive ? maximum : Number(maximum) - 1)} hebben.`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `Moet ${JSON.stringify(issue.values[0])} zijn.`
        : `Kies uit: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'invalid_format':
      return FORMAT[issue.format] ?? undefined;
    case 'unrecognized_keys':
      return `Onbekend${issue.keys.length > 1 ? 'e velden' : ' veld'}: ${issue.keys.join(', ')}.`;
    case 'invalid_union':
      return 'Deze waarde past bij geen van de toegestane vormen.';
    case 'not_multiple_of':
      return `Moet een veelvoud van ${issue.divisor} zijn.`;
    default:
      return undefined;
  }
};

/** Makes every zod message Dutch, process-wide: zod's Dutch locale, with our own texts over it. Idempotent. */
export function zodDutchConfigure(): void {
  z.config(z.locales.nl());
  z.config({ customError: zodDutchErrorMap });
}
