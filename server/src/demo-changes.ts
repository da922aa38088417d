/**
 * Demo data for changes (issue 7): a designated filer, RFCs in several steps, a release with its capacity
 * window and service requests. Runs inside the demo seed's transaction after the base data; `now` is the clock.
 */
import {
  releaseInsert,
  rfcEventAppend,
  rfcInsert,
  rfcStateSave,
  serviceRequestInsert,
  serviceRequestUpdate,
  userByEmail,
  userRfcPermissionSet,
  type Tx,
} from '@cd/db';
import { amsterdamDayStart, amsterdamDayNumber, rfcAnalyse, rfcDecide, rfcImpactAnalyse, rfcInitial, rfcPlan, type RfcState } from '@cd/shared';
import { releaseCapacityChanged } from './services/release-capacity.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Seeds the changes demo; does nothing when the demo users are missing or releases already exist. */
export async function demoChangesSeed(tx: Tx, now: Date): Promise<void> {
  const [filer, klantraad, service, duo] = await Promise.all([
    userByEmail(tx, 'planner@belastingdienst.example'),
    userByEmail(tx, 'klantraad@belastingdienst.example'),
    userByEmail(tx, 'service@logius.example'),
    userByEmail(tx, 'planner@duo.example'),
  ]);
  if (!filer?.afnemerOin || !service || !duo?.afnemerOin) return;
  if ((await tx`select 1 from releases limit 1`).length > 0) return;
  await userRfcPermissionSet(tx, filer.id, true);
  if (klantraad) await userRfcPermissionSet(tx, klantraad.id, true);

  // Tuesday evening, three weeks ahead, 19:00-23:00 Amsterdam time.
  const day = amsterdamDayNumber(now.getTime()) + 21;
  const dayStart = amsterdamDayStart(day + ((1 - ((day + 3) % 7) + 7) % 7));
  const release = {
    name: 'MijnOverheid 2.5',
    description: 'Nieuwe notificatiemail en verbeterde zoekfunctie',
    start: new Date(dayStart + 19 * HOUR),
    end: new Date(dayStart + 23 * HOUR),
    factor: 0.4,
  };
  const releaseId = await releaseInsert(tx, release, service.id, now);

  const at = (daysAgo: number) => now.getTime() - daysAgo * DAY;
  const file = async (
    afnemerOin: string,
    userId: number,
    r: { kind: RfcState['kind']; title: string; description: string; catalogueItem?: string; incidentNumber?: string },
    filedDaysAgo: number,
    state: RfcState,
  ) => {
    const filedAt = new Date(at(filedDaysAgo));
    const initial = rfcInitial(r.kind, filedAt.getTime());
    const id = await rfcInsert(
      tx,
      {
        afnemerOin,
        kind: r.kind,
        changeType: 'technisch',
        catalogueItem: r.catalogueItem ?? null,
        incidentNumber: r.incidentNumber ?? null,
        title: r.title,
        description: r.description,
        status: initial.status,
        state: initial,
        filedBy: userId,
      },
      filedAt,
    );
    await rfcEventAppend(tx, { rfcId: id, actor: null, action: 'file', from: null, to: 'ingediend', payload: { kind: r.kind, demo: true } }, filedAt);
    if (state.status !== 'ingediend') {
      await rfcStateSave(tx, id, state.status, state, 'planned' in state ? state.planned.releaseId : null, now);
      await rfcEventAppend(tx, { rfcId: id, actor: null, action: 'demo', from: 'ingediend', to: state.status, payload: { demo: true } }, now);
    }
  };

  const analysed = rfcAnalyse(rfcInitial('niet-standaard', at(20)), 'Haalbaar; past in het beleid voor notificaties.', service.email, at(18));
  const impact = rfcImpactAnalyse(analysed, 'Leverancier: 8 dagen werk, geen koppelvlakwijziging voor Afnemers.', service.email, at(12));
  const approved = rfcDecide(impact, 'goedgekeurd', 'CAB akkoord: meenemen in release 2.5.', service.email, at(8));
  if (approved.status === 'goedgekeurd') {
    await file(
      filer.afnemerOin,
      filer.id,
      { kind: 'niet-standaard', title: 'Notificatiemail met naam van de afzender', description: 'Burgers herkennen de afzender beter.' },
      20,
      rfcPlan(approved, releaseId, service.email, at(6)),
    );
  }
  const std = rfcAnalyse(rfcInitial('standaard', at(3)), 'Standaardwijziging uit de catalogus.', service.email, at(2));
  await file(
    filer.afnemerOin,
    filer.id,
    {
      kind: 'standaard',
      title: 'Tien testaccounts voor de acceptatieomgeving',
      description: 'Voor de ketentest van de voorlopige aanslag.',
      catalogueItem: 'testaccounts',
    },
    3,
    std,
  );
  await file(
    filer.afnemerOin,
    filer.id,
    { kind: 'urgent', title: 'Herstel van vertraagde bezorging bij grote batches', description: 'Lost de vertraging op.', incidentNumber: 'INC-2027-000017' },
    1,
    rfcInitial('urgent', at(1)),
  );
  const rejected = rfcDecide(
    rfcImpactAnalyse(
      rfcAnalyse(rfcInitial('niet-standaard', at(30)), 'Verkend.', service.email, at(28)),
      'Grote impact op alle Afnemers.',
      service.email,
      at(25),
    ),
    'afgewezen',
    'Te grote impact op de andere Afnemers; opnieuw bekijken in 2028.',
    service.email,
    at(22),
  );
  await file(
    filer.afnemerOin,
    filer.id,
    { kind: 'niet-standaard', title: 'Eigen huisstijl in de Berichtenbox', description: 'Logo en kleuren van de Afnemer.' },
    30,
    rejected,
  );

  await serviceRequestInsert(
    tx,
    {
      afnemerOin: filer.afnemerOin,
      kind: 'standaard',
      catalogueItem: 'testaccounts',
      subject: 'Testaccounts aanvragen',
      description: '',
      fields: { aantal: 10, omgeving: 'acceptatie', toelichting: 'Ketentest voorlopige aanslag' },
      filedBy: filer.id,
    },
    new Date(at(2)),
  );
  const answered = await serviceRequestInsert(
    tx,
    {
      afnemerOin: duo.afnemerOin,
      kind: 'vrij',
      catalogueItem: null,
      subject: 'Piek in september',
      description: 'Kunnen wij 2 miljoen berichten in één week versturen?',
      fields: {},
      filedBy: duo.id,
    },
    new Date(at(5)),
  );
  await serviceRequestUpdate(
    tx,
    answered,
    'afgehandeld',
    'Ja, verdeeld over de werkdagen tussen 8 en 20 uur; lever de prognose tijdig aan.',
    service.id,
    new Date(at(4)),
  );

  await releaseCapacityChanged(tx, release, null, 'gepland', now);
}
