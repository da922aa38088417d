import { type OpenProcedureStep, PLANNING_HORIZON_MAX_DAYS, type PlanningHorizonSetting, PROCEDURE_STEPS } from '@cd/shared';
import { z } from 'zod';

const flag = z.enum(['0', '1'], { error: 'moet 0 of 1 zijn' }).optional();
const portNumber = z.coerce
  .number({ error: 'moet een poortnummer zijn' })
  .int('moet een geheel getal zijn')
  .min(1, 'moet tussen 1 en 65535 liggen')
  .max(65535, 'moet tussen 1 en 65535 liggen');
const port = (fallback: number) => portNumber.default(fallback);

export const ConfigSchema = z.object({
  PORT: port(3000),
  HOST: z.string().min(1, 'mag niet leeg zijn').default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'moet beginnen met postgres:// of postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1, 'mag niet leeg zijn').default('./.data'),
  PG_PORT: port(54329),
  DEMO: flag,
  DB_POOL: z.coerce.number({ error: 'moet een aantal verbindingen zijn' }).int().min(1).max(100).default(30),
  SESSION_HOURS: z.coerce
    .number({ error: 'moet een aantal uren zijn' })
    .positive('moet groter dan 0 zijn')
    .max(24 * 30, 'mag hoogstens 720 zijn')
    .default(12),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'moet beginnen met smtp:// of smtps://')
    .optional(),
  MAIL_FROM: z.string().email('moet een e-mailadres zijn').default('capaciteitsdashboard@logius.example'),
  PROCEDURE_DEADLINES: z
    .string()
    .regex(/^\d+(,\d+){5}$/, 'moet zes aantallen werkdagen zijn, bijvoorbeeld 2,2,5,3,5,2 (stap 1 t/m 6)')
    .optional(),
  TRUST_PROXY: flag,
  PLANNING_HORIZON: z
    .string()
    .regex(/^\s*-?\d+\s*,\s*\d+\s*$/, 'moet twee aantallen dagen zijn, terug en vooruit, bijvoorbeeld -365,1826')
    .refine(
      (v) => v.split(',').every((d) => Math.abs(Number(d)) <= PLANNING_HORIZON_MAX_DAYS),
      `mag aan elke kant hoogstens ${PLANNING_HORIZON_MAX_DAYS} dagen zijn`,
    )
    .optional(),
  METRICS_TOKEN: z
    .string()
    .min(16, 'moet minstens 16 tekens lang zijn')
    .regex(/^[\x21-\x7e]+$/, 'mag alleen zichtbare ASCII-tekens bevatten, zonder spaties')
    .optional(),
  METRICS_PORT: portNumber.optional(),
  INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'mag alleen letters, cijfers, punt, streepje en liggend streepje bevatten (hoogstens 64)')
    .optional(),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug'], { error: 'moet silent, error, info of debug zijn' }).default('info'),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws one Dutch message naming every bad variable. */
export function configFromEnv(env: Record<string, string | undefined>): Config {
  const relevant = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = ConfigSchema.safeParse(relevant);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `- ${String(i.path[0])}: ${i.message}`);
  throw new Error(`Ongeldige configuratie:\n${lines.join('\n')}`);
}

/** Demo data goes in on the embedded database unless DEMO=0, and on DATABASE_URL only with DEMO=1. */
export function configWantsDemo(config: Config): boolean {
  return config.DATABASE_URL ? config.DEMO === '1' : config.DEMO !== '0';
}

/** The six open steps in procedure order: PROCEDURE_DEADLINES names their working days in this order. */
const STEPS = PROCEDURE_STEPS.filter((s): s is OpenProcedureStep => s !== 'resolved');

/** Working days per procedure step from PROCEDURE_DEADLINES, or undefined for the defaults. */
export function configDeadlines(config: Config): Partial<Record<OpenProcedureStep, number>> | undefined {
  if (!config.PROCEDURE_DEADLINES) return undefined;
  const days = config.PROCEDURE_DEADLINES.split(',').map(Number);
  return Object.fromEntries(STEPS.map((s, i) => [s, days[i]!]));
}

/** The planning horizon from PLANNING_HORIZON ("-365,1826": days back, days ahead), or undefined for the default. */
export function configHorizon(config: Config): PlanningHorizonSetting | undefined {
  if (!config.PLANNING_HORIZON) return undefined;
  const [back, ahead] = config.PLANNING_HORIZON.split(',').map((d) => Math.abs(Number(d)));
  return { daysBack: back!, daysAhead: ahead! };
}
