-- A capacity profile holds from local midnight (Europe/Amsterdam) of its effective date until the next date that has
-- a profile; of several profiles for one date the last set wins, and the earliest also holds before its date.
-- Profiles stored before this migration take effect on the day they were set. A restored profile names its source.
alter table capacity_profiles add column effective_from date;
update capacity_profiles set effective_from = (set_at at time zone 'Europe/Amsterdam')::date;
alter table capacity_profiles alter column effective_from set not null;
alter table capacity_profiles add column restored_from bigint references capacity_profiles (id);
create index capacity_profiles_effective_idx on capacity_profiles (effective_from, id);

-- The trail of maintenance changes made through /maintenance-windows, each undoable for a short while:
-- the window before and after (null before a create, after a delete), who and when, and when it was undone.
create table maintenance_changes (
  id             bigserial primary key,
  maintenance_id bigint not null,
  action         text not null check (action in ('create', 'update', 'delete')),
  before         jsonb,
  after          jsonb,
  changed_by     bigint references users (id),
  changed_at     timestamptz not null,
  undone_by      bigint references users (id),
  undone_at      timestamptz,
  check ((action = 'create') = (before is null) and (action = 'delete') = (after is null))
);
create index maintenance_changes_window_idx on maintenance_changes (maintenance_id, id);
