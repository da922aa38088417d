import type { DeliveryRow, SendWindowRow } from '@cd/db';
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
