import {
  contactCreate,
  disruptionAnalysisDeliver,
  disruptionAnalysisInsert,
  escalationInsert,
  fraudReportEventAppend,
  fraudReportInsert,
  incidentCapacityImpactCreate,
  incidentEventAppend,
  incidentInsert,
  incidentUpdate,
  prioritySettings,
  referenceNext,
  userByEmail,
  userUpsert,
  type Tx,
  type UserRow,
} from '@cd/db';
import { priorityDeadlines, referenceFormat, referenceYear, type ContactRole, type Priority } from '@cd/shared';
import { passwordHash } from './lib/crypto.js';
import { conflictsRecompute } from './services/conflicts-recompute.js';

const BELASTINGDIENST = '00000001003214345000';
const DUO = '00000001800866472000';
const CJIB = '00000001804770694000';
const H = 3_600_000;
const DEMO_PASSWORD = 'demo-wachtwoord';
export const DEMO_FRAUDETEAM_LOGIN = 'fraude@logius.example';

const LOGIUS_CONTACTS: [ContactRole, string, string, string][] = [
  ['servicecentrum', 'Servicecentrum Logius', 'servicecentrum@logius.example', '0900-5554555'],
  ['fraudeteam', 'Fraudeteam', 'fraudeteam@logius.example', '0900-5554555'],
  ['ketenbeheer', 'Ketenbeheer', 'ketenbeheerpd@logius.example', ''],
  ['servicemanager', 'Eugene Steijn', 'service@logius.example', '06-00000001'],
  ['capaciteitsmanager', 'Sanne de Vries', 'capaciteit@logius.example', '06-00000002'],
  ['incidentmanager', 'Incidentmanager (per toerbeurt, via het Servicecentrum)', 'servicecentrum@logius.example', '0900-5554555'],
  ['calamiteitenmanager', 'Calamiteitenmanager (dienstdoend)', 'calamiteit@logius.example', '0900-5554555'],
  ['teamleider', 'Teamleider Levering (a.i.)', 'teamleider@logius.example', '06-00000003'],
  ['afdelingshoofd', 'Afdelingshoofd Portaaldiensten (a.i.)', 'afdelingshoofd@logius.example', '06-00000004'],
  ['directeur', 'Directeur Logius', 'directie@logius.example', ''],
];

type Actor = Pick<UserRow, 'id' | 'email' | 'role' | 'afnemerOin'>;

async function incident(
  tx: Tx,
  by: Actor,
  at: Date,
  i: {
    kind: 'mijnoverheid' | 'afnemer-systeem';
    title: string;
    description: string;
    channel: 'telefoon' | 'e-mail' | 'app';
    priority: Priority;
    afnemers: string[];
  },
) {
  const due = priorityDeadlines(i.priority, at.getTime(), await prioritySettings(tx));
  const year = referenceYear(at.getTime());
  const number = referenceFormat('INC', year, await referenceNext(tx, 'INC', year));
  const id = await incidentInsert(tx, {
    ...i,
    number,
    // An Afnemer's report carries its proposal; Logius sets the priority (section 5.3 step 2).
    proposedPriority: by.afnemerOin ? i.priority : null,
    prioritised: by.afnemerOin === null,
    reportedBy: by.id,
    reportedByAfnemer: by.afnemerOin ?? (i.kind === 'afnemer-systeem' ? i.afnemers[0]! : null),
    reportedAt: at,
    responseDueAt: new Date(due.responseDueAt),
    resolutionDueAt: new Date(due.resolutionDueAt),
  });
  await incidentEventAppend(
    tx,
    id,
    by,
    'reported',
    { from: null, to: 'gemeld', number, kind: i.kind, priority: i.priority, channel: i.channel, afnemers: i.afnemers },
    at,
  );
  return { id, number };
}

/**
 * Demo incidents for an empty database, after demoSeed: Logius' contacts (Bijlage 1) and two Afnemers', a
 * closed P1 calamity with its verstoringsanalyse, an open P2 that lowers capacity, an Afnemer's own
 * disruption, a fraud report and a Fraudeteam account. Skips silently when the demo users are missing.
 */
