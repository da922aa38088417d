-- Live changes say whom they concern, so a server passes the users of an Afnemer only what is theirs
-- (docs/decisions/006-planner-scope.md): {kind, afnemers} concerns those Afnemers (and Logius), {kind, users}
-- only those users, a bare {kind} everyone. A statement that changed no row tells nobody anything.
-- NOTIFY payloads stay under 8000 bytes: a long list goes out in parts.

create function change_notify(kind text, everyone boolean, afnemers text[], conflict_id bigint default null)
returns void language plpgsql as $$
declare
  part_size constant integer := 200;
  extra jsonb := case when conflict_id is null then '{}' else jsonb_build_object('conflictId', conflict_id) end;
  i integer := 1;
begin
  if everyone then
    perform pg_notify('cd_changes', (jsonb_build_object('kind', kind) || extra)::text);
    return;
  end if;
  afnemers := coalesce(afnemers, '{}');
  loop
    perform pg_notify('cd_changes',
      (jsonb_build_object('kind', kind, 'afnemers', to_jsonb(afnemers[i:i + part_size - 1])) || extra)::text);
    i := i + part_size;
    exit when i > cardinality(afnemers);
  end loop;
end $$;

-- tg_argv[0]: the kind; tg_argv[1]: an expression over a changed row `r` giving the Afnemers it concerns
-- (text[]; null: everyone, empty: Logius only). Set in the triggers below, never from input.
create function changes_notify_scoped() returns trigger language plpgsql as $$
declare
  source text := case tg_op
    when 'INSERT' then 'new_rows'
    when 'DELETE' then 'old_rows'
    else '(select * from new_rows union all select * from old_rows)' end;
  n bigint;
  everyone boolean;
  afnemers text[];
begin
  execute format(
    'select count(*), coalesce(bool_or(s.x is null), false), coalesce(array_agg(distinct a) filter (where a is not null), ''{}'')
       from (select %s as x from %s r) s left join lateral unnest(s.x) as a on true',
    tg_argv[1], source) into n, everyone, afnemers;
  if n > 0 then
    perform change_notify(tg_argv[0], everyone, afnemers);
  end if;
  return null;
end $$;

-- A notification concerns its addressee alone.
create function notifications_notify_scoped() returns trigger language plpgsql as $$
declare
  part_size constant integer := 500;
  users bigint[];
  i integer := 1;
begin
  select coalesce(array_agg(distinct user_id), '{}') into users from new_rows;
  while i <= cardinality(users) loop
    perform pg_notify('cd_changes', jsonb_build_object('kind', 'notifications', 'users', to_jsonb(users[i:i + part_size - 1]))::text);
    i := i + part_size;
  end loop;
  return null;
end $$;

-- A step of the procedure concerns the Afnemers in the conflict.
create or replace function conflict_event_notify() returns trigger language plpgsql as $$
begin
  perform change_notify('procedure', false, (select c.afnemers from conflicts c where c.id = new.conflict_id), new.conflict_id);
  return null;
end $$;

-- Transition tables allow one event per trigger: three triggers where there was one.
drop trigger send_windows_notify on send_windows;
create trigger send_windows_notify_insert after insert on send_windows referencing new table as new_rows
  for each statement execute function changes_notify_scoped('prognoses', 'array[r.afnemer_oin]');
create trigger send_windows_notify_update after update on send_windows referencing old table as old_rows new table as new_rows
  for each statement execute function changes_notify_scoped('prognoses', 'array[r.afnemer_oin]');
create trigger send_windows_notify_delete after delete on send_windows referencing old table as old_rows
  for each statement execute function changes_notify_scoped('prognoses', 'array[r.afnemer_oin]');

drop trigger conflicts_notify on conflicts;
create trigger conflicts_notify_insert after insert on conflicts referencing new table as new_rows
  for each statement execute function changes_notify_scoped('conflicts', 'r.afnemers');
create trigger conflicts_notify_update after update on conflicts referencing old table as old_rows new table as new_rows
  for each statement execute function changes_notify_scoped('conflicts', 'r.afnemers');
create trigger conflicts_notify_delete after delete on conflicts referencing old table as old_rows
  for each statement execute function changes_notify_scoped('conflicts', 'r.afnemers');

drop trigger notifications_notify on notifications;
create trigger notifications_notify_insert after insert on notifications referencing new table as new_rows
  for each statement execute function notifications_notify_scoped();
