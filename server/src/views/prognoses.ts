import type { DeliveryRow, SendWindowRevisionRow, SendWindowRow } from '@cd/db';
import type { Delivery, SendWindow } from '@cd/shared';

export function sendWindowJson(w: SendWindowRow): SendWindow {
  return {
    id: w.id,
    afnemer: w.afnemerOin,
    kenmerk: w.kenmerk,
    omschrijving: w.omschrijving,
    berichttype: w.berichttype,
    start: w.startAt.toISOString(),
    eind: w.endAt.toISOString(),
    aantalBerichten: w.aantalBerichten,
    status: w.status,
    vroegsteStart: w.vroegsteStart?.toISOString() ?? null,
    laatsteEind: w.laatsteEind?.toISOString() ?? null,
    revision: w.revision,
    deliveryId: w.deliveryId,
    updatedAt: w.updatedAt.toISOString(),
  };
}

export function deliveryJson(d: DeliveryRow): Delivery {
  return { ...d, afnemer: d.afnemerOin, uploadedAt: d.uploadedAt.toISOString() };
}

/** One revision of a send window, as its history shows it. */
export const sendWindowRevisionJson = (r: SendWindowRevisionRow) => ({
  revision: r.revision,
  deliveryId: r.deliveryId,
  changedBy: r.changedBy,
  changedAt: r.changedAt.toISOString(),
  omschrijving: r.omschrijving,
  berichttype: r.berichttype,
  start: r.startAt.toISOString(),
  eind: r.endAt.toISOString(),
  aantalBerichten: r.aantalBerichten,
  status: r.status,
});
