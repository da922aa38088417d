-- A counter that every change to the planning inputs raises, in the changing transaction. Server instances
-- cache the inputs and reload them only when the counter has moved, so readers never see stale data.

create table planning_state (
  id      integer primary key default 1 check (id = 1),
  version bigint not null default 0
);
insert into planning_state (id, version) values (1, 0);

create function planning_version_bump() returns trigger language plpgsql as $$
begin
  update planning_state set version = version + 1 where id = 1;
  return null;
end $$;

create trigger send_windows_version after insert or update or delete or truncate on send_windows
  for each statement execute function planning_version_bump();
create trigger maintenance_windows_version after insert or update or delete or truncate on maintenance_windows
  for each statement execute function planning_version_bump();
create trigger capacity_profiles_version after insert or update or delete or truncate on capacity_profiles
  for each statement execute function planning_version_bump();
