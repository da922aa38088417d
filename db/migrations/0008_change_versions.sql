-- Incremental reloads of the planning cache: every send window carries a planning version its transaction claimed,
-- so an instance holding version V reloads only the windows changed after V.
--
-- A transaction claims a version once, at its first changed window, by raising the planning version; the row lock
-- this takes on planning_state is held until it commits, so a later writer waits and claims a higher one. Every
-- window the transaction changes carries the claimed version (kept in a transaction-local setting, so the rows
-- after the first cost nothing). Nobody sees version V before the transaction that claimed it commits, so a
-- reader whose snapshot shows version V sees every window with changed_version <= V.
alter table send_windows add column changed_version bigint not null default 0;
create index send_windows_changed_version_idx on send_windows (changed_version);

-- A deleted window leaves nothing to reload: deletes and truncates mark the version from which a full reload is due.
alter table planning_state add column reset_version bigint not null default 0;

create function send_windows_number() returns trigger language plpgsql as $$
declare
  claimed bigint := nullif(current_setting('cd.claimed_version', true), '')::bigint;
begin
  if claimed is null then
    update planning_state set version = version + 1 where id = 1 returning version into claimed;
    perform set_config('cd.claimed_version', claimed::text, true);
  end if;
  new.changed_version := claimed;
  return new;
end $$;

create trigger send_windows_number before insert or update on send_windows
  for each row execute function send_windows_number();

create or replace function planning_version_bump() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'send_windows' and tg_op in ('DELETE', 'TRUNCATE') then
    update planning_state set version = version + 1, reset_version = version + 1 where id = 1;
  else
    update planning_state set version = version + 1 where id = 1;
  end if;
  return null;
end $$;

-- A counter raised by every change to conflicts, so server instances can reuse a conflict list until it moves.
-- A row of its own: a recompute holds the recompute lock before it writes conflicts, and an upload holds the
-- planning state row before it takes the recompute lock; sharing that row would let the two wait for each other.
create table conflicts_state (
  id      integer primary key default 1 check (id = 1),
  version bigint not null default 0
);
insert into conflicts_state (id, version) values (1, 0);

create function conflicts_version_bump() returns trigger language plpgsql as $$
begin
  update conflicts_state set version = version + 1 where id = 1;
  return null;
end $$;

create trigger conflicts_version after insert or update or delete or truncate on conflicts
  for each statement execute function conflicts_version_bump();
