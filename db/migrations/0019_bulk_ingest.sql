-- Bulk ingest (docs/decisions/016-bulk-ingest.md). A foreign key checks every inserted row on its own (a query per
-- row and key, 5-8 us each; a trigger call even for a null key): the seven of them made a 100,000-row delivery spend about 4 s in checks alone. The references
-- of send_windows and send_window_revisions are now checked once per statement, over the distinct keys of the new
-- rows, with the same guarantees: the referenced row must exist and is locked (for key share) until commit, and a
-- referenced row can be neither deleted nor given another key.

-- After each statement on the referring table: every non-null key in new_rows exists in the referenced table.
-- Arguments: the referring column, the referenced table, the referenced column, and 'distinct' when the statement's
-- rows mostly have keys of their own (a revision's window): then they are joined as they are, as a hash join; the
-- few keys of most references (the Afnemer, the delivery, the user) are deduplicated first.
create function references_check() returns trigger language plpgsql as $$
declare
  keys text := case when tg_argv[3] = 'distinct'
    then format('(select %1$I as k from new_rows where %1$I is not null)', tg_argv[0])
    else format('(select distinct %1$I as k from new_rows where %1$I is not null)', tg_argv[0]) end;
  missing text;
begin
  -- Lock the referenced rows as a foreign key does, so none is deleted or rekeyed before this transaction ends; then
  -- look for keys without a row (a row deleted meanwhile is not locked, so it counts as missing). A row this
  -- transaction wrote itself is locked already (a bulk delivery's new windows: locking them again cost 1 s).
  execute format(
    'select 1 from %1$I p join %3$s n on p.%2$I = n.k where p.xmin <> pg_current_xact_id()::xid for key share of p',
    tg_argv[1], tg_argv[2], keys);
  execute format(
    'select n.k::text from %3$s n where not exists (select 1 from %1$I p where p.%2$I = n.k) limit 1',
    tg_argv[1], tg_argv[2], keys) into missing;
  if missing is not null then
    raise exception 'Verwijzing van %.% naar %.% bestaat niet: %', tg_table_name, tg_argv[0], tg_argv[1], tg_argv[2], missing
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end $$;

-- After each delete or key update on the referenced table: no row of the referring table points at a key that went.
-- Arguments: the referenced column, the referring table, the referring column.
create function references_restrict() returns trigger language plpgsql as $$
declare
  held text;
begin
  if tg_op = 'DELETE' then
    execute format(
      'select o.%1$I::text from old_rows o where exists (select 1 from %2$I c where c.%3$I = o.%1$I) limit 1',
      tg_argv[0], tg_argv[1], tg_argv[2]) into held;
  else
    execute format(
      'select o.%1$I::text from old_rows o
       where not exists (select 1 from new_rows n where n.%1$I = o.%1$I)
         and exists (select 1 from %2$I c where c.%3$I = o.%1$I) limit 1',
      tg_argv[0], tg_argv[1], tg_argv[2]) into held;
  end if;
  if held is not null then
    raise exception '%.% = % wordt nog gebruikt door %.%', tg_table_name, tg_argv[0], held, tg_argv[1], tg_argv[2]
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end $$;

alter table send_windows
  drop constraint send_windows_afnemer_oin_fkey,
  drop constraint send_windows_delivery_id_fkey,
  drop constraint send_windows_updated_by_fkey;
alter table send_window_revisions
  drop constraint send_window_revisions_window_id_fkey,
  drop constraint send_window_revisions_delivery_id_fkey,
  drop constraint send_window_revisions_changed_by_fkey,
  drop constraint send_window_revisions_plan_change_id_fkey;

create trigger send_windows_refs_insert after insert on send_windows referencing new table as new_rows
  for each statement execute function references_check('afnemer_oin', 'afnemers', 'oin');
create trigger send_windows_refs_update after update on send_windows referencing new table as new_rows
  for each statement execute function references_check('afnemer_oin', 'afnemers', 'oin');
create trigger send_windows_delivery_insert after insert on send_windows referencing new table as new_rows
  for each statement execute function references_check('delivery_id', 'deliveries', 'id');
create trigger send_windows_delivery_update after update on send_windows referencing new table as new_rows
  for each statement execute function references_check('delivery_id', 'deliveries', 'id');
create trigger send_windows_user_insert after insert on send_windows referencing new table as new_rows
  for each statement execute function references_check('updated_by', 'users', 'id');
create trigger send_windows_user_update after update on send_windows referencing new table as new_rows
  for each statement execute function references_check('updated_by', 'users', 'id');
create trigger send_window_revisions_window_insert after insert on send_window_revisions referencing new table as new_rows
  for each statement execute function references_check('window_id', 'send_windows', 'id', 'distinct');
create trigger send_window_revisions_delivery_insert after insert on send_window_revisions referencing new table as new_rows
  for each statement execute function references_check('delivery_id', 'deliveries', 'id');
create trigger send_window_revisions_user_insert after insert on send_window_revisions referencing new table as new_rows
  for each statement execute function references_check('changed_by', 'users', 'id');
create trigger send_window_revisions_plan_change_insert after insert on send_window_revisions referencing new table as new_rows
  for each statement execute function references_check('plan_change_id', 'plan_changes', 'id');

create trigger afnemers_refs_send_windows_delete after delete on afnemers referencing old table as old_rows
  for each statement execute function references_restrict('oin', 'send_windows', 'afnemer_oin');
create trigger afnemers_refs_send_windows_update after update on afnemers referencing old table as old_rows new table as new_rows
  for each statement execute function references_restrict('oin', 'send_windows', 'afnemer_oin');
create trigger deliveries_refs_send_windows_delete after delete on deliveries referencing old table as old_rows
  for each statement execute function references_restrict('id', 'send_windows', 'delivery_id');
create trigger deliveries_refs_send_windows_update after update on deliveries referencing old table as old_rows new table as new_rows
  for each statement execute function references_restrict('id', 'send_windows', 'delivery_id');
create trigger deliveries_refs_revisions_delete after delete on deliveries referencing old table as old_rows
  for each statement execute function references_restrict('id', 'send_window_revisions', 'delivery_id');
create trigger deliveries_refs_revisions_update after update on deliveries referencing old table as old_rows new table as new_rows
  for each statement execute function references_restrict('id', 'send_window_revisions', 'delivery_id');
create trigger users_refs_send_windows_delete after delete on users referencing old table as old_rows
  for each statement execute function references_restrict('id', 'send_windows', 'updated_by');
create trigger users_refs_send_windows_update after update on users referencing old table as old_rows new table as new_rows
  for each statement execute function references_restrict('id', 'send_windows', 'updated_by');
create trigger users_refs_revisions_delete after delete on users referencing old table as old_rows
  for each statement execute function references_restrict('id', 'send_window_revisions', 'changed_by');
create trigger users_refs_revisions_update after update on users referencing old table as old_rows new table as new_rows
  for each statement execute function references_restrict('id', 'send_window_revisions', 'changed_by');
create trigger plan_changes_refs_revisions_delete after delete on plan_changes referencing old table as old_rows
  for each statement execute function references_restrict('id', 'send_window_revisions', 'plan_change_id');
create trigger plan_changes_refs_revisions_update after update on plan_changes referencing old table as old_rows new table as new_rows
  for each statement execute function references_restrict('id', 'send_window_revisions', 'plan_change_id');
create trigger send_windows_refs_revisions_delete after delete on send_windows referencing old table as old_rows
  for each statement execute function references_restrict('id', 'send_window_revisions', 'window_id');
create trigger send_windows_refs_revisions_update after update on send_windows referencing old table as old_rows new table as new_rows
  for each statement execute function references_restrict('id', 'send_window_revisions', 'window_id');

-- The planning version a changing transaction claims (once; every changed window carries it). A bulk statement sets
-- changed_version to it itself, so the per-row trigger, now guarded by a WHEN condition, is not even called.
create function planning_version_claim() returns bigint language plpgsql as $$
declare
  claimed bigint := nullif(current_setting('cd.claimed_version', true), '')::bigint;
begin
  if claimed is null then
    update planning_state set version = version + 1 where id = 1 returning version into claimed;
    perform set_config('cd.claimed_version', claimed::text, true);
  end if;
  return claimed;
end $$;

create or replace function send_windows_number() returns trigger language plpgsql as $$
begin
  new.changed_version := planning_version_claim();
  return new;
end $$;

drop trigger send_windows_number on send_windows;
create trigger send_windows_number before insert or update on send_windows
  for each row when (new.changed_version is distinct from nullif(current_setting('cd.claimed_version', true), '')::bigint)
  execute function send_windows_number();
