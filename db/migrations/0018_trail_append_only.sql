-- One append-only trigger function for every trail table. The trigger names its trail as argument (the message
-- stays as it was); each trigger keeps the operations it refused before. The per-migration functions go.
create function trail_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is alleen aan te vullen: % is niet toegestaan', coalesce(tg_argv[0], 'Het audittrail (' || tg_table_name || ')'), tg_op
    using errcode = 'insufficient_privilege';
end $$;

drop trigger conflict_events_append_only on conflict_events;
create trigger conflict_events_append_only before update or delete on conflict_events
  for each row execute function trail_append_only('Het audittrail van conflicten');

drop trigger incident_events_append_only on incident_events;
create trigger incident_events_append_only before update or delete on incident_events
  for each row execute function trail_append_only();
drop trigger escalations_append_only on escalations;
create trigger escalations_append_only before update or delete on escalations
  for each row execute function trail_append_only();
drop trigger fraud_report_events_append_only on fraud_report_events;
create trigger fraud_report_events_append_only before update or delete on fraud_report_events
  for each row execute function trail_append_only();

drop trigger rfc_events_append_only on rfc_events;
create trigger rfc_events_append_only before update or delete on rfc_events
  for each row execute function trail_append_only('Het audittrail van RFC''s');

drop trigger send_window_revisions_append_only on send_window_revisions;
create trigger send_window_revisions_append_only before update on send_window_revisions
  for each row execute function trail_append_only('De geschiedenis van verzendmomenten');

drop function conflict_events_refuse_change();
drop function incidents_trail_refuse_change();
drop function rfc_events_refuse_change();
drop function send_window_revisions_refuse_update();
