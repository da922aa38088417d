import type { PrioritySetting, Priority } from '@cd/shared';
import type { Queryable, Tx } from '../client.js';

export interface PrioritySettingRow extends PrioritySetting {
  isDefault: boolean;
  updatedBy: string | null;
  updatedAt: Date;
}

/** The response and resolution times per priority in force, P1 first. */
export async function prioritySettings(sql: Queryable): Promise<PrioritySettingRow[]> {
  const rows = await sql<
    {
      priority: Priority;
      responseAmount: number;
      responseUnit: 'minutes' | 'working-days';
      resolutionAmount: number;
      resolutionUnit: 'minutes' | 'working-days';
      isDefault: boolean;
      updatedBy: string | null;
      updatedAt: Date;
    }[]
  >`
    select s.priority, s.response_amount, s.response_unit, s.resolution_amount, s.resolution_unit, s.is_default,
      u.email as updated_by, s.updated_at
    from incident_priority_settings s left join users u on u.id = s.updated_by order by s.priority`;
  return rows.map((r) => ({
    priority: r.priority,
    response: { amount: r.responseAmount, unit: r.responseUnit },
    resolution: { amount: r.resolutionAmount, unit: r.resolutionUnit },
    isDefault: r.isDefault,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
  }));
}

/** Replaces the times of the given priorities; they are no longer the defaults. */
export async function prioritySettingsSet(tx: Tx, settings: readonly PrioritySetting[], userId: number, at: Date) {
  for (const s of settings) {
    await tx`
      update incident_priority_settings set response_amount = ${s.response.amount}, response_unit = ${s.response.unit},
        resolution_amount = ${s.resolution.amount}, resolution_unit = ${s.resolution.unit}, is_default = false,
        updated_by = ${userId}, updated_at = ${at}
      where priority = ${s.priority}`;
  }
}
