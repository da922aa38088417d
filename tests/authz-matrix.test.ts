// The authorisation matrix: every route the app serves, called by every role (Afnemer-bound roles for their own
// Afnemer's resource and for another's) and by nobody, against the intended outcome written out below.
// A route without a row, or a row without a route, fails the test: whoever adds a route decides who may use it.
// Besides the status, each case checks that a refused write stored nothing, that an allowed write stored
// something, that another Afnemer never gets A's own data back, and that only the Fraudeteam reads fraud.
// The live stream is read while A's conflict moves, and a dry run is tried in an hour where A sends: neither may
// tell B's users anything of A (decision 006).
// The intended table is written out independently of the access table in shared (@cd/shared/access), which the
// routes read; the two are held against each other: every capability is the rule of some row, and on those rows
// a role the access table refuses is refused, and a role it admits is not.
import { accessReach, CAPABILITIES, type Capability, ROLES, roleIsAfnemerBound, type Role } from '@cd/shared/access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, apiRequest, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';

/** In every piece of Afnemer A's own data; no other Afnemer may ever get it back. */
const A_SECRET = 'GEHEIM-A';
/** In the fraud report; decision 005: only the Fraudeteam reads it, not even the reporter. */
const FRAUD_SECRET = 'FRAUDE-GEHEIM';

// ---------- who calls ----------

/** One column per role; an Afnemer-bound role twice: "own" works for Afnemer A (whose resources the paths name), "other" for B. */
const COLUMNS = [
  'anonymous',
  'planner:own',
  'planner:other',
  'klantraad-manager:own',
  'klantraad-manager:other',
  'capacity-manager',
  'service-manager',
  'incident-manager',
  'calamity-manager',
  'admin',
  'fraudeteam',
  'security-officer',
] as const;
type Column = (typeof COLUMNS)[number];

const ok = 'ok';
const NO = 'forbidden';
const UN = 'unauthenticated';
const NF = 'notfound';
/** 'ok' is any 2xx, the names are 403, 401 and 404; a number is that status exactly (a state-machine refusal). */
type Outcome = typeof ok | typeof NO | typeof UN | typeof NF | 400 | 409;
/**
 * One outcome per column, in the order of COLUMNS: every role written out, the security officer (issue 17) too, so a
 * new row decides each role's outcome itself and no column borrows another's (the test below also checks the length).
 */
type Grid = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
/** The intended outcome of column `i` on a row. */
const intendedOf = (row: Grid, i: number): Outcome => row[i]!;

// ---------- the intended table ----------
// Derived from docs/decisions, shared/src/roles.ts, the procedure gates and the DAP (shared/ref/domain.md).
// Keys are "METHOD /path" as the OpenAPI document names them (relative to /api/v1), optionally "· variant"
// when the body decides who may act (the procedure steps, incident actions).

/** Served, but not in the OpenAPI document. */
const OUTSIDE_OPENAPI = ['GET /openapi.json', 'GET /health', 'GET /ready', 'GET /metrics'];

