import type { ConflictRow, Sql, UserRow } from '@cd/db';
import type { PlanningHorizonSetting } from '@cd/shared';
import { accessScope, type Capability, roleMay } from '@cd/shared/access';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { RateLimiter } from './rate-limiter.js';
import type { AppMetrics } from './metrics.js';
import { ProblemError } from './problem.js';
import type { PlanningCache } from '../services/planning-cache.js';
import type { ChangeFeed } from '../services/change-feed.js';
import type { ProcedureSettings } from '../services/procedure.js';
import type { VersionedMemo } from './versioned-memo.js';
import type { BytesCache } from './bytes-cache.js';

export interface Deps {
  sql: Sql;
  /** The clock, injectable so tests can pin time. */
  now: () => Date;
  sessionHours: number;
  /** Working days per procedure step; the defaults of shared/procedure when absent. */
  procedure?: ProcedureSettings;
  /** Days back and ahead of today that windows may lie in; PLANNING_HORIZON_DEFAULT when absent. */
  horizon?: PlanningHorizonSetting;
  /** Structured logger; silent when absent (tests). */
  logger?: Logger;
  /** TRUST_PROXY: believe X-Forwarded-For and X-Forwarded-Proto of the proxy in front; off when absent. */
  trustProxy?: boolean;
  /** Aborted when the server starts to shut down: live streams tell their clients to reconnect, /ready answers 503. */
  stopping?: AbortSignal;
  /** The app's metrics; index.ts makes them to share them with the METRICS_PORT listener. Made by createApp when absent. */
  metrics?: AppMetrics;
  /** METRICS_TOKEN: GET /metrics answers only with this Bearer token; /metrics is 404 when absent. */
  metricsToken?: string;
  /** INSTANCE_ID: sent as X-Served-By on every answer, so one can see which process behind a proxy answered. */
  instanceId?: string;
  /** Milliseconds between heartbeat comments on a quiet live stream; SSE_HEARTBEAT_MS when absent (tests shorten it). */
  sseHeartbeatMs?: number;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    user: UserRow | null;
    authMethod: 'bearer' | 'cookie' | null;
    planning: PlanningCache;
    feed: ChangeFeed;
    logger: Logger;
    log: Logger;
    loginLimiter: RateLimiter;
    metrics: AppMetrics;
    /** Pages of the conflict list, per conflicts version. */
    conflictPages: VersionedMemo<{ rows: ConflictRow[]; total: number }>;
    /** The conflict list's pages as sent, per version of what they show (lib/bytes-cache.ts). */
    conflictBytes: BytesCache;
    /** Case files as sent, per user and version of what they show (lib/bytes-cache.ts). */
    caseFileBytes: BytesCache;
    /** The ids of the send windows matching a filter of the prognoses list, in its order, per planning version. */
    windowOrder: VersionedMemo<number[]>;
    /** Afnemer names by OIN, per version of the Afnemers table (afnemersVersion). */
    afnemerNames: VersionedMemo<NamesAt>;
  };
};

/** The signed-in user; 401 when there is none. */
export function userRequire(c: Context<AppEnv>): UserRow {
  const user = c.get('user');
  if (!user) throw new ProblemError(401, 'Meld u aan, of stuur een geldig API-token mee.');
  return user;
}

/**
 * The signed-in user when the access table lets their role use `capability` (or one of several), for its own
 * Afnemer or any; 401 or 403 otherwise. Which Afnemer a resource belongs to is the route's to check.
 */
export function userMay(c: Context<AppEnv>, capability: Capability | readonly Capability[], message = 'Uw rol geeft geen toegang tot deze functie.'): UserRow {
  const user = userRequire(c);
  const capabilities: readonly Capability[] = typeof capability === 'string' ? [capability] : capability;
  if (!capabilities.some((cap) => roleMay(user.role, cap))) throw new ProblemError(403, message);
  return user;
}

/** The Afnemer a user is confined to (planners, klantraad-managers), or null for Logius roles who see all. */
export function afnemerScope(user: UserRow): string | null {
  return accessScope(user);
}

/** The Afnemer names by OIN with the version of the Afnemers table they were read at (lib/afnemer-names.ts). */
export interface NamesAt {
  version: string;
  names: Map<string, string>;
}
