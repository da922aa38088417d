-- Issue 17, the seed's remaining rules: administrator settings over the defaults in shared (with their history),
-- subscriptions to disruption information and maintenance notices (DAP §5.2) with the notices sent or deliberately
-- withheld, and each Afnemer's own usage targets per quarter (Bijlage 2).

-- A key without a row has its default from shared (settingsDefaults); a row is the administrator's override.
create table settings (
  key        text primary key check (key in ('calamityThreshold', 'usageThresholds', 'standardChanges', 'serviceRequestTypes')),
  value      jsonb not null,
  updated_by bigint not null references users (id),
  updated_at timestamptz not null
);

create table setting_changes (
  id         bigserial primary key,
  key        text not null check (key in ('calamityThreshold', 'usageThresholds', 'standardChanges', 'serviceRequestTypes')),
  old_value  jsonb not null,
  new_value  jsonb not null,
  reason     text not null default '',
  changed_by bigint not null references users (id),
  changed_at timestamptz not null
);
create index setting_changes_key_idx on setting_changes (key, changed_at desc);
create trigger setting_changes_append_only before update or delete on setting_changes
  for each row execute function trail_append_only('De geschiedenis van de instellingen');

create table notice_subscriptions (
  user_id    bigint not null references users (id) on delete cascade,
  kind       text not null check (kind in ('storing', 'onderhoud')),
  created_at timestamptz not null,
  primary key (user_id, kind)
);
create index notice_subscriptions_kind_idx on notice_subscriptions (kind, user_id);

-- Every notice, sent or deliberately withheld ("bewust niet gecommuniceerd", §5.2) with the reason: a trail.
create table notices (
  id              bigserial primary key,
  kind            text not null check (kind in ('storing', 'onderhoud')),
  source          text not null check (source in ('onderhoud', 'release', 'handmatig')),
  title           text not null,
  body            text not null,
  created_by      bigint references users (id),
  created_at      timestamptz not null,
  withheld        boolean not null default false,
  withheld_reason text,
  recipients      integer not null default 0 check (recipients >= 0),
  constraint notices_withheld_reason check (withheld = (withheld_reason is not null)),
  constraint notices_withheld_unsent check (not withheld or recipients = 0)
);
create index notices_created_idx on notices (created_at desc, id desc);
create trigger notices_append_only before update or delete on notices
  for each row execute function trail_append_only('Het spoor van storings- en onderhoudsberichten');

create table usage_targets (
  afnemer_oin     text not null references afnemers (oin),
  year            integer not null check (year between 2000 and 2100),
  quarter         integer not null check (quarter between 1 and 4),
  quarter_target  bigint check (quarter_target >= 0),
  year_target     bigint check (year_target >= 0),
  activities      jsonb not null default '[]' check (jsonb_typeof(activities) = 'array'),
  expected_growth text check (expected_growth in ('groot', 'middel', 'laag')),
  note            text not null default '',
  updated_by      bigint not null references users (id),
  updated_at      timestamptz not null,
  primary key (afnemer_oin, year, quarter)
);
