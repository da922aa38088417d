-- A counter that every change of the actuals raises, in the changing transaction, as planning_state and
-- conflicts_state do for theirs. GET /load keeps the actuals it read and prepared per value of it. The latest receipt
-- time served before, but it need not move: two uploads stamped with the same instant (a pinned clock), or an upload
-- through an instance whose clock is behind another's, leave max(received_at) where it was.
create table actuals_state (
  id      integer primary key default 1 check (id = 1),
  version bigint not null default 0
);
insert into actuals_state (id, version) values (1, 0);

create function actuals_version_bump() returns trigger language plpgsql as $$
begin
  update actuals_state set version = version + 1 where id = 1;
  return null;
end $$;

create trigger actuals_version after insert or update or delete or truncate on actuals
  for each statement execute function actuals_version_bump();