export async function demoIncidentsSeed(tx: Tx, now: Date): Promise<{ incidents: number } | null> {
  const [incidentManager, calamityManager, plannerBd, plannerDuo] = await Promise.all(
    ['incident@logius.example', 'calamiteit@logius.example', 'planner@belastingdienst.example', 'planner@duo.example'].map((e) => userByEmail(tx, e)),
  );
  if (!incidentManager || !calamityManager || !plannerBd || !plannerDuo) return null;
  await userUpsert(tx, {
    email: DEMO_FRAUDETEAM_LOGIN,
    name: 'Fraudeteam Logius',
    role: 'fraudeteam',
    afnemerOin: null,
    passwordHash: await passwordHash(DEMO_PASSWORD),
  });

  for (const [role, name, email, phone] of LOGIUS_CONTACTS) await contactCreate(tx, { afnemerOin: null, role, name, email, phone }, incidentManager.id, now);
  await contactCreate(
    tx,
    {
      afnemerOin: BELASTINGDIENST,
      role: 'calamiteitenmanager',
      name: 'Stand-by manager Belastingdienst',
      email: 'standby@belastingdienst.example',
      phone: '06-00000010',
    },
    plannerBd.id,
    now,
  );
  await contactCreate(
    tx,
    {
      afnemerOin: BELASTINGDIENST,
      role: 'servicemanager',
      name: 'Servicemanager Belastingdienst',
      email: 'servicemanager@belastingdienst.example',
      phone: '06-00000011',
    },
    plannerBd.id,
    now,
  );
  await contactCreate(
    tx,
    { afnemerOin: DUO, role: 'contactpersoon', name: 'Functioneel beheer DUO', email: 'beheer@duo.example', phone: '050-0000000' },
    plannerDuo.id,
    now,
  );

  // Last week: a P1 that ran past its resolution time, became a calamity, was solved and closed.
  const t0 = new Date(now.getTime() - 7 * 24 * H);
  const p1 = await incident(tx, incidentManager, t0, {
    kind: 'mijnoverheid',
    title: 'Berichtenbox: berichten niet zichtbaar na inloggen',
    channel: 'telefoon',
    priority: 'P1',
    description: 'Burgers zien na inloggen een lege Berichtenbox; nieuwe berichten worden wel ontvangen en opgeslagen.',
    afnemers: [BELASTINGDIENST, DUO],
  });
  const at = (h: number) => new Date(t0.getTime() + h * H);
  await incidentUpdate(tx, p1.id, { status: 'in-behandeling', respondedAt: at(0.2) }, at(0.2));
  await incidentEventAppend(tx, p1.id, incidentManager, 'status', { from: 'gemeld', to: 'in-behandeling', note: 'Stand-by manager ingeschakeld' }, at(0.2));
  await incidentEventAppend(
    tx,
    p1.id,
    incidentManager,
    'update',
    { text: 'Oorzaak ligt vermoedelijk in de indexservice van de Berichtenbox. Herstart loopt.' },
    at(1),
  );
  await escalationInsert(
    tx,
    {
      ladder: 'incident',
      level: 1,
      title: 'Incidentmanager',
      reason: 'Belastingdienst verstuurt vanavond 600.000 aanslagen',
      incidentId: p1.id,
      afnemerOin: BELASTINGDIENST,
      followsId: null,
      actor: plannerBd,
    },
    at(2),
  );
  await incidentEventAppend(tx, p1.id, plannerBd, 'escalated', { ladder: 'incident', level: 1, title: 'Incidentmanager' }, at(2));
  await incidentUpdate(tx, p1.id, { calamityReason: 'p1-dreigt', calamityAt: at(3.1), calamityBy: calamityManager.id }, at(3.1));
  await incidentEventAppend(
    tx,
    p1.id,
    calamityManager,
    'confirm-calamity',
    { reason: 'p1-dreigt', note: 'Oplossing niet in zicht; calamiteitenprocedure gestart.' },
    at(3.1),
  );
  await incidentUpdate(tx, p1.id, { status: 'opgelost', resolvedAt: at(5.5) }, at(5.5));
  await incidentEventAppend(tx, p1.id, calamityManager, 'status', { from: 'in-behandeling', to: 'opgelost', note: 'Index opnieuw opgebouwd' }, at(5.5));
  const report = 'Index van de Berichtenbox opnieuw opgebouwd; alle berichten weer zichtbaar. Verstoringsanalyse volgt op verzoek van de Belastingdienst.';
  await incidentUpdate(tx, p1.id, { status: 'gesloten', closedAt: at(7), closingReport: report }, at(7));
  await incidentEventAppend(tx, p1.id, calamityManager, 'close', { from: 'opgelost', to: 'gesloten', closingReport: report }, at(7));

  const analysisId = await disruptionAnalysisInsert(
    tx,
    {
      incidentId: p1.id,
      afnemerOin: BELASTINGDIENST,
      requestedBy: 'afnemer',
      userId: plannerBd.id,
      description: 'Lege Berichtenbox na inloggen tijdens verzending voorlopige aanslagen',
      disruptionDate: t0.toISOString().slice(0, 10),
      desiredDeliveryDate: new Date(now.getTime() + 7 * 24 * H).toISOString().slice(0, 10),
      contactName: 'Planner Belastingdienst',
      contactEmail: 'planner@belastingdienst.example',
      contactPhone: '06-00000012',
      questions: 'Was de verzending van onze aanslagen op enig moment in gevaar?',
    },
    at(8),
  );
  await incidentEventAppend(tx, p1.id, plannerBd, 'analysis-requested', { analysisId, afnemer: BELASTINGDIENST, requestedBy: 'afnemer' }, at(8));
  const analysis = {
    status: 'Opgelost en afgemeld',
    startedAt: t0.toISOString(),
    resolvedAt: at(5.5).toISOString(),
    cause: 'Na een onderhoudsrelease was de zoekindex van de Berichtenbox niet volledig opgebouwd.',
    impact: {
      afnemer: { level: 'middel', explanation: 'Aanslagen kwamen aan, maar waren 5,5 uur niet zichtbaar; extra telefoontjes bij de BelastingTelefoon.' },
      logius: { level: 'groot', explanation: 'Calamiteit; imagoschade.' },
      klanten: { level: 'middel', explanation: 'Burgers zagen een lege Berichtenbox.' },
    },
    solutionIncidental: 'Index opnieuw opgebouwd.',
    solutionStructural: 'Controle op volledigheid van de index na elke release.',
    communication: {
      who: 'Calamiteitenmanager Logius',
      what: 'Storingsmelding en afmelding',
      when: 'Bij start, elk uur en bij afmelding',
      bottlenecks: 'Eerste melding kwam pas na 45 minuten.',
    },
    improvements: 'Storingsmelding binnen 15 minuten bij een P1.',
  };
  await disruptionAnalysisDeliver(tx, analysisId, analysis, incidentManager.id, at(60));
  await incidentEventAppend(tx, p1.id, incidentManager, 'analysis-delivered', { analysisId, revision: false, analysis }, at(60));

  // Now: a P2 slowing the Berichtenbox for the next six hours, which lowers capacity.
  const p2at = new Date(now.getTime() - 0.5 * H);
  const p2 = await incident(tx, incidentManager, p2at, {
    kind: 'mijnoverheid',
    title: 'Vertraagde verwerking van berichten',
    channel: 'app',
    priority: 'P2',
    description: 'De verwerking van aangeleverde berichten loopt achter door een storing in een van de verwerkingsservers.',
    afnemers: [BELASTINGDIENST, DUO, CJIB],
  });
  await incidentUpdate(tx, p2.id, { status: 'in-behandeling', respondedAt: now }, now);
  await incidentEventAppend(
    tx,
    p2.id,
    incidentManager,
    'status',
    { from: 'gemeld', to: 'in-behandeling', note: 'Een verwerkingsserver is uit de pool gehaald' },
    now,
  );
  const start = new Date(Math.floor(now.getTime() / H) * H);
  const end = new Date(start.getTime() + 6 * H);
  const reason = `Incident ${p2.number}: verwerkingsserver uit de pool`;
  const windowId = await incidentCapacityImpactCreate(tx, p2.id, { start, end, factor: 0.6, reason }, incidentManager.id, now);
  await incidentEventAppend(
    tx,
    p2.id,
    incidentManager,
    'capacity-lowered',
    { windowId, start: start.toISOString(), end: end.toISOString(), factor: 0.6, reason },
    now,
  );
  await conflictsRecompute(tx, { from: start.getTime(), to: end.getTime() }, now, `Capaciteit verlaagd door incident ${p2.number}`);

  // DUO's own system (step 4): a P3 the Afnemer reported and keeps up to date.
  const duo = await incident(tx, plannerDuo, new Date(now.getTime() - 26 * H), {
    kind: 'afnemer-systeem',
    title: 'Koppeling DUO-berichtenserver weigert certificaat',
    channel: 'telefoon',
    priority: 'P3',
    description: 'Berichten van DUO worden tijdelijk vastgehouden; er wordt niets naar MijnOverheid verstuurd.',
    afnemers: [DUO],
  });
  await incidentEventAppend(
    tx,
    duo.id,
    plannerDuo,
    'update',
    { text: 'Nieuw PKIoverheid-certificaat aangevraagd; verwacht morgen.' },
    new Date(now.getTime() - 20 * H),
  );

  // A fraud report, visible to the Fraudeteam alone.
  const year = referenceYear(now.getTime());
  const ref = referenceFormat('FRD', year, await referenceNext(tx, 'FRD', year));
  const fraudId = await fraudReportInsert(
    tx,
    {
      reference: ref,
      afnemerOin: BELASTINGDIENST,
      userId: plannerBd.id,
      channel: 'telefoon',
      highPriority: false,
      observedAt: new Date(now.getTime() - 30 * H),
      description: 'Burgers melden e-mails die naar een nagemaakte Berichtenbox verwijzen.',
    },
    new Date(now.getTime() - 28 * H),
  );
  await fraudReportEventAppend(tx, fraudId, plannerBd, 'reported', { channel: 'telefoon', highPriority: false }, new Date(now.getTime() - 28 * H));
  return { incidents: 3 };
}
