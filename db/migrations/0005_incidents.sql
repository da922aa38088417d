-- Incidents and calamities (section 5), escalations (section 7), verstoringsanalyses (Bijlage 2), fraud reports
-- (section 6.3) and contacts (Bijlage 1). Every action on an incident or fraud report is an append-only event.

-- The Fraudeteam is a Logius role. The existing list is read from the constraint itself, so roles added by a
-- later migration that happened to run first are kept.
do $$
declare
  roles text[];
begin
  select array_agg(distinct m[1]) into roles
  from pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z-]+)''', 'g') as m
  where c.conname = 'users_role_check' and c.conrelid = 'users'::regclass;
  if roles is null then
    roles := array['planner', 'klantraad-manager', 'capacity-manager', 'service-manager', 'incident-manager', 'calamity-manager', 'admin'];
  end if;
  if not 'fraudeteam' = any (roles) then roles := array_append(roles, 'fraudeteam'); end if;
  alter table users drop constraint if exists users_role_check;
  execute format('alter table users add constraint users_role_check check (role = any (%L::text[]))', roles);
end $$;

-- Response and resolution times per priority as the SNO sets them. These rows are the product's defaults
-- (is_default); PUT /api/v1/incident-priorities replaces them.
create table incident_priority_settings (
  priority          text primary key check (priority in ('P1', 'P2', 'P3', 'P4')),
  response_amount   integer not null check (response_amount >= 0),
  response_unit     text not null check (response_unit in ('minutes', 'working-days')),
  resolution_amount integer not null check (resolution_amount >= 0),
  resolution_unit   text not null check (resolution_unit in ('minutes', 'working-days')),
  is_default        boolean not null default true,
  updated_by        bigint references users (id),
  updated_at        timestamptz not null default now()
);
insert into incident_priority_settings (priority, response_amount, response_unit, resolution_amount, resolution_unit) values
  ('P1', 15, 'minutes', 240, 'minutes'),
  ('P2', 60, 'minutes', 480, 'minutes'),
  ('P3', 240, 'minutes', 3, 'working-days'),
  ('P4', 1, 'working-days', 10, 'working-days');

-- Year sequences for references (INC-2027-000123, FRD-2027-000001); fraud has its own so incident numbers
-- reveal nothing about fraud reports.
create table reference_counters (
  prefix text not null check (prefix in ('INC', 'FRD')),
  year   integer not null,
  last   integer not null,
  primary key (prefix, year)
);

create table incidents (
  id                  bigserial primary key,
  number              text not null unique check (number ~ '^INC-[0-9]{4}-[0-9]{6,}$'),
  kind                text not null check (kind in ('mijnoverheid', 'afnemer-systeem')),
  title               text not null check (length(title) between 1 and 200),
  description         text not null default '',
  channel             text not null check (channel in ('telefoon', 'e-mail', 'app')),
  priority            text not null check (priority in ('P1', 'P2', 'P3', 'P4')),
  ever_p1             boolean not null default false,
  status              text not null default 'gemeld' check (status in ('gemeld', 'in-behandeling', 'opgelost', 'gesloten')),
  afnemers            text[] not null check (cardinality(afnemers) > 0),
  reported_by         bigint references users (id),
  reported_by_afnemer text references afnemers (oin),
  reported_at         timestamptz not null,
  response_due_at     timestamptz not null,
  resolution_due_at   timestamptz not null,
  responded_at        timestamptz,
  resolved_at         timestamptz,
  closed_at           timestamptz,
  closing_report      text,
  calamity_reason     text check (calamity_reason in ('p1-dreigt', 'p1-overschreden', 'imago', 'dienstverlening', 'calamiteitenmanager')),
  calamity_at         timestamptz,
  calamity_by         bigint references users (id),
  crisis_at           timestamptz,
  crisis_note         text,
  updated_at          timestamptz not null default now(),
  check ((status = 'gesloten') = (closed_at is not null)),
  check (closed_at is null or closing_report is not null),
  check ((calamity_at is null) = (calamity_reason is null)),
  check (crisis_at is null or calamity_at is not null),
  check (kind <> 'afnemer-systeem' or reported_by_afnemer is not null)
);
create index incidents_reported_idx on incidents (reported_at desc);
create index incidents_open_idx on incidents (priority, reported_at) where status <> 'gesloten';
create index incidents_afnemers_idx on incidents using gin (afnemers);

create table incident_events (
  id            bigserial primary key,
  incident_id   bigint not null references incidents (id),
  at            timestamptz not null default now(),
  actor_user_id bigint references users (id),
  actor_email   text,
  actor_role    text,
  actor_afnemer text,
  action        text not null,
  payload       jsonb not null default '{}'
);
create index incident_events_incident_idx on incident_events (incident_id, id);

-- A capacity drop caused by an incident is a maintenance window of kind 'incident' that points at it.
alter table maintenance_windows add column incident_id bigint references incidents (id);
alter table maintenance_windows add constraint maintenance_windows_incident_kind check (incident_id is null or kind = 'incident');
create index maintenance_windows_incident_idx on maintenance_windows (incident_id) where incident_id is not null;

create table escalations (
  id            bigserial primary key,
  ladder        text not null check (ladder in ('incident', 'algemeen')),
  level         integer not null check (level >= 1),
  title         text not null,
  reason        text not null check (length(reason) between 1 and 2000),
  incident_id   bigint references incidents (id),
  afnemer_oin   text references afnemers (oin),
  -- The escalation this one takes a level higher; null at level 1. Each is followed at most once.
  follows_id    bigint unique references escalations (id),
  actor_user_id bigint not null references users (id),
  actor_email   text not null,
  actor_role    text not null,
  at            timestamptz not null,
  check (ladder <> 'incident' or incident_id is not null),
  check ((level = 1) = (follows_id is null))
);
create index escalations_incident_idx on escalations (incident_id, ladder, level);
create index escalations_afnemer_idx on escalations (afnemer_oin, at desc);
-- One escalation per level of a case: two people pressing at once cannot both reach level 2.
create unique index escalations_incident_level_unique on escalations (incident_id, ladder, level) where incident_id is not null;

create table contacts (
  id          bigserial primary key,
  afnemer_oin text references afnemers (oin),
  role        text not null check (role in ('servicecentrum', 'fraudeteam', 'ketenbeheer', 'servicemanager', 'capaciteitsmanager',
                'incidentmanager', 'calamiteitenmanager', 'teamleider', 'afdelingshoofd', 'directeur', 'contactpersoon')),
  name        text not null check (length(name) between 1 and 200),
  email       text not null default '',
  phone       text not null default '',
  updated_by  bigint references users (id),
  updated_at  timestamptz not null default now()
);
create index contacts_afnemer_idx on contacts (afnemer_oin, role);

create table disruption_analyses (
  id                    bigserial primary key,
  incident_id           bigint not null references incidents (id),
  afnemer_oin           text not null references afnemers (oin),
  requested_by          text not null check (requested_by in ('afnemer', 'logius')),
  requested_by_user     bigint references users (id),
  requested_at          timestamptz not null,
  description           text not null,
  disruption_date       date not null,
  desired_delivery_date date,
  contact_name          text not null,
  contact_email         text not null,
  contact_phone         text not null default '',
  questions             text not null default '',
  analysis              jsonb,
  delivered_by          bigint references users (id),
  delivered_at          timestamptz,
  check ((analysis is null) = (delivered_at is null))
);
create index disruption_analyses_incident_idx on disruption_analyses (incident_id);

-- Fraud reports are the Fraudeteam's alone: own tables, own trail, and no change notification to the live
-- dashboard (which every signed-in user receives).
create table fraud_reports (
  id           bigserial primary key,
  reference    text not null unique check (reference ~ '^FRD-[0-9]{4}-[0-9]{6,}$'),
  afnemer_oin  text not null references afnemers (oin),
  reported_by  bigint not null references users (id),
  reported_at  timestamptz not null,
  channel      text not null check (channel in ('telefoon', 'e-mail', 'app')),
  high_priority boolean not null default false,
  observed_at  timestamptz,
  description  text not null,
  status       text not null default 'ontvangen' check (status in ('ontvangen', 'in-onderzoek', 'afgesloten'))
);
create index fraud_reports_reporter_idx on fraud_reports (reported_by);

create table fraud_report_events (
  id              bigserial primary key,
  fraud_report_id bigint not null references fraud_reports (id),
  at              timestamptz not null,
  actor_user_id   bigint references users (id),
  actor_email     text,
  actor_role      text,
  actor_afnemer   text,
  action          text not null,
  payload         jsonb not null default '{}'
);
create index fraud_report_events_report_idx on fraud_report_events (fraud_report_id, id);

create function incidents_trail_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'Het audittrail (%) is alleen aan te vullen: % is niet toegestaan', tg_table_name, tg_op
    using errcode = 'insufficient_privilege';
end $$;

create trigger incident_events_append_only before update or delete on incident_events
  for each row execute function incidents_trail_refuse_change();
create trigger escalations_append_only before update or delete on escalations
  for each row execute function incidents_trail_refuse_change();
create trigger fraud_report_events_append_only before update or delete on fraud_report_events
  for each row execute function incidents_trail_refuse_change();

create trigger incidents_notify after insert or update or delete on incidents
  for each statement execute function changes_notify('incidents');
create trigger incident_events_notify after insert on incident_events
  for each statement execute function changes_notify('incidents');
create trigger escalations_notify after insert on escalations
  for each statement execute function changes_notify('incidents');
create trigger disruption_analyses_notify after insert or update or delete on disruption_analyses
  for each statement execute function changes_notify('incidents');
create trigger contacts_notify after insert or update or delete on contacts
  for each statement execute function changes_notify('contacts');
create trigger incident_priority_settings_notify after insert or update or delete on incident_priority_settings
  for each statement execute function changes_notify('incidents');