const INTENDED = {
  //                                                                  anon plan plan krm  krm  cap  svc  inc  cal  adm  frd  sec
  //                                                                       own  oth  own  oth
  // Aanmelden: logging in and out needs no session; who you are needs one.
  'POST /sessions': [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /sessions/current': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'DELETE /sessions/current': [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /afnemers': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],

  // Prognoses: a planner delivers and cancels for its own Afnemer; Logius' capacity manager (and admin) on behalf of any.
  'POST /prognoses': [UN, ok, NO, NO, NO, ok, NO, NO, NO, ok, NO, NO],
  // A dry run for one's own Afnemer (Logius: for B) in an hour where A sends: B learns A only as a count.
  'POST /prognoses · proefaanlevering in een uur van A': [UN, ok, ok, NO, NO, ok, NO, NO, NO, ok, NO, NO],
  'GET /prognoses · ?afnemer=A': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /prognoses · zonder filter': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /prognoses/template.csv': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /prognoses/template.xlsx': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /prognoses/{id}': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'DELETE /prognoses/{id}': [UN, ok, NO, NO, NO, ok, NO, NO, NO, ok, NO, NO],
  // Editing one window is a plan change: its own planner, or the capacity manager on its behalf.
  'PATCH /prognoses/{id}': [UN, ok, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  // A plan change (here planner A's) is undone by whoever made it, or by the capacity manager.
  'POST /plan-changes/{id}/undo': [UN, ok, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'GET /deliveries': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],

  // Capaciteit: everyone signed in reads; only the Traffic- en Capaciteitsmanager sets capacity and maintenance.
  'GET /capacity-profile': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /capacity-profile/history': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'PUT /capacity-profile': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  // A dry run shows the effect of a capacity change to whoever may make it, and stores nothing.
  'PUT /capacity-profile · dryRun=true': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'POST /capacity-profile/history/{id}/restore': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'POST /capacity-profile/history/{id}/restore · dryRun=true': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'GET /maintenance-windows': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /maintenance-windows/{id}': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'POST /maintenance-windows': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  // A levelled plan for a period (issue 18): only the capacity manager proposes one and reads it back; it moves nothing.
  'POST /levelling/proposals': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'GET /levelling/proposals/{id}': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  // Accepting a proposal offers the planners their moves (the capacity manager only); a planner of the move's own
  // Afnemer accepts (with a dry run first) or declines it; each planner lists the moves offered to its own Afnemer.
  'GET /levelling/proposals': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'POST /levelling/proposals/{id}/accept': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'GET /levelling/offers': [UN, ok, ok, NO, NO, NO, NO, NO, NO, NO, NO, NO],
  'POST /levelling/proposals/{id}/moves/accept': [UN, ok, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO],
  'POST /levelling/proposals/{id}/moves/accept · dryRun=true': [UN, ok, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO],
  'POST /levelling/proposals/{id}/moves/decline': [UN, ok, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO],
  'PUT /maintenance-windows/{id}': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'DELETE /maintenance-windows/{id}': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'POST /maintenance-windows · dryRun=true': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'PUT /maintenance-windows/{id} · dryRun=true': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'DELETE /maintenance-windows/{id} · dryRun=true': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  // The maintenance trail is read like the calendar; only the capacity manager undoes a change (within 15 minutes).
  'GET /maintenance-changes': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'POST /maintenance-changes/{id}/undo': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'POST /maintenance-changes/{id}/undo · dryRun=true': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'GET /load': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],

  // Conflicten: an Afnemer sees only conflicts it is involved in (the path names one of A alone); the six steps by their gates.
  'GET /conflicts · ?afnemer=A': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /conflicts · zonder filter': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /conflicts/{id}': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  // B sees a conflict it shares with A, but A's windows only by organisation, time and volume.
  'GET /conflicts/{id} · conflict dat A en B delen': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /conflicts/{id}/suggestions': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'POST /conflicts/{id}/actions · contact-logius in stap 1': [UN, ok, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO],
  // Logius moves a window on an Afnemer's behalf only in step 6: in step 1 the role may, the step may not.
  'POST /conflicts/{id}/actions · move-window in stap 1': [UN, ok, NO, NO, NO, 409, 409, NO, NO, NO, NO, NO],
  'POST /conflicts/{id}/actions · move-window van A, conflict van A en B': [UN, ok, NO, NO, NO, 409, 409, NO, NO, NO, NO, NO],
  'POST /conflicts/{id}/actions · open-assessment in stap 2': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  // Step 3: a planner for its own Afnemer; the capacity manager (the regie) on an Afnemer's behalf.
  'POST /conflicts/{id}/actions · submit-assessment voor A in stap 3': [UN, ok, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  // The capacity manager sets the advice once the assessments are in; in step 4 the planner (or the regie) escalates.
  'POST /conflicts/{id}/actions · confirm-advice in stap 3': [UN, NO, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  'POST /conflicts/{id}/actions · escalate in stap 4': [UN, ok, NO, NO, NO, ok, NO, NO, NO, NO, NO, NO],
  // Step 5: the klantraad-manager of an involved Afnemer answers the advice; the capacity manager records an answer on its behalf.
  'POST /conflicts/{id}/actions · accept-advice voor A in stap 5': [UN, NO, NO, ok, NO, ok, NO, NO, NO, NO, NO, NO],
  'POST /conflicts/{id}/actions · reject-advice voor A in stap 5': [UN, NO, NO, ok, NO, ok, NO, NO, NO, NO, NO, NO],
  // Step 6: Logius voert de regie: the capacity or service manager climbs the ladder and decides.
  'POST /conflicts/{id}/actions · escalate-level in stap 6': [UN, NO, NO, NO, NO, ok, ok, NO, NO, NO, NO, NO],
  'POST /conflicts/{id}/actions · decide in stap 6': [UN, NO, NO, NO, NO, ok, ok, NO, NO, NO, NO, NO],

  // Live en meldingen: a notification is its addressee's alone (404 for anyone else: its existence is not theirs).
  // The stream is read while a conflict of A alone moves: B's users hear nothing of it.
  'GET /events': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /notifications': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'POST /notifications/{id}/read': [UN, ok, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF],
  // Everyone marks only their own notifications read.
  'POST /notifications/read-all': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /outbox': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],

  // Incidenten (section 5): Logius' handlers act; a planner reports and keeps up its own systems' disruptions
  // (step 4); a klantraad-manager reads; only the calamity manager confirms a calamity or records a crisis.
  'GET /incidents · ?afnemer=A': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /incidents · zonder filter': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /incidents/{id}': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /incidents/{id} · incident dat A en B raakt': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  // An Afnemer proposes a priority when it reports; the Servicecentrum sets it (5.3 step 2), also when an Afnemer tries.
  'POST /incidents': [UN, ok, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'POST /incidents · prioriteit vaststellen bij het melden': [UN, NO, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'POST /incidents/{id}/actions · update op een MijnOverheid-storing': [UN, NO, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'POST /incidents/{id}/actions · update op een storing bij A': [UN, ok, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'POST /incidents/{id}/actions · priority': [UN, NO, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  // The stand-by managers agree a deviating resolution time (5.2); the incident manager proposes a calamity.
  'POST /incidents/{id}/actions · agree-resolution': [UN, NO, NO, NO, NO, NO, NO, ok, ok, NO, NO, NO],
  'POST /incidents/{id}/actions · propose-calamity': [UN, NO, NO, NO, NO, NO, NO, ok, NO, NO, NO, NO],
  'POST /incidents/{id}/actions · confirm-calamity': [UN, NO, NO, NO, NO, NO, NO, NO, ok, NO, NO, NO],
  'POST /incidents/{id}/actions · declare-crisis na een calamiteit': [UN, NO, NO, NO, NO, NO, NO, NO, ok, NO, NO, NO],
  'POST /incidents/{id}/capacity-impacts': [UN, NO, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'DELETE /incidents/{id}/capacity-impacts/{impactId}': [UN, NO, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'POST /incidents/{id}/capacity-impacts · dryRun=true': [UN, NO, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'DELETE /incidents/{id}/capacity-impacts/{impactId} · dryRun=true': [UN, NO, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  // Undone like every plan change: by whoever made it (here the incident manager) or by the capacity manager.
  'POST /incidents/{id}/capacity-impacts/changes/{changeId}/undo': [UN, NO, NO, NO, NO, ok, NO, ok, NO, NO, NO, NO],
  'POST /incidents/{id}/capacity-impacts/changes/{changeId}/undo · dryRun=true': [UN, NO, NO, NO, NO, ok, NO, ok, NO, NO, NO, NO],
  'GET /incident-priorities': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'PUT /incident-priorities': [UN, NO, NO, NO, NO, NO, ok, NO, NO, ok, NO, NO],

  // Escalaties (section 7) and verstoringsanalyses (Bijlage 2): each Afnemer only for and about itself.
  'GET /escalations · ?afnemer=A': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /escalations · zonder filter': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /escalations/ladders': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'POST /escalations · algemene ladder': [UN, ok, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'POST /escalations · incidentladder': [UN, ok, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'GET /disruption-analyses': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /disruption-analyses/{id}': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /disruption-analyses/{id}/export': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'POST /disruption-analyses': [UN, ok, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'PUT /disruption-analyses/{id}/analysis': [UN, NO, NO, NO, NO, NO, ok, ok, ok, ok, NO, NO],

  // Fraude (decision 005): the Fraudeteam reads and acts; the reporter sees its receipt; for anyone else it does not exist.
  'GET /fraud-reports': [UN, ok, ok, ok, ok, NO, NO, NO, NO, NO, ok, NO],
  'GET /fraud-reports/{id}': [UN, ok, NF, NF, NF, NO, NO, NO, NO, NO, ok, NO],
  'POST /fraud-reports': [UN, ok, ok, ok, ok, NO, NO, NO, NO, NO, NO, NO],
  'POST /fraud-reports/{id}/actions': [UN, NO, NO, NO, NO, NO, NO, NO, NO, NO, ok, NO],

  // Beveiligingsincidenten (section 6.2, issue 17): Logius' security officer and the reporting Afnemer's planner
  // only; another Afnemer's incident does not exist for B (404). Both sides may escalate; only Logius handles and reports.
  'GET /security-incidents': [UN, ok, ok, NO, NO, NO, NO, NO, NO, NO, NO, ok],
  'GET /security-incidents/{id}': [UN, ok, NF, NO, NO, NO, NO, NO, NO, NO, NO, ok],
  'POST /security-incidents': [UN, ok, ok, NO, NO, NO, NO, NO, NO, NO, NO, ok],
  'POST /security-incidents/{id}/actions · escalate': [UN, ok, NF, NO, NO, NO, NO, NO, NO, NO, NO, ok],
  'POST /security-incidents/{id}/actions · status': [UN, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, ok],
  'GET /security-incidents/periodic-reports': [UN, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, ok],
  'GET /security-incidents/periodic-reports.xlsx': [UN, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, ok],

  // Contacten (Bijlage 1): Logius keeps its list, each Afnemer its own.
  'GET /contacts · ?afnemer=A': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /contacts · zonder filter': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'POST /contacts': [UN, ok, NO, ok, NO, NO, ok, NO, NO, ok, NO, NO],
  'PUT /contacts/{id}': [UN, ok, NO, ok, NO, NO, ok, NO, NO, ok, NO, NO],
  'DELETE /contacts/{id}': [UN, ok, NO, ok, NO, NO, ok, NO, NO, ok, NO, NO],

  // Wijzigingen (section 2): designated Afnemer employees file, Logius handles; releases are Logius'.
  'GET /standard-changes': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /rfcs · ?afnemer=A': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /rfcs · zonder filter': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /rfcs/{id}': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  // Logius files too (2.1), without a designation: the handlers of changes and the incident manager (urgent changes).
  'POST /rfcs · aangewezen door de Afnemer': [UN, ok, ok, ok, ok, ok, ok, ok, NO, ok, NO, NO],
  'POST /rfcs · niet aangewezen': [UN, NO, NO, NO, NO, ok, ok, ok, NO, ok, NO, NO],
  'POST /rfcs/{id}/actions': [UN, NO, NO, NO, NO, ok, ok, NO, NO, ok, NO, NO],
  // Section 7.3 on the ladder of the RFC's type: its own Afnemer or Logius' change handlers.
  'POST /rfcs/{id}/escalations': [UN, ok, NO, ok, NO, ok, ok, NO, NO, ok, NO, NO],
  'PUT /users/{id}/rfc-permission': [UN, NO, NO, ok, NO, NO, NO, NO, NO, ok, NO, NO],
  'GET /releases': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /releases/{id}': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'POST /releases': [UN, NO, NO, NO, NO, ok, ok, NO, NO, ok, NO, NO],
  'PUT /releases/{id}': [UN, NO, NO, NO, NO, ok, ok, NO, NO, ok, NO, NO],
  'DELETE /releases/{id}': [UN, NO, NO, NO, NO, ok, ok, NO, NO, ok, NO, NO],

  // Serviceverzoeken (section 4): an Afnemer's employees file, Logius answers.
  'GET /service-request-types': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /service-requests · ?afnemer=A': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /service-requests · zonder filter': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /service-requests/{id}': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'POST /service-requests': [UN, ok, ok, ok, ok, NO, NO, NO, NO, NO, NO, NO],
  'PATCH /service-requests/{id}': [UN, NO, NO, NO, NO, ok, ok, NO, NO, ok, NO, NO],

  // Rapportages (section 8): the Service rapportage is Logius'; the usage template is per Afnemer.
  // Section 8.3: Logius reads the whole report, an Afnemer's roles their own part (scoped, never another's).
  'GET /reports/service': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /reports/usage': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /reports/usage.xlsx': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  // "Download als Excel" (decision 013): the table as the caller's own screen shows it; it reads no data, stores nothing.
  'POST /exports/xlsx': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],

  // Agenda: one's own feeds; the feed itself is reached by its secret URL alone (the token is the access).
  'GET /calendar-feeds': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'POST /calendar-feeds': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'DELETE /calendar-feeds/current': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /calendar-feeds/{feedFile} · feed van de planner van A': [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /calendar-feeds/{feedFile} · ingetrokken feed': [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF],

  // API-tokens: everyone manages their own; only the administrator sees and revokes another's (for others it does not exist).
  'GET /tokens · eigen tokens': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /tokens · ?userId= van een andere planner van A': [UN, NO, NO, NO, NO, NO, NO, NO, NO, ok, NO, NO],
  'POST /tokens': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'DELETE /tokens/{id} · eigen token': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'DELETE /tokens/{id} · token van een andere planner van A': [UN, NF, NF, NF, NF, NF, NF, NF, NF, ok, NF, NF],

  // Instellingen: everyone signed in reads what is in force; only the administrator changes it and reads who did.
  'GET /settings': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'PATCH /settings': [UN, NO, NO, NO, NO, NO, NO, NO, NO, ok, NO, NO],
  'GET /settings/history': [UN, NO, NO, NO, NO, NO, NO, NO, NO, ok, NO, NO],

  // Abonnementen (section 5.2): everyone keeps their own; Logius' handlers send or withhold notices and read them all.
  'GET /subscriptions': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'PUT /subscriptions/{kind}': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'DELETE /subscriptions/{kind}': [UN, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /notices': [UN, NO, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],
  'POST /notices': [UN, NO, NO, NO, NO, ok, ok, ok, ok, ok, NO, NO],

  // Doelstellingen (Bijlage 2): the Afnemer enters its own; Logius reads them beside the usage template.
  'GET /usage-targets': [UN, ok, NO, ok, NO, ok, ok, ok, ok, ok, ok, ok],
  'PUT /usage-targets': [UN, ok, NO, ok, NO, NO, NO, NO, NO, NO, NO, NO],

  // Werkelijke aantallen (issue 18): only the capacity manager, or the admin's system token, sends them; the scores
  // are Logius' to see for everyone, a planner's for its own Afnemer.
  'POST /actuals': [UN, NO, NO, NO, NO, ok, NO, NO, NO, ok, NO, NO],
  'GET /accuracy · ?afnemer=A': [UN, ok, NO, NO, NO, ok, ok, ok, ok, ok, ok, ok],
  'GET /accuracy · zonder filter': [UN, ok, ok, NO, NO, ok, ok, ok, ok, ok, ok, ok],

  // Outside OpenAPI: the API description is public (NL API Design Rules).
  'GET /openapi.json': [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  // Outside the API: the probes of a load balancer, public and telling nothing of anyone's data.
  'GET /health': [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  'GET /ready': [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  // Prometheus metrics, outside the API: no role's session or token opens them; only METRICS_TOKEN does, and without
  // it (as here) the path does not exist (tests/metrics.test.ts scrapes with and without the token).
  'GET /metrics': [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF],
} as const satisfies Record<string, Grid>;

type Key = keyof typeof INTENDED;
const routeOf = (key: string) => key.split(' · ')[0]!;

/**
 * Cells where the app does not (yet) do what the table intends, reported and left to their owners. The case
 * pins today's outcome: a fix makes it fail (then delete the entry), and so does a change for the worse.
 */
const KNOWN_DEVIATIONS: Partial<Record<`${Key} @ ${Column}`, { actual: Outcome; why: string }>> = {};

// ---------- the access table's rule of each row ----------

/**
 * The capability (or any of several) of the access table that decides who may call a row. On such a row a role
 * without the capability is refused (403, or 404 where existence is hidden), a role with reach 'any' is not, and
 * nor is an Afnemer-bound role with reach 'own' in its "own" column (the paths name A's resources); the "other"
 * column then depends on whose resource it is. Rows without an entry are open to every signed-in user, or are
 * decided by state (a designation, a step) on top of a capability already held to a row here.
 */
const RULE_OF: Partial<Record<Key, Capability | readonly Capability[]>> = {
  'GET /prognoses · ?afnemer=A': 'afnemer-data.read',
  'GET /prognoses/{id}': 'afnemer-data.read',
  'POST /prognoses': 'prognose.deliver',
  'DELETE /prognoses/{id}': 'prognose.deliver',
  'PATCH /prognoses/{id}': 'prognose.edit',
  'POST /plan-changes/{id}/undo': 'plan-change.undo-any',
  'PUT /capacity-profile': 'capacity.manage',
  'PUT /capacity-profile · dryRun=true': 'capacity.manage',
  'POST /capacity-profile/history/{id}/restore': 'capacity.manage',
  'POST /maintenance-windows': 'maintenance.manage',
  'POST /levelling/proposals': 'levelling.propose',
  'GET /levelling/proposals/{id}': 'levelling.propose',
  'GET /levelling/proposals': 'levelling.propose',
  'POST /levelling/proposals/{id}/accept': 'levelling.accept',
  'GET /levelling/offers': 'levelling.answer-move',
  'POST /levelling/proposals/{id}/moves/accept': 'levelling.answer-move',
  'POST /levelling/proposals/{id}/moves/accept · dryRun=true': 'levelling.answer-move',
  'POST /levelling/proposals/{id}/moves/decline': 'levelling.answer-move',
  'PUT /maintenance-windows/{id}': 'maintenance.manage',
  'DELETE /maintenance-windows/{id}': 'maintenance.manage',
  'POST /maintenance-changes/{id}/undo': 'maintenance.manage',
  'GET /conflicts · ?afnemer=A': 'afnemer-data.read',
  'GET /conflicts/{id}': 'afnemer-data.read',
  'POST /conflicts/{id}/actions · contact-logius in stap 1': 'conflict.contact-logius',
  'POST /conflicts/{id}/actions · move-window in stap 1': 'conflict.move-window',
  'POST /conflicts/{id}/actions · open-assessment in stap 2': 'conflict.open-assessment',
  'POST /conflicts/{id}/actions · submit-assessment voor A in stap 3': 'conflict.submit-assessment',
  'POST /conflicts/{id}/actions · confirm-advice in stap 3': 'conflict.confirm-advice',
  'POST /conflicts/{id}/actions · escalate in stap 4': 'conflict.escalate',
  'POST /conflicts/{id}/actions · accept-advice voor A in stap 5': 'conflict.answer-advice',
  'POST /conflicts/{id}/actions · reject-advice voor A in stap 5': 'conflict.answer-advice',
  'POST /conflicts/{id}/actions · escalate-level in stap 6': 'conflict.escalate-level',
  'POST /conflicts/{id}/actions · decide in stap 6': 'conflict.decide',
  'GET /incidents · ?afnemer=A': 'afnemer-data.read',
  'POST /incidents': 'incident.report',
  'POST /incidents/{id}/actions · update op een storing bij A': 'incident.update',
  'POST /incidents/{id}/actions · priority': 'incident.prioritise',
  'POST /incidents · prioriteit vaststellen bij het melden': 'incident.prioritise',
  'POST /incidents/{id}/actions · agree-resolution': 'incident.agree-resolution',
  'POST /incidents/{id}/actions · propose-calamity': 'incident.propose-calamity',
  'POST /incidents/{id}/actions · confirm-calamity': 'incident.calamity',
  'POST /incidents/{id}/actions · declare-crisis na een calamiteit': 'incident.calamity',
  'POST /incidents/{id}/capacity-impacts': 'incident.capacity-impact',
  'DELETE /incidents/{id}/capacity-impacts/{impactId}': 'incident.capacity-impact',
  'POST /incidents/{id}/capacity-impacts/changes/{changeId}/undo': 'plan-change.undo-any',
  'POST /incidents/{id}/capacity-impacts/changes/{changeId}/undo · dryRun=true': 'plan-change.undo-any',
  'PUT /incident-priorities': 'incident-priorities.manage',
  'POST /escalations · algemene ladder': 'incident.escalate',
  'POST /escalations · incidentladder': 'incident.escalate',
  'POST /disruption-analyses': 'disruption-analysis.request',
  'PUT /disruption-analyses/{id}/analysis': 'disruption-analysis.deliver',
  'GET /fraud-reports': ['fraud.handle', 'fraud.report'],
  'GET /fraud-reports/{id}': ['fraud.handle', 'fraud.report'],
  'POST /fraud-reports': 'fraud.report',
  'GET /security-incidents': 'security-incident.read',
  'GET /security-incidents/{id}': 'security-incident.read',
  'POST /security-incidents': 'security-incident.report',
  'POST /security-incidents/{id}/actions · escalate': 'security-incident.escalate',
  'POST /security-incidents/{id}/actions · status': 'security-incident.handle',
  'GET /security-incidents/periodic-reports': 'security-incident.periodic-report',
  'GET /security-incidents/periodic-reports.xlsx': 'security-incident.periodic-report',
  'POST /fraud-reports/{id}/actions': 'fraud.handle',
  'GET /contacts · ?afnemer=A': 'afnemer-data.read',
  'POST /contacts': 'contact.manage',
  'PUT /contacts/{id}': 'contact.manage',
  'DELETE /contacts/{id}': 'contact.manage',
  'POST /rfcs · aangewezen door de Afnemer': 'rfc.file',
  'POST /rfcs/{id}/actions': 'rfc.handle',
  'POST /rfcs/{id}/escalations': 'rfc.escalate',
  'PUT /users/{id}/rfc-permission': 'rfc.designate',
  'POST /releases': 'release.manage',
  'PUT /releases/{id}': 'release.manage',
  'DELETE /releases/{id}': 'release.manage',
  'POST /service-requests': 'service-request.file',
  'PATCH /service-requests/{id}': 'service-request.handle',
  'GET /reports/service': 'report.service',
  'GET /reports/usage': 'afnemer-data.read',
  'GET /tokens · ?userId= van een andere planner van A': 'token.manage-any',
  'DELETE /tokens/{id} · token van een andere planner van A': 'token.manage-any',
  'PATCH /settings': 'settings.manage',
  'GET /settings/history': 'settings.manage',
  'GET /notices': 'notice.manage',
  'POST /notices': 'notice.manage',
  'GET /usage-targets': 'afnemer-data.read',
  'PUT /usage-targets': 'usage-targets.manage',
  'POST /actuals': 'actuals.deliver',
  'GET /accuracy · ?afnemer=A': 'accuracy.read',
  'GET /accuracy · zonder filter': 'accuracy.read',
};

/** Cells of a RULE_OF row that something other than the role decides, and what. */
const DECIDED_OTHERWISE: Partial<Record<`${Key} @ ${Column}`, string>> = {
  'POST /plan-changes/{id}/undo @ planner:own': 'planner A deed de wijziging zelf, en wie een wijziging deed mag haar ongedaan maken',
  'POST /incidents/{id}/capacity-impacts/changes/{changeId}/undo @ incident-manager':
    'de incidentmanager deed de wijziging zelf, en wie een wijziging deed mag haar ongedaan maken',
  'POST /incidents/{id}/capacity-impacts/changes/{changeId}/undo · dryRun=true @ incident-manager':
    'de incidentmanager deed de wijziging zelf, en wie een wijziging deed mag haar ongedaan maken',
};

/**
 * Capabilities that shape what a route answers rather than whether it answers, with the row whose answer they
 * shape (every role gets an answer there).
 */
const SHAPES_ANSWER: Partial<Record<Capability, Key>> = {
  'calendar.send-windows': 'GET /calendar-feeds/{feedFile} · feed van de planner van A',
  'outbox.read-all': 'GET /outbox',
  // The reporter's priority is a proposal when the role may only propose (5.3 step 2).
  'incident.propose-priority': 'POST /incidents',
};

// ---------- how each row is called ----------

interface Caller {
  column: Column;
  actor: Actor | null;
  /** The caller's Afnemer, for an Afnemer-bound role. */
  oin: string | null;
}
interface Req {
  /** Relative to /api/v1, with the query. */
  path: string;
  /** The path is from the server's root (the probes), not under /api/v1. */
  root?: boolean;
  body?: unknown;
  /** A CSV body (text/csv) instead of JSON. */
  csv?: string;
  /** For a live stream: done while it is open; the answer is then what the stream carried, as JSON. */
  whileOpen?: () => Promise<void>;
}
type Build = (caller: Caller) => Req | Promise<Req>;
type Spec =
  | Build
  | {
      request: Build;
      /** An allowed call that by design stores nothing. */
      writesNothing?: true;
      /** The URL itself is the credential: any caller gets what its owner may see. */
      capabilityUrl?: true;
      /** For an Afnemer-bound caller that was let in: what in the answer is not its own (must be nothing). */
      foreign?: (body: any, oin: string) => unknown[]; // eslint-disable-line @typescript-eslint/no-explicit-any
      /** For a caller that was let in: what the answer must hold, so that an empty answer cannot pass `foreign`. */
      holds?: (body: any, caller: Caller) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
type Item = { afnemer: string | null };
type LiveChange = { kind: string; conflictId?: number };
type Preview = { afnemers: string[]; otherAfnemers: number };
const dryRunPreviews = (b: {
  created: Preview[];
  solved: Preview[];
  worsened: { before: Preview; after: Preview }[];
  eased: { before: Preview; after: Preview }[];
}) => [...b.created, ...b.solved, ...[...b.worsened, ...b.eased].flatMap((ch) => [ch.before, ch.after])];
/** The conflict the open stream's activity made (for `holds`). */
let streamConflict = 0;
/** Each allowed actuals upload sends another hour, so it stores something. */
let actualsHour = 0;
const notOwn = (oin: string) => (x: Item) => x.afnemer !== oin;
const notOwnNorLogius = (oin: string) => (x: Item) => x.afnemer !== null && x.afnemer !== oin;

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
const actors = new Map<Column, Actor>();
let plannerA2: Actor;
let fx: Awaited<ReturnType<typeof fixture>>;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const PASSWORD = 'geheim-wachtwoord';
const actorOf = (column: Column) => actors.get(column)!;

/** A setup call that must succeed; returns its JSON (or null for 204). */
async function setup(method: string, path: string, a: Actor, body?: unknown) {
  const res = await apiRequest(t.app, method, `/api/v1${path}`, a, body);
  if (res.status < 200 || res.status > 299) throw new Error(`Setup ${method} ${path} gaf ${res.status}: ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

const levellingBody = { from: '2027-03-01T00:00:00Z', to: '2027-03-08T00:00:00Z' };

/**
 * A levelled plan for a fresh hour where A's concept window and B's definitive one overload capacity: the proposal
 * moves A's window, and the capacity manager accepts it unless `accept` is false.
 */
async function levellingOfferToA(accept = true) {
  const s = slot();
  const kenmerk = `${A_SECRET}-NIV-${slots}`;
  await setup('POST', '/prognoses', who.plannerA, {
    windows: [{ kenmerk, berichttype: 'Brief', start: s.start, eind: s.end, aantalBerichten: 3000, status: 'concept' }],
  });
  await setup('POST', '/prognoses', who.plannerB, {
    windows: [{ kenmerk: `B-NIV-${slots}`, berichttype: 'Brief', start: s.start, eind: s.end, aantalBerichten: 3000, status: 'definitief' }],
  });
  const day = Date.parse(s.start) - 10 * HOUR_MS;
  const p = await setup('POST', '/levelling/proposals', who.capacity, { from: new Date(day).toISOString(), to: new Date(day + DAY_MS).toISOString() });
  const moves = (p.moves as { windowId: number; afnemer: string }[]).filter((m) => m.afnemer === OIN_A);
  if (moves.length === 0) throw new Error(`Setup: het voorstel verschuift niets van A: ${JSON.stringify(p.moves)}`);
  if (accept) await setup('POST', `/levelling/proposals/${p.id}/accept`, who.capacity);
  return { proposalId: p.id as number, body: { windowIds: moves.map((m) => m.windowId) } };
}

let slots = 0;
/** A fresh hour on a day of its own (from March 2027), so what one case creates never meets another's. */
function slot() {
  const start = new Date(Date.UTC(2027, 2, 1, 10) + slots++ * DAY_MS);
  return { start: start.toISOString(), end: new Date(start.getTime() + HOUR_MS).toISOString() };
}

async function windowOfA(aantalBerichten = 100, s = slot()) {
  const kenmerk = `${A_SECRET}-${slots}`;
  await setup('POST', '/prognoses', who.plannerA, {
    windows: [
      { kenmerk, omschrijving: `${A_SECRET} omschrijving`, berichttype: 'Aanslag', start: s.start, eind: s.end, aantalBerichten, status: 'definitief' },
    ],
  });
  const [w] = await t.sql<{ id: number }[]>`select id::int from send_windows where afnemer_oin = ${OIN_A} and kenmerk = ${kenmerk}`;
  return { id: w!.id, ...s };
}

async function openConflictAt(s: { start: string; end: string }) {
  const [c] = await t.sql<{ id: number }[]>`select id::int from conflicts where status = 'open' and start_at < ${s.end} and end_at > ${s.start}`;
  return c!.id;
}

/** A conflict of Afnemer A alone (one window of 10,000 in an hour at 4,000 an hour), at step 1. */
async function conflictOfA() {
  const w = await windowOfA(10_000);
  return { id: await openConflictAt(w), windowId: w.id };
}

/** A conflict of A (3,000) and B (2,000) in one hour at 4,000 an hour, at step 1. */
async function conflictOfAandB() {
  const w = await windowOfA(3000);
  await setup('POST', '/prognoses', who.plannerB, {
    windows: [{ kenmerk: `B-${slots}`, berichttype: 'Brief', start: w.start, eind: w.end, aantalBerichten: 2000, status: 'concept' }],
  });
  return { id: await openConflictAt(w), windowId: w.id };
}

const aspects = (level: string) =>
  Object.fromEntries(['administratief', 'financieel', 'juridisch', 'imago'].map((k) => [k, { urgency: level, impact: level }]));
const conflictAct = (id: number, a: Actor, body: object) => setup('POST', `/conflicts/${id}/actions`, a, body);

async function conflictInStep2() {
  const c = await conflictOfA();
  await conflictAct(c.id, who.plannerA, { type: 'contact-logius', message: 'Wij kunnen niet schuiven: wettelijke termijn.' });
  return c;
}

async function conflictInStep5() {
  const c = await conflictInStep2();
  await conflictAct(c.id, who.capacity, { type: 'open-assessment' });
  await conflictAct(c.id, who.plannerA, { type: 'submit-assessment', aspects: aspects('hoog'), motivation: 'Wettelijke termijn' });
  await conflictAct(c.id, who.capacity, { type: 'confirm-advice' });
  await conflictAct(c.id, who.plannerA, { type: 'escalate', reason: 'A verschuift niet zonder besluit.' });
  return c;
}

async function conflictInStep3() {
  const c = await conflictInStep2();
  await conflictAct(c.id, who.capacity, { type: 'open-assessment' });
  return c;
}

/** Step 3 with A's assessment in: the capacity manager may set the advice. */
async function conflictInStep3Complete() {
  const c = await conflictInStep3();
  await conflictAct(c.id, who.plannerA, { type: 'submit-assessment', aspects: aspects('hoog'), motivation: 'Wettelijke termijn' });
  return c;
}

async function conflictInStep4() {
  const c = await conflictInStep3Complete();
  await conflictAct(c.id, who.capacity, { type: 'confirm-advice' });
  return c;
}

async function conflictInStep6() {
  const c = await conflictInStep5();
  await conflictAct(c.id, who.klantraadA, { type: 'reject-advice', reason: 'Wettelijke termijn van A.' });
  return c;
}

const P1 = { kind: 'mijnoverheid', title: `Storing ${A_SECRET}`, description: 'Inloggen mislukt', channel: 'telefoon', priority: 'P1', afnemers: [OIN_A] };
const incidentOfA = async (body: object = P1, by: Actor = actorOf('incident-manager')): Promise<number> => (await setup('POST', '/incidents', by, body)).id;
const ownSystemIncidentOfA = () => incidentOfA({ ...P1, kind: 'afnemer-systeem', priority: undefined, proposedPriority: 'P3', channel: 'app' }, who.plannerA);

const lastProfile = async () => (await t.sql<{ id: number }[]>`select max(id)::int as id from capacity_profiles`)[0]!.id;
const maintenanceBody = () => ({ ...slot(), factor: 0.5, reason: 'Gepland onderhoud', kind: 'onderhoud' });
const releaseBody = () => ({ name: `R2027.${slots}`, description: 'Releasekalender', ...slot(), factor: 0.5 });
const contactBody = { afnemer: OIN_A, role: 'contactpersoon', name: `${A_SECRET} contact`, email: 'contact@a.example', phone: '070 123 4567' };

async function rfcOfA() {
  await t.sql`update users set may_file_rfc = true where id = ${who.plannerA.user.id}`;
  return (await setup('POST', '/rfcs', who.plannerA, { kind: 'niet-standaard', title: `${A_SECRET} wijziging`, description: 'Nieuw berichttype' }))
    .id as number;
}
const serviceRequestOfA = async () =>
  (await setup('POST', '/service-requests', who.plannerA, { kind: 'vrij', subject: `${A_SECRET} verzoek`, description: 'Graag extra testaccounts.' }))
    .id as number;

async function notificationOfPlannerA() {
  const [n] = await t.sql<{ id: number }[]>`
    insert into notifications (user_id, conflict_id, title, body, created_at)
    values (${who.plannerA.user.id}, null, 'Melding voor A', ${A_SECRET}, ${t.clock.now}) returning id::int`;
  return n!.id;
}

const analysisBody = {
  status: 'Verholpen',
  startedAt: '2027-01-11T08:00:00Z',
  resolvedAt: '2027-01-11T09:00:00Z',
  cause: `${A_SECRET} oorzaak`,
  impact: { afnemer: { level: 'groot' }, logius: { level: 'middel' }, klanten: { level: 'laag' } },
  solutionIncidental: 'Herstart',
  solutionStructural: 'Monitoring',
  communication: {},
};

const securityBody = { title: `${A_SECRET} beveiligingsincident`, description: `${A_SECRET}: certificaat gelekt`, severity: 'hoog' };
const securityIncidentOfA = async () => (await setup('POST', '/security-incidents', who.plannerA, securityBody)).id as number;

/** The resources of Afnemer A (and a few of B and of Logius) that the read rows point at. */
async function fixture() {
  await setup('PUT', '/capacity-profile', who.capacity, { ratesPerHour: Array(168).fill(4000) });
  await t.sql`update users set may_file_rfc = true where afnemer_oin is not null`;

  const windowA = await windowOfA();
  const s = slot();
  await setup('POST', '/prognoses', who.plannerB, {
    windows: [{ kenmerk: 'B-1', berichttype: 'Brief', start: s.start, eind: s.end, aantalBerichten: 100, status: 'concept' }],
  });
  const conflictA = await conflictOfA();
  const conflictShared = await conflictOfAandB();
  const dryRunSlotA = await windowOfA(3000);
  const maintenance = (await setup('POST', '/maintenance-windows', who.capacity, maintenanceBody())).id as number;

  const incidentA = await incidentOfA();
  // An incident of A and B whose trail holds A's own escalation and analysis: B may see the incident, not those.
  const incidentShared = await incidentOfA({ ...P1, title: 'Landelijke storing', afnemers: [OIN_A, OIN_B] });
  await setup('POST', '/escalations', who.plannerA, {
    ladder: 'incident',
    incidentId: incidentShared,
    reason: `${A_SECRET}: wij missen een wettelijke termijn`,
  });
  const analysisA = (
    await setup('POST', '/disruption-analyses', who.plannerA, {
      incidentId: incidentShared,
      description: `${A_SECRET} verstoring`,
      disruptionDate: '2027-01-11',
      contactName: 'Contact A',
      contactEmail: 'contact@a.example',
    })
  ).id as number;
  await setup('PUT', `/disruption-analyses/${analysisA}/analysis`, actorOf('incident-manager'), analysisBody);
  await setup('POST', '/escalations', who.plannerA, { ladder: 'algemeen', reason: `${A_SECRET} algemene escalatie` });
  await setup('POST', '/contacts', who.plannerA, contactBody);

  // A's RFC planned in a release everyone sees: the release shows it to A and Logius only.
  const rfcA = await rfcOfA();
  const release = (await setup('POST', '/releases', who.service, { name: 'R2027.1', start: '2027-02-10T09:00:00Z', end: '2027-02-10T10:00:00Z', factor: 0.5 }))
    .id as number;
  await setup('POST', `/rfcs/${rfcA}/actions`, who.service, { type: 'analyse', text: 'Haalbaar' });
  await setup('POST', `/rfcs/${rfcA}/actions`, who.service, { type: 'impact-analyse', text: 'Leverancier: 5 dagen' });
  await setup('POST', `/rfcs/${rfcA}/actions`, who.service, { type: 'decide', outcome: 'goedgekeurd', reason: 'Past in de roadmap' });
  await setup('POST', `/rfcs/${rfcA}/actions`, who.service, { type: 'plan', releaseId: release });

  const serviceRequestA = await serviceRequestOfA();
  const fraudReportA = (await setup('POST', '/fraud-reports', who.plannerA, { description: `${FRAUD_SECRET}: verdachte berichten`, channel: 'e-mail' }))
    .id as number;
  await setup('POST', `/fraud-reports/${fraudReportA}/actions`, actorOf('fraudeteam'), { type: 'note', text: `${FRAUD_SECRET} onderzoek` });
  const securityIncidentA = await securityIncidentOfA();
  await setup('POST', '/security-incidents', who.plannerB, { title: 'Beveiligingsincident van B', description: 'Phishing bij B', severity: 'laag' });
  await setup('POST', '/security-incidents', actorOf('security-officer'), { title: 'Beveiligingsincident bij Logius', description: 'Lek', severity: 'laag' });
  return {
    windowA,
    conflictA,
    conflictShared,
    dryRunSlotA,
    maintenance,
    incidentA,
    incidentShared,
    analysisA,
    rfcA,
    release,
    serviceRequestA,
    fraudReportA,
    securityIncidentA,
  };
}

const REQUESTS: Record<Key, Spec> = {
  'POST /sessions': ({ actor: a }) => ({ path: '/sessions', body: { email: (a ?? who.plannerA).user.email, password: PASSWORD } }),
  'GET /sessions/current': () => ({ path: '/sessions/current' }),
  // Bearer callers have no session cookie to end.
  'DELETE /sessions/current': { request: () => ({ path: '/sessions/current' }), writesNothing: true },
  'GET /afnemers': () => ({ path: '/afnemers' }),

  'POST /prognoses': () => {
    const s = slot();
    return {
      path: '/prognoses',
      body: {
        windows: [{ kenmerk: `NIEUW-${slots}`, berichttype: 'Brief', start: s.start, eind: s.end, aantalBerichten: 50, status: 'concept', afnemer: OIN_A }],
      },
    };
  },
  // 2,000 more in A's hour of 3,000 (at 4,000 an hour) would make a conflict.
  'POST /prognoses · proefaanlevering in een uur van A': {
    request: ({ oin }) => ({
      path: '/prognoses?dryRun=true',
      body: {
        windows: [
          {
            kenmerk: 'PROEF-1',
            berichttype: 'Brief',
            start: fx.dryRunSlotA.start,
            eind: fx.dryRunSlotA.end,
            aantalBerichten: 2000,
            status: 'concept',
            afnemer: oin ?? OIN_B,
          },
        ],
      },
    }),
    writesNothing: true,
    foreign: (b, oin) =>
      dryRunPreviews(b)
        .flatMap((p) => p.afnemers)
        .filter((a) => a !== oin),
    holds: (b, { oin }) => {
      expect(b.created, 'the dry run finds the conflict').toHaveLength(1);
      const { afnemers, otherAfnemers } = b.created[0];
      if (oin === null) expect({ afnemers, otherAfnemers }).toEqual({ afnemers: [OIN_A, OIN_B], otherAfnemers: 0 });
      else expect({ afnemers, otherAfnemers }).toEqual(oin === OIN_A ? { afnemers: [OIN_A], otherAfnemers: 0 } : { afnemers: [oin], otherAfnemers: 1 });
    },
  },
  'GET /prognoses · ?afnemer=A': () => ({ path: `/prognoses?afnemer=${OIN_A}` }),
  'GET /prognoses · zonder filter': { request: () => ({ path: '/prognoses' }), foreign: (b, oin) => b.items.filter(notOwn(oin)) },
  'GET /prognoses/template.csv': () => ({ path: '/prognoses/template.csv' }),
  'GET /prognoses/template.xlsx': () => ({ path: '/prognoses/template.xlsx' }),
  'GET /prognoses/{id}': () => ({ path: `/prognoses/${fx.windowA.id}` }),
  'DELETE /prognoses/{id}': async () => ({ path: `/prognoses/${(await windowOfA()).id}` }),
  'PATCH /prognoses/{id}': async () => ({ path: `/prognoses/${(await windowOfA()).id}`, body: { aantalBerichten: 90, status: 'concept' } }),
  'POST /plan-changes/{id}/undo': async () => {
    const { id } = await windowOfA();
    const changed = await setup('PATCH', `/prognoses/${id}`, who.plannerA, { aantalBerichten: 90 });
    return { path: `/plan-changes/${changed.planChange.id}/undo` };
  },
  'GET /deliveries': { request: () => ({ path: '/deliveries' }), foreign: (b, oin) => b.filter(notOwn(oin)) },

  'GET /capacity-profile': () => ({ path: '/capacity-profile' }),
  'GET /capacity-profile/history': () => ({ path: '/capacity-profile/history' }),
  'PUT /capacity-profile': () => ({ path: '/capacity-profile', body: { ratesPerHour: Array(168).fill(4000) } }),
  'PUT /capacity-profile · dryRun=true': {
    request: () => ({ path: '/capacity-profile?dryRun=true', body: { ratesPerHour: Array(168).fill(1) } }),
    writesNothing: true,
  },
  // Restoring the profile set last changes no capacity, so the cases after it meet the same planning.
  'POST /capacity-profile/history/{id}/restore': async () => ({ path: `/capacity-profile/history/${await lastProfile()}/restore`, body: {} }),
  'POST /capacity-profile/history/{id}/restore · dryRun=true': {
    request: async () => ({ path: `/capacity-profile/history/${await lastProfile()}/restore?dryRun=true`, body: {} }),
    writesNothing: true,
  },
  'GET /maintenance-windows': () => ({ path: '/maintenance-windows' }),
  'GET /maintenance-windows/{id}': () => ({ path: `/maintenance-windows/${fx.maintenance}` }),
  'POST /maintenance-windows': () => ({ path: '/maintenance-windows', body: maintenanceBody() }),
  'POST /levelling/proposals': () => ({ path: '/levelling/proposals', body: levellingBody }),
  'GET /levelling/proposals/{id}': async () => ({
    path: `/levelling/proposals/${(await setup('POST', '/levelling/proposals', who.capacity, levellingBody)).id}`,
  }),
  'GET /levelling/proposals': () => ({ path: '/levelling/proposals' }),
  'POST /levelling/proposals/{id}/accept': async () => ({ path: `/levelling/proposals/${(await levellingOfferToA(false)).proposalId}/accept` }),
  'GET /levelling/offers': {
    request: async () => {
      await levellingOfferToA();
      return { path: '/levelling/offers' };
    },
    foreign: (b, oin) => b.items.flatMap((o: { moves: Item[] }) => o.moves).filter(notOwn(oin)),
    holds: (b, caller) => {
      if (caller.oin === OIN_A) expect(b.items.length).toBeGreaterThan(0);
    },
  },
  'POST /levelling/proposals/{id}/moves/accept': async () => {
    const o = await levellingOfferToA();
    return { path: `/levelling/proposals/${o.proposalId}/moves/accept`, body: o.body };
  },
  'POST /levelling/proposals/{id}/moves/accept · dryRun=true': {
    request: async () => {
      const o = await levellingOfferToA();
      return { path: `/levelling/proposals/${o.proposalId}/moves/accept?dryRun=true`, body: o.body };
    },
    writesNothing: true,
  },
  'POST /levelling/proposals/{id}/moves/decline': async () => {
    const o = await levellingOfferToA();
    return { path: `/levelling/proposals/${o.proposalId}/moves/decline`, body: o.body };
  },
  'PUT /maintenance-windows/{id}': async () => {
    const id = (await setup('POST', '/maintenance-windows', who.capacity, maintenanceBody())).id;
    return { path: `/maintenance-windows/${id}`, body: { ...maintenanceBody(), reason: 'Verschoven onderhoud' } };
  },
  'DELETE /maintenance-windows/{id}': async () => ({
    path: `/maintenance-windows/${(await setup('POST', '/maintenance-windows', who.capacity, maintenanceBody())).id}`,
  }),
  'POST /maintenance-windows · dryRun=true': { request: () => ({ path: '/maintenance-windows?dryRun=true', body: maintenanceBody() }), writesNothing: true },
  'PUT /maintenance-windows/{id} · dryRun=true': {
    request: () => ({ path: `/maintenance-windows/${fx.maintenance}?dryRun=true`, body: { ...maintenanceBody(), factor: 0 } }),
    writesNothing: true,
  },
  'DELETE /maintenance-windows/{id} · dryRun=true': { request: () => ({ path: `/maintenance-windows/${fx.maintenance}?dryRun=true` }), writesNothing: true },
  'GET /maintenance-changes': () => ({ path: '/maintenance-changes' }),
  'POST /maintenance-changes/{id}/undo': async () => ({
    path: `/maintenance-changes/${(await setup('POST', '/maintenance-windows', who.capacity, maintenanceBody())).change.id}/undo`,
  }),
  'POST /maintenance-changes/{id}/undo · dryRun=true': {
    request: async () => ({
      path: `/maintenance-changes/${(await setup('POST', '/maintenance-windows', who.capacity, maintenanceBody())).change.id}/undo?dryRun=true`,
    }),
    writesNothing: true,
  },
  // A planner sees its own load against the rest, never another Afnemer by name.
  'GET /load': {
    request: () => ({ path: '/load?from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00Z&bucket=1h' }),
    foreign: (b, oin) => b.afnemers.filter((s: { key: string }) => s.key !== oin && s.key !== 'rest'),
  },

  'GET /conflicts · ?afnemer=A': () => ({ path: `/conflicts?afnemer=${OIN_A}` }),
  'GET /conflicts · zonder filter': {
    request: () => ({ path: '/conflicts' }),
    foreign: (b, oin) => b.items.filter((c: { afnemers: string[] }) => !c.afnemers.includes(oin)),
  },
  'GET /conflicts/{id}': () => ({ path: `/conflicts/${fx.conflictA.id}` }),
  'GET /conflicts/{id} · conflict dat A en B delen': () => ({ path: `/conflicts/${fx.conflictShared.id}` }),
  'GET /conflicts/{id}/suggestions': () => ({ path: `/conflicts/${fx.conflictA.id}/suggestions` }),
  'POST /conflicts/{id}/actions · contact-logius in stap 1': async () => ({
    path: `/conflicts/${(await conflictOfA()).id}/actions`,
    body: { type: 'contact-logius', message: 'Wij kunnen niet schuiven.' },
  }),
  'POST /conflicts/{id}/actions · move-window in stap 1': async () => {
    const c = await conflictOfA();
    const { start, end } = slot();
    return { path: `/conflicts/${c.id}/actions`, body: { type: 'move-window', windowId: c.windowId, start, end } };
  },
  'POST /conflicts/{id}/actions · move-window van A, conflict van A en B': async () => {
    const c = await conflictOfAandB();
    const { start, end } = slot();
    return { path: `/conflicts/${c.id}/actions`, body: { type: 'move-window', windowId: c.windowId, start, end } };
  },
  'POST /conflicts/{id}/actions · open-assessment in stap 2': async () => ({
    path: `/conflicts/${(await conflictInStep2()).id}/actions`,
    body: { type: 'open-assessment' },
  }),
  'POST /conflicts/{id}/actions · submit-assessment voor A in stap 3': async () => ({
    path: `/conflicts/${(await conflictInStep3()).id}/actions`,
    body: { type: 'submit-assessment', aspects: aspects('middel'), motivation: 'Telefonisch doorgegeven', afnemer: OIN_A },
  }),
  'POST /conflicts/{id}/actions · confirm-advice in stap 3': async () => ({
    path: `/conflicts/${(await conflictInStep3Complete()).id}/actions`,
    body: { type: 'confirm-advice' },
  }),
  'POST /conflicts/{id}/actions · escalate in stap 4': async () => ({
    path: `/conflicts/${(await conflictInStep4()).id}/actions`,
    body: { type: 'escalate', reason: 'A verschuift niet zonder besluit.' },
  }),
  'POST /conflicts/{id}/actions · accept-advice voor A in stap 5': async () => ({
    path: `/conflicts/${(await conflictInStep5()).id}/actions`,
    body: { type: 'accept-advice', afnemer: OIN_A },
  }),
  'POST /conflicts/{id}/actions · reject-advice voor A in stap 5': async () => ({
    path: `/conflicts/${(await conflictInStep5()).id}/actions`,
    body: { type: 'reject-advice', reason: 'Geen akkoord', afnemer: OIN_A },
  }),
  'POST /conflicts/{id}/actions · escalate-level in stap 6': async () => ({
    path: `/conflicts/${(await conflictInStep6()).id}/actions`,
    body: { type: 'escalate-level', reason: 'Geen akkoord in de Klantraad' },
  }),
  'POST /conflicts/{id}/actions · decide in stap 6': async () => ({
    path: `/conflicts/${(await conflictInStep6()).id}/actions`,
    body: { type: 'decide', text: 'A verzendt een dag later.' },
  }),

  // While the stream is open, A delivers a window that makes a conflict of A alone, A's planner takes a step in it
  // and is notified. Afnemer A's users and Logius hear of that conflict; B's users only that the load moved.
  'GET /events': {
    request: () => ({
      path: '/events',
      whileOpen: async () => {
        const c = await conflictOfA();
        await conflictAct(c.id, who.plannerA, { type: 'contact-logius', message: 'Wij kunnen niet schuiven.' });
        streamConflict = c.id;
      },
    }),
    foreign: (changes: LiveChange[], oin) =>
      oin === OIN_A ? [] : changes.filter((ch) => ch.conflictId !== undefined || !['load', 'maintenance'].includes(ch.kind)),
    holds: (changes: LiveChange[], { oin }) => {
      if (oin === OIN_A || oin === null) expect(changes, 'A and Logius hear of A’s conflict').toContainEqual({ kind: 'procedure', conflictId: streamConflict });
      else expect(changes, 'B hears that the load moved').toContainEqual({ kind: 'load' });
    },
  },
  'GET /notifications': () => ({ path: '/notifications' }),
  'POST /notifications/{id}/read': async () => ({ path: `/notifications/${await notificationOfPlannerA()}/read` }),
  'POST /notifications/read-all': {
    // The caller has one unread notification, so an allowed call stores something.
    request: async (c: Caller) => {
      if (c.actor) await t.sql`insert into notifications (user_id, title, body, created_at) values (${c.actor.user.id}, 'Ongelezen', 'x', ${t.clock.now})`;
      return { path: '/notifications/read-all' };
    },
    holds: (b: { marked: number; unread: number }) => {
      expect(b.marked).toBeGreaterThanOrEqual(1);
      expect(b.unread).toBe(0);
    },
  },
  'GET /outbox': () => ({ path: '/outbox' }),

  'GET /incidents · ?afnemer=A': () => ({ path: `/incidents?afnemer=${OIN_A}` }),
  'GET /incidents · zonder filter': {
    request: () => ({ path: '/incidents' }),
    foreign: (b, oin) =>
      b.items.filter((i: { afnemers: string[]; reportedByAfnemer: string | null }) => !i.afnemers.includes(oin) && i.reportedByAfnemer !== oin),
  },
  'GET /incidents/{id}': () => ({ path: `/incidents/${fx.incidentA}` }),
  'GET /incidents/{id} · incident dat A en B raakt': () => ({ path: `/incidents/${fx.incidentShared}` }),
  'POST /incidents': ({ oin }) => ({
    path: '/incidents',
    body: {
      ...P1,
      kind: 'afnemer-systeem',
      ...(oin ? { priority: undefined, proposedPriority: 'P3' } : { priority: 'P3' }),
      title: 'Koppelvlak van A onbereikbaar',
    },
  }),
  'POST /incidents · prioriteit vaststellen bij het melden': () => ({
    path: '/incidents',
    body: { ...P1, kind: 'afnemer-systeem', priority: 'P3', title: 'Koppelvlak van A onbereikbaar' },
  }),
  'POST /incidents/{id}/actions · agree-resolution': async () => ({
    path: `/incidents/${await incidentOfA()}/actions`,
    body: {
      type: 'agree-resolution',
      resolutionDueAt: new Date(t.clock.now.getTime() + 2 * DAY_MS).toISOString(),
      agreedWith: 'Stand-by manager van A',
      reason: 'Herstel vraagt de leverancier',
    },
  }),
  'POST /incidents/{id}/actions · propose-calamity': async () => ({
    path: `/incidents/${await incidentOfA()}/actions`,
    body: { type: 'propose-calamity', reason: 'imago' },
  }),
  'POST /incidents/{id}/actions · update op een MijnOverheid-storing': async () => ({
    path: `/incidents/${await incidentOfA()}/actions`,
    body: { type: 'update', text: 'Oorzaak gevonden' },
  }),
  'POST /incidents/{id}/actions · update op een storing bij A': async () => ({
    path: `/incidents/${await ownSystemIncidentOfA()}/actions`,
    body: { type: 'update', text: 'Koppelvlak herstart' },
  }),
  'POST /incidents/{id}/actions · priority': async () => ({
    path: `/incidents/${await incidentOfA()}/actions`,
    body: { type: 'priority', priority: 'P2', reason: 'Minder Afnemers geraakt' },
  }),
  'POST /incidents/{id}/actions · confirm-calamity': async () => ({
    path: `/incidents/${await incidentOfA()}/actions`,
    body: { type: 'confirm-calamity', reason: 'imago' },
  }),
  'POST /incidents/{id}/actions · declare-crisis na een calamiteit': async () => {
    const id = await incidentOfA();
    await setup('POST', `/incidents/${id}/actions`, actorOf('calamity-manager'), { type: 'confirm-calamity', reason: 'dienstverlening' });
    return { path: `/incidents/${id}/actions`, body: { type: 'declare-crisis', note: 'BZK neemt de regie over' } };
  },
  'POST /incidents/{id}/capacity-impacts': () => ({
    path: `/incidents/${fx.incidentA}/capacity-impacts`,
    body: { ...slot(), factor: 0.5, reason: 'Capaciteit gehalveerd' },
  }),
  'DELETE /incidents/{id}/capacity-impacts/{impactId}': async () => {
    const { impact } = await setup('POST', `/incidents/${fx.incidentA}/capacity-impacts`, actorOf('incident-manager'), {
      ...slot(),
      factor: 0.5,
      reason: 'Capaciteit gehalveerd',
    });
    return { path: `/incidents/${fx.incidentA}/capacity-impacts/${impact.id}` };
  },
  'POST /incidents/{id}/capacity-impacts · dryRun=true': {
    request: () => ({ path: `/incidents/${fx.incidentA}/capacity-impacts?dryRun=true`, body: { ...slot(), factor: 0.5, reason: 'Capaciteit gehalveerd' } }),
    writesNothing: true,
  },
  'DELETE /incidents/{id}/capacity-impacts/{impactId} · dryRun=true': {
    request: async () => {
      const { impact } = await setup('POST', `/incidents/${fx.incidentA}/capacity-impacts`, actorOf('incident-manager'), {
        ...slot(),
        factor: 0.5,
        reason: 'Capaciteit gehalveerd',
      });
      return { path: `/incidents/${fx.incidentA}/capacity-impacts/${impact.id}?dryRun=true` };
    },
    writesNothing: true,
  },
  'POST /incidents/{id}/capacity-impacts/changes/{changeId}/undo': async () => {
    const { change } = await setup('POST', `/incidents/${fx.incidentA}/capacity-impacts`, actorOf('incident-manager'), {
      ...slot(),
      factor: 0.5,
      reason: 'Capaciteit gehalveerd',
    });
    return { path: `/incidents/${fx.incidentA}/capacity-impacts/changes/${change.id}/undo` };
  },
  'POST /incidents/{id}/capacity-impacts/changes/{changeId}/undo · dryRun=true': {
    request: async () => {
      const { change } = await setup('POST', `/incidents/${fx.incidentA}/capacity-impacts`, actorOf('incident-manager'), {
        ...slot(),
        factor: 0.5,
        reason: 'Capaciteit gehalveerd',
      });
      return { path: `/incidents/${fx.incidentA}/capacity-impacts/changes/${change.id}/undo?dryRun=true` };
    },
    writesNothing: true,
  },
  'GET /incident-priorities': () => ({ path: '/incident-priorities' }),
  // The same times again: allowed, and nothing moves for the other cases.
  'PUT /incident-priorities': async () => {
    const now = (await setup('GET', '/incident-priorities', who.admin)) as { priority: string; response: unknown; resolution: unknown }[];
    return { path: '/incident-priorities', body: now.map(({ priority, response, resolution }) => ({ priority, response, resolution })) };
  },

  'GET /escalations · ?afnemer=A': () => ({ path: `/escalations?afnemer=${OIN_A}` }),
  'GET /escalations · zonder filter': { request: () => ({ path: '/escalations' }), foreign: (b, oin) => b.filter(notOwnNorLogius(oin)) },
  'GET /escalations/ladders': () => ({ path: '/escalations/ladders' }),
  'POST /escalations · algemene ladder': () => ({ path: '/escalations', body: { ladder: 'algemeen', afnemer: OIN_A, reason: 'Afspraak niet nagekomen' } }),
  'POST /escalations · incidentladder': async () => ({
    path: '/escalations',
    body: { ladder: 'incident', incidentId: await incidentOfA(), afnemer: OIN_A, reason: 'Duurt te lang' },
  }),
  'GET /disruption-analyses': { request: () => ({ path: '/disruption-analyses' }), foreign: (b, oin) => b.filter(notOwn(oin)) },
  'GET /disruption-analyses/{id}': () => ({ path: `/disruption-analyses/${fx.analysisA}` }),
  'GET /disruption-analyses/{id}/export': () => ({ path: `/disruption-analyses/${fx.analysisA}/export?format=csv` }),
  'POST /disruption-analyses': () => ({
    path: '/disruption-analyses',
    body: {
      incidentId: fx.incidentA,
      afnemer: OIN_A,
      description: 'Berichten kwamen niet aan',
      disruptionDate: '2027-01-11',
      contactName: 'Contact',
      contactEmail: 'contact@a.example',
    },
  }),
  'PUT /disruption-analyses/{id}/analysis': () => ({ path: `/disruption-analyses/${fx.analysisA}/analysis`, body: analysisBody }),

  'GET /fraud-reports': () => ({ path: '/fraud-reports' }),
  'GET /fraud-reports/{id}': () => ({ path: `/fraud-reports/${fx.fraudReportA}` }),
  'POST /fraud-reports': () => ({ path: '/fraud-reports', body: { description: 'Phishing uit naam van de Berichtenbox', channel: 'telefoon' } }),
  'POST /fraud-reports/{id}/actions': () => ({ path: `/fraud-reports/${fx.fraudReportA}/actions`, body: { type: 'note', text: 'Nagebeld' } }),

  'GET /security-incidents': {
    request: () => ({ path: '/security-incidents' }),
    foreign: (b, oin) => b.filter(notOwn(oin)),
    holds: (b, { oin }) => expect(b.length, 'every caller let in sees an incident: its own, or all').toBeGreaterThanOrEqual(oin ? 1 : 3),
  },
  'GET /security-incidents/{id}': () => ({ path: `/security-incidents/${fx.securityIncidentA}` }),
  'POST /security-incidents': () => ({
    path: '/security-incidents',
    body: { title: 'Verdachte aanmeldingen', description: 'Veel mislukte pogingen', severity: 'middel' },
  }),
  // A fresh incident of A at level 0 for each caller, so each escalation is the first.
  'POST /security-incidents/{id}/actions · escalate': async () => ({
    path: `/security-incidents/${await securityIncidentOfA()}/actions`,
    body: { type: 'escalate', fromLevel: 0, reason: 'Overleg loste het niet op.' },
  }),
  'POST /security-incidents/{id}/actions · status': () => ({
    path: `/security-incidents/${fx.securityIncidentA}/actions`,
    body: { type: 'status', status: 'in-behandeling', note: 'Onderzoek gestart.' },
  }),
  'GET /security-incidents/periodic-reports': () => ({ path: '/security-incidents/periodic-reports?year=2027&quarter=1' }),
  'GET /security-incidents/periodic-reports.xlsx': () => ({ path: '/security-incidents/periodic-reports.xlsx?year=2027&quarter=1' }),

  'GET /contacts · ?afnemer=A': () => ({ path: `/contacts?afnemer=${OIN_A}` }),
  'GET /contacts · zonder filter': { request: () => ({ path: '/contacts' }), foreign: (b, oin) => b.filter(notOwnNorLogius(oin)) },
  'POST /contacts': () => ({ path: '/contacts', body: { ...contactBody, name: 'Nieuwe contactpersoon' } }),
  'PUT /contacts/{id}': async () => ({
    path: `/contacts/${(await setup('POST', '/contacts', who.plannerA, contactBody)).id}`,
    body: { ...contactBody, phone: '070 765 4321' },
  }),
  'DELETE /contacts/{id}': async () => ({ path: `/contacts/${(await setup('POST', '/contacts', who.plannerA, contactBody)).id}` }),

  'GET /standard-changes': () => ({ path: '/standard-changes' }),
  'GET /rfcs · ?afnemer=A': () => ({ path: `/rfcs?afnemer=${OIN_A}` }),
  'GET /rfcs · zonder filter': { request: () => ({ path: '/rfcs' }), foreign: (b, oin) => b.filter(notOwn(oin)) },
  'GET /rfcs/{id}': () => ({ path: `/rfcs/${fx.rfcA}` }),
  'POST /rfcs · aangewezen door de Afnemer': async ({ actor: a }) => {
    if (a) await t.sql`update users set may_file_rfc = true where id = ${a.user.id} and afnemer_oin is not null`;
    return { path: '/rfcs', body: { kind: 'niet-standaard', title: 'Nieuw berichttype' } };
  },
  'POST /rfcs · niet aangewezen': async ({ actor: a }) => {
    if (a) await t.sql`update users set may_file_rfc = false where id = ${a.user.id}`;
    return { path: '/rfcs', body: { kind: 'niet-standaard', title: 'Nieuw berichttype' } };
  },
  'POST /rfcs/{id}/actions': async () => ({ path: `/rfcs/${await rfcOfA()}/actions`, body: { type: 'analyse', text: 'Haalbaar, binnen beleid' } }),
  'POST /rfcs/{id}/escalations': async () => ({
    path: `/rfcs/${await rfcOfA()}/escalations`,
    body: { step: 'overleggen', text: 'Bilateraal overleg met de servicemanager' },
  }),
  // Another planner of A, so no caller designates itself.
  'PUT /users/{id}/rfc-permission': async () => {
    await t.sql`update users set may_file_rfc = false where id = ${plannerA2.user.id}`;
    return { path: `/users/${plannerA2.user.id}/rfc-permission`, body: { mayFileRfc: true } };
  },
  'GET /releases': () => ({ path: '/releases' }),
  'GET /releases/{id}': () => ({ path: `/releases/${fx.release}` }),
  'POST /releases': () => ({ path: '/releases', body: releaseBody() }),
  'PUT /releases/{id}': async () => ({ path: `/releases/${(await setup('POST', '/releases', who.service, releaseBody())).id}`, body: releaseBody() }),
  'DELETE /releases/{id}': async () => ({ path: `/releases/${(await setup('POST', '/releases', who.service, releaseBody())).id}` }),

  'GET /service-request-types': () => ({ path: '/service-request-types' }),
  'GET /service-requests · ?afnemer=A': () => ({ path: `/service-requests?afnemer=${OIN_A}` }),
  'GET /service-requests · zonder filter': { request: () => ({ path: '/service-requests' }), foreign: (b, oin) => b.filter(notOwn(oin)) },
  'GET /service-requests/{id}': () => ({ path: `/service-requests/${fx.serviceRequestA}` }),
  'POST /service-requests': () => ({ path: '/service-requests', body: { kind: 'vrij', subject: 'Vraag', description: 'Kan de limiet omhoog?' } }),
  'PATCH /service-requests/{id}': async () => ({ path: `/service-requests/${await serviceRequestOfA()}`, body: { status: 'in-behandeling' } }),

  'GET /reports/service': () => ({ path: '/reports/service?from=2027-01-01T00:00:00Z&to=2027-04-01T00:00:00Z' }),
  'GET /reports/usage': () => ({ path: `/reports/usage?afnemer=${OIN_A}&year=2027&quarter=1` }),
  'GET /reports/usage.xlsx': () => ({ path: `/reports/usage.xlsx?afnemer=${OIN_A}&year=2027&quarter=1` }),
  'POST /exports/xlsx': {
    request: () => ({ path: '/exports/xlsx', body: { title: 'Verzendmomenten', columns: ['Kenmerk', 'Aantal'], rows: [['A-1', '1.250.000']] } }),
    writesNothing: true,
  },

  'GET /calendar-feeds': () => ({ path: '/calendar-feeds' }),
  'POST /calendar-feeds': () => ({ path: '/calendar-feeds' }),
  'DELETE /calendar-feeds/current': async ({ actor: a }) => {
    if (a) await setup('POST', '/calendar-feeds', a);
    return { path: '/calendar-feeds/current' };
  },
  'GET /calendar-feeds/{feedFile} · feed van de planner van A': {
    request: async () => ({ path: ((await setup('POST', '/calendar-feeds', who.plannerA)).path as string).replace(/^\/api\/v1/, '') }),
    capabilityUrl: true,
  },
  'GET /calendar-feeds/{feedFile} · ingetrokken feed': async () => {
    const { path } = await setup('POST', '/calendar-feeds', who.plannerA);
    await setup('DELETE', '/calendar-feeds/current', who.plannerA);
    return { path: (path as string).replace(/^\/api\/v1/, '') };
  },

  'GET /tokens · eigen tokens': () => ({ path: '/tokens' }),
  'GET /tokens · ?userId= van een andere planner van A': () => ({ path: `/tokens?userId=${plannerA2.user.id}` }),
  'POST /tokens': () => ({ path: '/tokens', body: { label: 'Matrix', days: 7 } }),
  'DELETE /tokens/{id} · eigen token': async ({ actor: a }) => ({
    path: `/tokens/${(await setup('POST', '/tokens', a ?? plannerA2, { label: 'Intrekken' })).id}`,
  }),
  'DELETE /tokens/{id} · token van een andere planner van A': async () => ({
    path: `/tokens/${(await setup('POST', '/tokens', plannerA2, { label: 'Van een ander' })).id}`,
  }),

  'GET /settings': () => ({ path: '/settings' }),
  'PATCH /settings': () => ({ path: '/settings', body: { calamityThreshold: 0.8, reason: 'Matrix' } }),
  'GET /settings/history': () => ({ path: '/settings/history' }),

  'GET /subscriptions': () => ({ path: '/subscriptions' }),
  'PUT /subscriptions/{kind}': () => ({ path: '/subscriptions/storing' }),
  'DELETE /subscriptions/{kind}': async ({ actor: a }) => {
    if (a) await setup('PUT', '/subscriptions/onderhoud', a);
    return { path: '/subscriptions/onderhoud' };
  },
  'GET /notices': () => ({ path: '/notices' }),
  'POST /notices': () => ({ path: '/notices', body: { kind: 'storing', title: 'Storing', body: 'Berichten komen vertraagd aan.' } }),

  'GET /usage-targets': () => ({ path: `/usage-targets?afnemer=${OIN_A}&year=2027&quarter=1` }),
  'PUT /usage-targets': () => ({
    path: `/usage-targets?afnemer=${OIN_A}&year=2027&quarter=1`,
    body: { quarterTarget: 1000, yearTarget: 4000, activities: [{ date: '2027-02-01', description: A_SECRET }], expectedGrowth: 'laag', note: '' },
  }),

  'POST /actuals': () => ({ path: '/actuals', csv: `oin;uur;aantal\n${OIN_A};10-01-2027 ${String(++actualsHour % 24).padStart(2, '0')}:00;1.500\n` }),
  'GET /accuracy · ?afnemer=A': {
    request: () => ({ path: `/accuracy?period=month&afnemer=${OIN_A}` }),
    foreign: (b: { scores: Item[] }, oin) => b.scores.filter(notOwn(oin)),
  },
  'GET /accuracy · zonder filter': {
    request: () => ({ path: '/accuracy?period=quarter' }),
    foreign: (b: { scores: Item[] }, oin) => b.scores.filter(notOwn(oin)),
    holds: (b: { scores: Item[] }, caller) => {
      if (caller.oin === null) expect(b.scores.some((s) => s.afnemer === OIN_A)).toBe(true);
    },
  },

  'GET /openapi.json': () => ({ path: '/openapi.json' }),
  'GET /health': () => ({ path: '/health', root: true }),
  'GET /ready': () => ({ path: '/ready', root: true }),
  'GET /metrics': () => ({ path: '/metrics', root: true }),
};

// ---------- running it ----------

let stateQuery = '';
/**
 * A fingerprint per table: its row count and the sum of its rows' creating transaction ids, so any insert,
 * update or delete shows. Token bookkeeping is left out (last_used_at moves on any call).
 */
async function dbState(): Promise<Record<string, string>> {
  const rows = await t.sql.unsafe<{ name: string; digest: string }[]>(stateQuery);
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

function outcomeOf(status: number): Outcome | number {
  if (status >= 200 && status < 300) return ok;
  return ({ 401: UN, 403: NO, 404: NF } as Record<number, Outcome>)[status] ?? status;
}

async function call(method: string, req: Req, a: Actor | null) {
  const headers: Record<string, string> = { ...a?.headers };
  if (req.body !== undefined) headers['Content-Type'] = 'application/json';
  if (req.csv !== undefined) headers['Content-Type'] = 'text/csv';
  const res = await t.app.request(req.root ? req.path : `/api/v1${req.path}`, {
    method,
    headers,
    body: req.csv ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
  });
  // A live stream never ends by itself: stop it once it has answered, or once it has carried what `whileOpen` did.
  if (res.headers.get('content-type')?.includes('text/event-stream')) {
    if (!req.whileOpen) {
      await res.body?.cancel();
      return { status: res.status, text: '' };
    }
    return { status: res.status, text: JSON.stringify(await streamDuring(res, req.whileOpen)) };
  }
  return { status: res.status, text: await res.text() };
}

/**
 * The changes a live stream carries while `act` runs. Then maintenance in an empty hour (it concerns everyone and
 * comes last): once that is there, whatever `act` caused would have come too.
 */
async function streamDuring(res: Response, act: () => Promise<void>): Promise<LiveChange[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: { event: string; data: string }[] = [];
  let buffer = '';
  const next = async (until: (e: { event: string; data: string }) => boolean) => {
    for (const deadline = Date.now() + 5000; !seen.some(until); ) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, deadline - Date.now())))]);
      if (!chunk || chunk.done) throw new Error(`De stroom gaf niet wat verwacht werd: ${JSON.stringify(seen)}`);
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let i; (i = buffer.indexOf('\n\n')) >= 0; buffer = buffer.slice(i + 2)) {
        const block = buffer.slice(0, i);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (event) seen.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
      }
    }
  };
  try {
    await next((e) => e.event === 'ready');
    await act();
    await setup('POST', '/maintenance-windows', who.capacity, maintenanceBody());
    await next((e) => e.event === 'change' && JSON.parse(e.data).kind === 'maintenance');
  } finally {
    await reader.cancel();
  }
  return seen.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data) as LiveChange);
}

function callerOf(column: Column): Caller {
  if (column === 'anonymous') return { column, actor: null, oin: null };
  const a = actorOf(column);
  return { column, actor: a, oin: a.user.afnemerOin };
}

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  const known: Partial<Record<Column, Actor>> = {
    'planner:own': who.plannerA,
    'planner:other': who.plannerB,
    'klantraad-manager:own': who.klantraadA,
    'capacity-manager': who.capacity,
    'service-manager': who.service,
    admin: who.admin,
  };
  for (const column of COLUMNS) {
    if (column === 'anonymous') continue;
    const [role, side] = column.split(':') as [Role, 'own' | 'other' | undefined];
    const oin = side === undefined ? null : side === 'own' ? OIN_A : OIN_B;
    actors.set(column, known[column] ?? (await actor(t.sql, `${role}.${side ?? 'logius'}@matrix.example`, role, oin)));
  }
  plannerA2 = await actor(t.sql, 'planner2@a.example', 'planner', OIN_A);
  fx = await fixture();

  const tables = await t.sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'api_tokens' order by table_name`;
  stateQuery = tables
    .map(({ name }) => `select '${name}' as name, count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) as digest from "${name}"`)
    .join(' union all ');
  // Tokens count by how many exist and are revoked: last_used_at moves on any call and is left out.
  stateQuery += ` union all select 'api_tokens' as name, count(*) || ':' || count(revoked_at) || ':' || coalesce(max(id), 0) as digest from api_tokens`;
});
afterAll(() => t.close());

describe('the authorisation matrix itself', () => {
  it('has a column for every role, twice for an Afnemer-bound role, and one for no login', () => {
    expect([...COLUMNS]).toEqual(['anonymous', ...ROLES.flatMap((r) => (roleIsAfnemerBound(r) ? [`${r}:own`, `${r}:other`] : [r]))]);
  });

  it('writes out every column of every row, that of the security officer included, so no role borrows the outcome of another', () => {
    const short = Object.entries(INTENDED).filter(([, row]) => row.length !== COLUMNS.length);
    expect(short.map(([key, row]) => `${key}: ${row.length} van ${COLUMNS.length} kolommen`)).toEqual([]);
  });

  it('holds the rule of some row, or shapes the answer of one, for every capability of the access table', () => {
    const ruled = new Set(Object.values(RULE_OF).flatMap((c) => (typeof c === 'string' ? [c] : [...c])));
    const shaping = Object.keys(SHAPES_ANSWER);
    expect(
      CAPABILITIES.filter((c) => !ruled.has(c) && !shaping.includes(c)),
      'capabilities no row holds',
    ).toEqual([]);
    expect(
      Object.values(SHAPES_ANSWER).filter((k) => !(k! in INTENDED)),
      'answer rows that do not exist',
    ).toEqual([]);
  });

  it('refuses on each ruled row the roles the access table refuses, and admits the roles it admits', () => {
    const disagreements: string[] = [];
    for (const [key, rule] of Object.entries(RULE_OF) as [Key, Capability | readonly Capability[]][]) {
      const capabilities = typeof rule === 'string' ? [rule] : rule;
      COLUMNS.forEach((column, i) => {
        if (DECIDED_OTHERWISE[`${key} @ ${column}`]) return;
        const intended: Outcome = intendedOf(INTENDED[key], i);
        if (column === 'anonymous') {
          if (intended !== UN) disagreements.push(`${key} @ ${column}: ${intended}, zonder aanmelding hoort 401`);
          return;
        }
        const [role, side] = column.split(':') as [Role, 'own' | 'other' | undefined];
        const reaches = capabilities.map((c) => accessReach(role, c));
        const admitted = reaches.includes('any') || (reaches.includes('own') && side === 'own');
        const refused = reaches.every((r) => r === null);
        if (refused && intended !== NO && intended !== NF) disagreements.push(`${key} @ ${column}: ${intended}, maar de toegangstabel weigert`);
        if (admitted && intended === NO) disagreements.push(`${key} @ ${column}: ${intended}, maar de toegangstabel staat toe`);
      });
    }
    expect(disagreements).toEqual([]);
  });

  it('has a way to call every row, and no call without a row', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(INTENDED).sort());
  });

  it('has a row for every route the app serves, and none for a route it does not', async () => {
    const doc = await (await t.app.request('/api/v1/openapi.json')).json();
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const served = [
      ...new Set(
        t.app.routes
          .filter((r) => !(r.method === 'ALL' && r.path.endsWith('*')))
          .map((r) => `${r.method} ${r.path.replace(/^\/api\/v1(?=\/)/, '').replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
      ),
    ];
    const rows = [...new Set(Object.keys(INTENDED).map(routeOf))];
    expect(
      documented.filter((r) => !served.includes(r)),
      'documented but not served',
    ).toEqual([]);
    expect(served.filter((r) => !documented.includes(r)).sort(), 'served outside OpenAPI, listed in OUTSIDE_OPENAPI').toEqual([...OUTSIDE_OPENAPI].sort());
    expect(served.filter((r) => !rows.includes(r)).sort(), 'routes without a row').toEqual([]);
    expect(rows.filter((r) => !served.includes(r)).sort(), 'rows without a route').toEqual([]);
  });
});

for (const key of Object.keys(INTENDED) as Key[]) {
  const method = key.split(' ')[0]!;
  const spec = REQUESTS[key] as Spec | undefined;
  if (!spec) continue; // reported by 'has a way to call every row'
  const { request, writesNothing, capabilityUrl, foreign, holds } = typeof spec === 'function' ? { request: spec } : spec;
  describe(key, () => {
    const cases = COLUMNS.map((column, i) => {
      const intended = intendedOf(INTENDED[key], i);
      const deviation = KNOWN_DEVIATIONS[`${key} @ ${column}`];
      const name = deviation ? `${column} → ${deviation.actual} (bekende afwijking; bedoeld: ${intended})` : `${column} → ${intended}`;
      return {
        name,
        column,
        expected: deviation?.actual ?? intended,
        deviation: deviation ? ` Bekende afwijking (${deviation.why}); verholpen? Haal hem uit KNOWN_DEVIATIONS.` : '',
      };
    });
    it.each(cases)('$name', async ({ column, expected, deviation }) => {
      const caller = callerOf(column);
      const req = await request(caller);
      const writes = method !== 'GET';
      const before = writes ? await dbState() : null;
      const res = await call(method, req, caller.actor);
      const after = writes ? await dbState() : null;

      expect(outcomeOf(res.status), `${method} ${req.path} als ${column}: ${res.status} ${res.text.slice(0, 300)}${deviation}`).toBe(expected);
      if (writes && outcomeOf(res.status) !== ok) {
        expect(after, 'a refused write changes nothing').toEqual(before);
      } else if (writes && !writesNothing) {
        expect(after, 'an allowed write stores something').not.toEqual(before);
      } else if (writes) {
        expect(after, 'this allowed call stores nothing').toEqual(before);
      }
      if (outcomeOf(res.status) === ok && column.endsWith(':other') && !capabilityUrl) {
        expect(res.text, 'another Afnemer never gets A’s own data').not.toContain(A_SECRET);
      }
      if (outcomeOf(res.status) === ok && column !== 'fraudeteam') {
        expect(res.text, 'only the Fraudeteam reads a fraud report').not.toContain(FRAUD_SECRET);
      }
      if (outcomeOf(res.status) === ok && foreign && caller.oin) {
        expect(foreign(JSON.parse(res.text), caller.oin), 'an Afnemer gets only its own (and Logius’) items').toEqual([]);
      }
      if (outcomeOf(res.status) === ok && holds) holds(JSON.parse(res.text), caller);
    });
  });
}

describe('GET /api/v1/incidents/{id} of an incident two Afnemers share', () => {
  const trailOf = async (a: Actor) => {
    const body = await setup('GET', `/incidents/${fx.incidentShared}`, a);
    return {
      actions: (body.events as { action: string }[]).map((e) => e.action),
      escalations: body.escalations.length,
      analyses: body.disruptionAnalysisIds.length,
    };
  };

  it('shows the other Afnemer the trail without the escalation and analysis of A, which stay stored and shown to A and Logius', async () => {
    const full = (await t.sql<{ action: string }[]>`select action from incident_events where incident_id = ${fx.incidentShared} order by id`).map(
      (e) => e.action,
    );
    expect(full).toEqual(expect.arrayContaining(['reported', 'escalated', 'analysis-requested', 'analysis-delivered']));
    expect(await trailOf(who.plannerB)).toEqual({ actions: ['reported'], escalations: 0, analyses: 0 });
    expect(await trailOf(actorOf('klantraad-manager:other'))).toEqual({ actions: ['reported'], escalations: 0, analyses: 0 });
    expect(await trailOf(who.klantraadA)).toEqual({ actions: full, escalations: 1, analyses: 1 });
    expect(await trailOf(actorOf('incident-manager'))).toEqual({ actions: full, escalations: 1, analyses: 1 });
  });
});
