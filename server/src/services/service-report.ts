import {
  maintenanceList,
  releasesList,
  reportCalamities,
  reportConflictEvents,
  reportConflicts,
  reportAnalyses,
  reportIncidentItems,
  reportIncidents,
  reportRfcs,
  rfcsOfReleases,
  type Sql,
} from '@cd/db';
import {
  capacityScheduleIndexAt,
  loadView,
  PROCEDURE_STEP_LABELS,
  PROCEDURE_STEPS,
  RFC_KIND_LABELS,
  RFC_STATUS_LABELS,
  procedureStepDurations,
  reportDays,
  type ProcedureStep,
  type RfcKind,
  type RfcStatus,
  type ServiceReport,
} from '@cd/shared';
import { accuracySection } from './accuracy-totals.js';
import type { PlanningCache } from './planning-cache.js';
import { HOUR_MS } from '@cd/shared/time';

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function counts<K extends string>(keys: Iterable<K>, label: (k: K) => string) {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, count]) => ({ key, label: label(key), count }));
}

const stepLabel = (s: string) => PROCEDURE_STEP_LABELS[s as ProcedureStep] ?? s;

/**
 * Gathers the Service rapportage for [from, to) from the database and the planning core. With `afnemer`, that
 * Afnemer's part (section 8.3): capacity, maintenance and releases as everyone sees them, and of conflicts,
 * incidents, calamities, RFCs and disruption analyses only its own.
 */
export async function serviceReportBuild(
  sql: Sql,
  planning: PlanningCache,
  from: Date,
  to: Date,
  now: Date,
  afnemer: { oin: string; name: string } | null = null,
): Promise<ServiceReport> {
  const oin = afnemer?.oin ?? null;
  const { windows, maintenance, profile, schedule } = await planning.get(sql);
  const view = loadView({ from: from.getTime(), to: to.getTime(), bucket: '15m', windows, maintenance, profile, schedule, names: new Map(), ownAfnemer: null });
  // The levels of the profile in force at the start of the period.
  const levels = schedule[capacityScheduleIndexAt(schedule, from.getTime())]!;
  const starts = view.starts.map((s) => Date.parse(s));
  const days = reportDays(starts, view.utilization, view.state);
  let peak: number | null = null;
  let peakAt: number | null = null;
  view.utilization.forEach((u, i) => {
    if (u !== null && (peak === null || u > peak)) [peak, peakAt] = [u, starts[i]!];
  });

  const conflicts = await reportConflicts(sql, from, to, oin);
  const events = await reportConflictEvents(
    sql,
    conflicts.map((c) => c.id),
  );
  const resolvedIds = new Set(conflicts.filter((c) => c.status === 'resolved').map((c) => c.id));
  const endedAt = events.filter((e) => e.toStep === 'resolved' && resolvedIds.has(e.conflictId)).map((e) => e.fromStep ?? 'onbekend');
  const durations = procedureStepDurations(
    events.map((e) => ({ conflictId: e.conflictId, at: e.at.getTime(), toStep: e.toStep })),
    now.getTime(),
    PROCEDURE_STEPS,
  );

  const [incidents, calamities, rfcs, releases, maintenanceRows, incidentItems, analyses, accuracy] = await Promise.all([
    reportIncidents(sql, from, to, now, oin),
    reportCalamities(sql, from, to, oin),
    reportRfcs(sql, from, to, oin),
    releasesList(sql, from, to),
    maintenanceList(sql, from, to),
    reportIncidentItems(sql, from, to, oin),
    reportAnalyses(sql, from, to, oin),
    accuracySection(sql, from.getTime(), to.getTime(), now.getTime(), oin),
  ]);
  const releaseRfcs = (
    await rfcsOfReleases(
      sql,
      releases.map((r) => r.id),
    )
  ).filter((r) => oin === null || r.afnemerOin === oin);

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    generatedAt: now.toISOString(),
    afnemer: oin,
    afnemerName: afnemer?.name ?? null,
    capacity: {
      threshold: levels.threshold ?? profile.threshold,
      warningLevel: levels.warningLevel ?? profile.warningLevel,
      peakUtilization: peak,
      peakAt: peakAt === null ? null : new Date(peakAt).toISOString(),
      warningBuckets: view.state.filter((s) => s === 'warning').length,
      overloadBuckets: view.state.filter((s) => s === 'overload').length,
      days,
    },
    maintenance: maintenanceRows.map((m) => ({ start: m.startAt.toISOString(), end: m.endAt.toISOString(), kind: m.kind, reason: m.reason, factor: m.factor })),
    conflicts: {
      detected: conflicts.length,
      open: conflicts.filter((c) => c.status === 'open').length,
      resolved: resolvedIds.size,
      resolvedReasons: counts(
        conflicts.filter((c) => c.status === 'resolved').map((c) => c.resolvedReason ?? 'onbekend'),
        (k) => k,
      ),
      endedAtStep: counts(endedAt, stepLabel),
      stepDurations: durations.map((d) => ({
        step: d.step,
        label: stepLabel(d.step),
        conflicts: d.conflicts,
        averageHours: round(d.averageMs / HOUR_MS, 1),
        maxHours: round(d.maxMs / HOUR_MS, 1),
      })),
    },
    incidents: {
      available: incidents !== null,
      byPriority: (incidents ?? []).map((i) => ({
        priority: i.priority,
        total: i.total,
        solved: i.solved,
        solvedInTime: i.solvedInTime,
        shareInTime: i.solvedInTime + i.late > 0 ? round(i.solvedInTime / (i.solvedInTime + i.late), 3) : null,
      })),
    },
    calamities: {
      available: calamities !== null,
      total: calamities?.length ?? 0,
      items: (calamities ?? []).map((c) => ({ title: c.title, start: c.start?.toISOString() ?? null, status: c.status })),
    },
    rfcs: {
      filed: rfcs.byKind.reduce((n, k) => n + k.count, 0),
      byKind: rfcs.byKind.map((k) => ({ ...k, label: RFC_KIND_LABELS[k.key as RfcKind] ?? k.key })),
      byStatus: rfcs.byStatus.map((k) => ({ ...k, label: RFC_STATUS_LABELS[k.key as RfcStatus] ?? k.key })),
      approved: rfcs.approved,
      rejected: rfcs.rejected,
      implemented: rfcs.implemented,
    },
    releases: releases.map((r) => ({
      id: r.id,
      name: r.name,
      start: r.startAt.toISOString(),
      end: r.endAt.toISOString(),
      factor: r.factor,
      rfcCount: releaseRfcs.filter((x) => x.releaseId === r.id).length,
    })),
    incidentList: (incidentItems ?? []).map((i) => ({
      number: i.number,
      title: i.title,
      priority: i.priority,
      status: i.status,
      reportedAt: i.reportedAt.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
      resolvedInTime: i.resolvedAt === null ? null : i.resolvedAt <= i.resolutionDueAt,
    })),
    disruptionAnalyses: (analyses ?? []).map((d) => ({
      id: d.id,
      incidentNumber: d.incidentNumber,
      afnemerName: d.afnemerName,
      requestedAt: d.requestedAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
    accuracy,
  };
}
