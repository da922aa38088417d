-- Security incidents (section 6.2): their own kind, apart from ordinary incidents. Visible to Logius' security
-- officer and the reporting Afnemer only. Every action, escalation included, is an append-only event.

-- The security officer (CISO) is a Logius role. As in 0005, the existing list is read from the constraint itself,
-- so roles added by another migration are kept.
do $$
declare
  roles text[];
  prefixes text[];
begin
  select array_agg(distinct m[1]) into roles
  from pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z-]+)''', 'g') as m
  where c.conname = 'users_role_check' and c.conrelid = 'users'::regclass;
  if not 'security-officer' = any (roles) then roles := array_append(roles, 'security-officer'); end if;
  alter table users drop constraint if exists users_role_check;
  execute format('alter table users add constraint users_role_check check (role = any (%L::text[]))', roles);

  -- References SEC-2027-000001 count on their own, so incident numbers reveal nothing about security incidents.
  select array_agg(distinct m[1]) into prefixes
  from pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([A-Z]+)''', 'g') as m
  where c.conname = 'reference_counters_prefix_check' and c.conrelid = 'reference_counters'::regclass;
  if not 'SEC' = any (prefixes) then prefixes := array_append(prefixes, 'SEC'); end if;
  alter table reference_counters drop constraint if exists reference_counters_prefix_check;
  execute format('alter table reference_counters add constraint reference_counters_prefix_check check (prefix = any (%L::text[]))', prefixes);
end $$;

create table security_incidents (
  id             bigserial primary key,
  reference      text not null unique check (reference ~ '^SEC-[0-9]{4}-[0-9]{6,}$'),
  -- The reporting Afnemer; null when Logius itself reported an incident at Logius.
  afnemer_oin    text references afnemers (oin),
  reported_by    bigint not null references users (id),
  reported_at    timestamptz not null,
  discovered_at  timestamptz,
  title          text not null check (length(title) between 1 and 200),
  description    text not null check (length(description) between 1 and 10000),
  severity       text not null check (severity in ('laag', 'middel', 'hoog', 'kritiek')),
  status         text not null default 'gemeld' check (status in ('gemeld', 'in-behandeling', 'afgesloten')),
  -- 0 = the direct parties consult; 1..5 the general ladder of section 7.3 (shared/security-incidents/escalation.ts).
  level          integer not null default 0 check (level between 0 and 5),
  closed_at      timestamptz,
  check ((status = 'afgesloten') = (closed_at is not null))
);
create index security_incidents_afnemer_idx on security_incidents (afnemer_oin, reported_at desc);
create index security_incidents_reported_idx on security_incidents (reported_at);

create table security_incident_events (
  id                   bigserial primary key,
  security_incident_id bigint not null references security_incidents (id),
  at                   timestamptz not null,
  actor_user_id        bigint references users (id),
  actor_email          text,
  actor_role           text,
  actor_afnemer        text,
  action               text not null,
  payload              jsonb not null default '{}'
);
create index security_incident_events_incident_idx on security_incident_events (security_incident_id, id);
create trigger security_incident_events_append_only before update or delete on security_incident_events
  for each row execute function trail_append_only('Het audittrail van beveiligingsincidenten');
