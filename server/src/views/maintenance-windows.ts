import type { MaintenanceRow } from '@cd/db';
import type { MaintenanceWindowJson } from '@cd/shared';

export function maintenanceJson(m: MaintenanceRow): MaintenanceWindowJson {
  return {
    ...m,
    start: m.startAt.toISOString(),
    end: m.endAt.toISOString(),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