create trigger notifications_notify_update after update on notifications referencing old table as old_rows new table as new_rows
  for each statement execute function notifications_notify_scoped();

-- Incidents: the Afnemers involved and the reporter; a trail entry by an Afnemer is that Afnemer's alone (as
-- GET /incidents/{id} shows it); an escalation is its Afnemer's, or of the incident's Afnemers, or Logius' alone.
drop trigger incidents_notify on incidents;
create trigger incidents_notify_insert after insert on incidents referencing new table as new_rows
  for each statement execute function changes_notify_scoped('incidents', 'r.afnemers || array_remove(array[r.reported_by_afnemer], null)');
create trigger incidents_notify_update after update on incidents referencing old table as old_rows new table as new_rows
  for each statement execute function changes_notify_scoped('incidents', 'r.afnemers || array_remove(array[r.reported_by_afnemer], null)');
create trigger incidents_notify_delete after delete on incidents referencing old table as old_rows
  for each statement execute function changes_notify_scoped('incidents', 'r.afnemers || array_remove(array[r.reported_by_afnemer], null)');

drop trigger incident_events_notify on incident_events;
create trigger incident_events_notify_insert after insert on incident_events referencing new table as new_rows
  for each statement execute function changes_notify_scoped('incidents',
    'case when r.actor_afnemer is not null then array[r.actor_afnemer]
          else (select i.afnemers || array_remove(array[i.reported_by_afnemer], null) from incidents i where i.id = r.incident_id) end');

drop trigger escalations_notify on escalations;
create trigger escalations_notify_insert after insert on escalations referencing new table as new_rows
  for each statement execute function changes_notify_scoped('incidents',
    'case when r.afnemer_oin is not null then array[r.afnemer_oin]
          else coalesce((select i.afnemers from incidents i where i.id = r.incident_id), ''{}'') end');

drop trigger disruption_analyses_notify on disruption_analyses;
create trigger disruption_analyses_notify_insert after insert on disruption_analyses referencing new table as new_rows
  for each statement execute function changes_notify_scoped('incidents', 'array[r.afnemer_oin]');
create trigger disruption_analyses_notify_update after update on disruption_analyses referencing old table as old_rows new table as new_rows
  for each statement execute function changes_notify_scoped('incidents', 'array[r.afnemer_oin]');
create trigger disruption_analyses_notify_delete after delete on disruption_analyses referencing old table as old_rows
  for each statement execute function changes_notify_scoped('incidents', 'array[r.afnemer_oin]');

-- Logius' own contacts (no Afnemer) are everyone's.
drop trigger contacts_notify on contacts;
create trigger contacts_notify_insert after insert on contacts referencing new table as new_rows
  for each statement execute function changes_notify_scoped('contacts', 'case when r.afnemer_oin is null then null else array[r.afnemer_oin] end');
create trigger contacts_notify_update after update on contacts referencing old table as old_rows new table as new_rows
  for each statement execute function changes_notify_scoped('contacts', 'case when r.afnemer_oin is null then null else array[r.afnemer_oin] end');
create trigger contacts_notify_delete after delete on contacts referencing old table as old_rows
  for each statement execute function changes_notify_scoped('contacts', 'case when r.afnemer_oin is null then null else array[r.afnemer_oin] end');

drop trigger rfcs_notify on rfcs;
create trigger rfcs_notify_insert after insert on rfcs referencing new table as new_rows
  for each statement execute function changes_notify_scoped('changes', 'array[r.afnemer_oin]');
create trigger rfcs_notify_update after update on rfcs referencing old table as old_rows new table as new_rows
  for each statement execute function changes_notify_scoped('changes', 'array[r.afnemer_oin]');
create trigger rfcs_notify_delete after delete on rfcs referencing old table as old_rows
  for each statement execute function changes_notify_scoped('changes', 'array[r.afnemer_oin]');

drop trigger service_requests_notify on service_requests;
create trigger service_requests_notify_insert after insert on service_requests referencing new table as new_rows
  for each statement execute function changes_notify_scoped('changes', 'array[r.afnemer_oin]');
create trigger service_requests_notify_update after update on service_requests referencing old table as old_rows new table as new_rows
  for each statement execute function changes_notify_scoped('changes', 'array[r.afnemer_oin]');
create trigger service_requests_notify_delete after delete on service_requests referencing old table as old_rows
  for each statement execute function changes_notify_scoped('changes', 'array[r.afnemer_oin]');
