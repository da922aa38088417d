-- Section 5.3 step 2: the Servicecentrum prioritises an incident. An Afnemer that reports one proposes a priority;
-- the proposal is kept apart from the priority Logius sets. Until Logius sets it (prioritised_at), the SNO clock runs
-- provisionally on the proposal. Incidents from before this migration count as prioritised when they were reported.
alter table incidents add column proposed_priority text check (proposed_priority in ('P1', 'P2', 'P3', 'P4'));
alter table incidents add column prioritised_at timestamptz;
alter table incidents add column prioritised_by bigint references users (id);
update incidents set prioritised_at = reported_at;
-- An incident stored without a proposal is prioritised as it is reported (so every writer, also a bulk import, keeps
-- the rule that only a proposal waits for the Servicecentrum).
create function incidents_prioritised_default() returns trigger language plpgsql as $$
begin
  if new.proposed_priority is null and new.prioritised_at is null then
    new.prioritised_at := new.reported_at;
  end if;
  return new;
end $$;
create trigger incidents_prioritised_default before insert on incidents
  for each row execute function incidents_prioritised_default();

-- Section 5.2: the stand-by managers of Logius and the Afnemer may agree a deviating resolution time
-- ("afwijkende oplostijd") for one incident; resolution_due_at then holds the agreed instant, with who, when and why.
alter table incidents add column resolution_agreed_at timestamptz;
alter table incidents add column resolution_agreed_by bigint references users (id);
alter table incidents add column resolution_agreed_reason text check (length(resolution_agreed_reason) between 1 and 2000);
alter table incidents add column resolution_agreed_with text check (length(resolution_agreed_with) between 1 and 200);
alter table incidents add constraint incidents_resolution_agreed_complete check (
  (resolution_agreed_at is null) = (resolution_agreed_reason is null) and (resolution_agreed_at is null) = (resolution_agreed_with is null));

-- Section 2.1: Logius files RFCs too, for itself (no Afnemer) or for an Afnemer. Section 7.3: an RFC is a
-- technical or a functional change, each with its own escalation ladder; existing RFCs count as technical.
alter table rfcs alter column afnemer_oin drop not null;
alter table rfcs add column change_type text not null default 'technisch' check (change_type in ('technisch', 'functioneel'));

-- Section 5.2: the incident manager may propose a calamity (on any of its grounds); the calamity manager confirms it.
alter table incidents add column calamity_proposed_at timestamptz;
alter table incidents add column calamity_proposed_by bigint references users (id);
alter table incidents add column calamity_proposed_reason text
  check (calamity_proposed_reason in ('p1-dreigt', 'p1-overschreden', 'imago', 'dienstverlening', 'calamiteitenmanager'));
alter table incidents add constraint incidents_calamity_proposal_complete check ((calamity_proposed_at is null) = (calamity_proposed_reason is null));
