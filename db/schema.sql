-- Het schema zoals de migraties het nu opleveren: gegenereerd met `pnpm db:schema`, niet met de hand bewerken.
-- Wijzigen gaat met een nieuwe migratie in db/migrations/; de test tests/schema-snapshot.test.ts vergelijkt dit bestand.

create table actuals (
  afnemer_oin text not null,
  hour timestamp with time zone not null,
  count bigint not null,
  received_at timestamp with time zone not null,
  received_by bigint not null,
  constraint actuals_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint actuals_afnemer_oin_hour_key UNIQUE (afnemer_oin, hour),
  constraint actuals_count_check CHECK ((count >= 0)),
  constraint actuals_hour_check CHECK ((((EXTRACT(epoch FROM hour))::bigint % (3600)::bigint) = 0)),
  constraint actuals_received_by_fkey FOREIGN KEY (received_by) REFERENCES users(id)
);
CREATE INDEX actuals_hour_idx ON public.actuals USING btree (hour);
CREATE INDEX actuals_received_at_idx ON public.actuals USING btree (received_at);
CREATE TRIGGER actuals_version AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.actuals FOR EACH STATEMENT EXECUTE FUNCTION actuals_version_bump();

create table actuals_state (
  id integer default 1 not null,
  version bigint default 0 not null,
  constraint actuals_state_id_check CHECK ((id = 1)),
  constraint actuals_state_pkey PRIMARY KEY (id)
);

create table afnemers (
  oin text not null,
  name text not null,
  created_at timestamp with time zone default now() not null,
  constraint afnemers_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
  constraint afnemers_oin_check CHECK ((oin ~ '^[0-9]{20}$'::text)),
  constraint afnemers_pkey PRIMARY KEY (oin)
);
CREATE TRIGGER afnemers_refs_send_windows_delete AFTER DELETE ON public.afnemers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('oin', 'send_windows', 'afnemer_oin');
CREATE TRIGGER afnemers_refs_send_windows_update AFTER UPDATE ON public.afnemers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('oin', 'send_windows', 'afnemer_oin');

create table api_tokens (
  id bigint default nextval('api_tokens_id_seq'::regclass) not null,
  user_id bigint not null,
  token_hash text not null,
  created_at timestamp with time zone default now() not null,
  last_used_at timestamp with time zone,
  revoked_at timestamp with time zone,
  label text default ''::text not null,
  expires_at timestamp with time zone not null,
  revoked_by bigint,
  constraint api_tokens_label_check CHECK ((length(label) <= 100)),
  constraint api_tokens_pkey PRIMARY KEY (id),
  constraint api_tokens_revoked_by_fkey FOREIGN KEY (revoked_by) REFERENCES users(id) ON DELETE SET NULL,
  constraint api_tokens_token_hash_key UNIQUE (token_hash),
  constraint api_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);
CREATE INDEX api_tokens_user_idx ON public.api_tokens USING btree (user_id, id DESC);

create table calendar_feeds (
  id bigint default nextval('calendar_feeds_id_seq'::regclass) not null,
  user_id bigint not null,
  token_hash text not null,
  created_at timestamp with time zone not null,
  revoked_at timestamp with time zone,
  last_used_at timestamp with time zone,
  constraint calendar_feeds_pkey PRIMARY KEY (id),
  constraint calendar_feeds_token_hash_key UNIQUE (token_hash),
  constraint calendar_feeds_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX calendar_feeds_active_idx ON public.calendar_feeds USING btree (user_id) WHERE (revoked_at IS NULL);

create table capacity_profiles (
  id bigint default nextval('capacity_profiles_id_seq'::regclass) not null,
  rates_per_hour double precision[] not null,
  threshold double precision default 1.0 not null,
  warning_level double precision default 0.8 not null,
  set_by bigint,
  set_at timestamp with time zone default now() not null,
  effective_from date not null,
  restored_from bigint,
  constraint capacity_profiles_check CHECK ((warning_level <= threshold)),
  constraint capacity_profiles_pkey PRIMARY KEY (id),
  constraint capacity_profiles_rates_per_hour_check CHECK (((array_length(rates_per_hour, 1) = 168) AND ((0)::double precision <= ALL (rates_per_hour)))),
  constraint capacity_profiles_restored_from_fkey FOREIGN KEY (restored_from) REFERENCES capacity_profiles(id),
  constraint capacity_profiles_set_by_fkey FOREIGN KEY (set_by) REFERENCES users(id),
  constraint capacity_profiles_threshold_check CHECK ((threshold > (0)::double precision)),
  constraint capacity_profiles_warning_level_check CHECK ((warning_level > (0)::double precision))
);
CREATE INDEX capacity_profiles_effective_idx ON public.capacity_profiles USING btree (effective_from, id);
CREATE TRIGGER capacity_profiles_notify AFTER INSERT OR DELETE OR UPDATE ON public.capacity_profiles FOR EACH STATEMENT EXECUTE FUNCTION changes_notify('capacity');
CREATE TRIGGER capacity_profiles_version AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.capacity_profiles FOR EACH STATEMENT EXECUTE FUNCTION planning_version_bump();

create table conflict_cases (
  conflict_id bigint not null,
  step text not null,
  state jsonb not null,
  deadline timestamp with time zone,
  updated_at timestamp with time zone default now() not null,
  overdue_notice_for timestamp with time zone,
  constraint conflict_cases_conflict_id_fkey FOREIGN KEY (conflict_id) REFERENCES conflicts(id),
  constraint conflict_cases_pkey PRIMARY KEY (conflict_id)
);
CREATE INDEX conflict_cases_step_idx ON public.conflict_cases USING btree (step, deadline);

create table conflict_events (
  id bigint default nextval('conflict_events_id_seq'::regclass) not null,
  conflict_id bigint not null,
  at timestamp with time zone default now() not null,
  actor_user_id bigint,
  actor_email text,
  actor_role text,
  actor_afnemer text,
  action text not null,
  from_step text,
  to_step text not null,
  payload jsonb default '{}'::jsonb not null,
  constraint conflict_events_actor_user_id_fkey FOREIGN KEY (actor_user_id) REFERENCES users(id),
  constraint conflict_events_conflict_id_fkey FOREIGN KEY (conflict_id) REFERENCES conflicts(id),
  constraint conflict_events_pkey PRIMARY KEY (id)
);
CREATE INDEX conflict_events_conflict_idx ON public.conflict_events USING btree (conflict_id, id);
CREATE TRIGGER conflict_events_append_only BEFORE DELETE OR UPDATE ON public.conflict_events FOR EACH ROW EXECUTE FUNCTION trail_append_only('Het audittrail van conflicten');
CREATE TRIGGER conflict_events_notify AFTER INSERT ON public.conflict_events FOR EACH ROW EXECUTE FUNCTION conflict_event_notify();

create table conflicts (
  id bigint default nextval('conflicts_id_seq'::regclass) not null,
  status text default 'open'::text not null,
  start_at timestamp with time zone not null,
  end_at timestamp with time zone not null,
  afnemers text[] not null,
  windows jsonb not null,
  window_ids bigint[] not null,
  peak_utilization double precision,
  excess_messages double precision not null,
  peak_backlog double precision not null,
  drained_at timestamp with time zone,
  delay_ms double precision,
  detected_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  resolved_at timestamp with time zone,
  resolved_reason text,
  constraint conflicts_check CHECK (((status = 'resolved'::text) = (resolved_at IS NOT NULL))),
  constraint conflicts_pkey PRIMARY KEY (id),
  constraint conflicts_status_check CHECK ((status = ANY (ARRAY['open'::text, 'resolved'::text])))
);
CREATE INDEX conflicts_afnemers_idx ON public.conflicts USING gin (afnemers);
CREATE INDEX conflicts_open_time_idx ON public.conflicts USING btree (start_at, end_at) WHERE (status = 'open'::text);
CREATE INDEX conflicts_time_idx ON public.conflicts USING btree (start_at);
CREATE TRIGGER conflicts_notify_delete AFTER DELETE ON public.conflicts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('conflicts', 'r.afnemers');
CREATE TRIGGER conflicts_notify_insert AFTER INSERT ON public.conflicts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('conflicts', 'r.afnemers');
CREATE TRIGGER conflicts_notify_update AFTER UPDATE ON public.conflicts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('conflicts', 'r.afnemers');
CREATE TRIGGER conflicts_version AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.conflicts FOR EACH STATEMENT EXECUTE FUNCTION conflicts_version_bump();

create table conflicts_state (
  id integer default 1 not null,
  version bigint default 0 not null,
  constraint conflicts_state_id_check CHECK ((id = 1)),
  constraint conflicts_state_pkey PRIMARY KEY (id)
);

create table contacts (
  id bigint default nextval('contacts_id_seq'::regclass) not null,
  afnemer_oin text,
  role text not null,
  name text not null,
  email text default ''::text not null,
  phone text default ''::text not null,
  updated_by bigint,
  updated_at timestamp with time zone default now() not null,
  constraint contacts_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint contacts_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
  constraint contacts_pkey PRIMARY KEY (id),
  constraint contacts_role_check CHECK ((role = ANY ('{afdelingshoofd,calamiteitenmanager,capaciteitsmanager,contactpersoon,directeur,fraudeteam,incidentmanager,ketenbeheer,klantraad,planning,servicecentrum,servicemanager,teamleider}'::text[]))),
  constraint contacts_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users(id)
);
CREATE INDEX contacts_afnemer_idx ON public.contacts USING btree (afnemer_oin, role);
CREATE TRIGGER contacts_notify_delete AFTER DELETE ON public.contacts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('contacts', 'case when r.afnemer_oin is null then null else array[r.afnemer_oin] end');
CREATE TRIGGER contacts_notify_insert AFTER INSERT ON public.contacts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('contacts', 'case when r.afnemer_oin is null then null else array[r.afnemer_oin] end');
CREATE TRIGGER contacts_notify_update AFTER UPDATE ON public.contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('contacts', 'case when r.afnemer_oin is null then null else array[r.afnemer_oin] end');

create table deliveries (
  id bigint default nextval('deliveries_id_seq'::regclass) not null,
  afnemer_oin text not null,
  uploaded_by bigint not null,
  uploaded_at timestamp with time zone default now() not null,
  file_name text,
  content_type text not null,
  row_count integer not null,
  created integer not null,
  updated integer not null,
  unchanged integer not null,
  constraint deliveries_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint deliveries_pkey PRIMARY KEY (id),
  constraint deliveries_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users(id)
);
CREATE INDEX deliveries_afnemer_idx ON public.deliveries USING btree (afnemer_oin, uploaded_at DESC);
CREATE TRIGGER deliveries_refs_revisions_delete AFTER DELETE ON public.deliveries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_window_revisions', 'delivery_id');
CREATE TRIGGER deliveries_refs_revisions_update AFTER UPDATE ON public.deliveries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_window_revisions', 'delivery_id');
CREATE TRIGGER deliveries_refs_send_windows_delete AFTER DELETE ON public.deliveries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_windows', 'delivery_id');
CREATE TRIGGER deliveries_refs_send_windows_update AFTER UPDATE ON public.deliveries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_windows', 'delivery_id');

create table disruption_analyses (
  id bigint default nextval('disruption_analyses_id_seq'::regclass) not null,
  incident_id bigint not null,
  afnemer_oin text not null,
  requested_by text not null,
  requested_by_user bigint,
  requested_at timestamp with time zone not null,
  description text not null,
  disruption_date date not null,
  desired_delivery_date date,
  contact_name text not null,
  contact_email text not null,
  contact_phone text default ''::text not null,
  questions text default ''::text not null,
  analysis jsonb,
  delivered_by bigint,
  delivered_at timestamp with time zone,
  constraint disruption_analyses_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint disruption_analyses_check CHECK (((analysis IS NULL) = (delivered_at IS NULL))),
  constraint disruption_analyses_delivered_by_fkey FOREIGN KEY (delivered_by) REFERENCES users(id),
  constraint disruption_analyses_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents(id),
  constraint disruption_analyses_pkey PRIMARY KEY (id),
  constraint disruption_analyses_requested_by_check CHECK ((requested_by = ANY (ARRAY['afnemer'::text, 'logius'::text]))),
  constraint disruption_analyses_requested_by_user_fkey FOREIGN KEY (requested_by_user) REFERENCES users(id)
);
CREATE INDEX disruption_analyses_incident_idx ON public.disruption_analyses USING btree (incident_id);
CREATE TRIGGER disruption_analyses_notify_delete AFTER DELETE ON public.disruption_analyses REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('incidents', 'array[r.afnemer_oin]');
CREATE TRIGGER disruption_analyses_notify_insert AFTER INSERT ON public.disruption_analyses REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('incidents', 'array[r.afnemer_oin]');
CREATE TRIGGER disruption_analyses_notify_update AFTER UPDATE ON public.disruption_analyses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('incidents', 'array[r.afnemer_oin]');

create table escalations (
  id bigint default nextval('escalations_id_seq'::regclass) not null,
  ladder text not null,
  level integer not null,
  title text not null,
  reason text not null,
  incident_id bigint,
  afnemer_oin text,
  follows_id bigint,
  actor_user_id bigint not null,
  actor_email text not null,
  actor_role text not null,
  at timestamp with time zone not null,
  constraint escalations_actor_user_id_fkey FOREIGN KEY (actor_user_id) REFERENCES users(id),
  constraint escalations_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint escalations_check CHECK (((ladder <> 'incident'::text) OR (incident_id IS NOT NULL))),
  constraint escalations_check1 CHECK (((level = 1) = (follows_id IS NULL))),
  constraint escalations_follows_id_fkey FOREIGN KEY (follows_id) REFERENCES escalations(id),
  constraint escalations_follows_id_key UNIQUE (follows_id),
  constraint escalations_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents(id),
  constraint escalations_ladder_check CHECK ((ladder = ANY (ARRAY['incident'::text, 'algemeen'::text]))),
  constraint escalations_level_check CHECK ((level >= 1)),
  constraint escalations_pkey PRIMARY KEY (id),
  constraint escalations_reason_check CHECK (((length(reason) >= 1) AND (length(reason) <= 2000)))
);
CREATE INDEX escalations_afnemer_idx ON public.escalations USING btree (afnemer_oin, at DESC);
CREATE INDEX escalations_incident_idx ON public.escalations USING btree (incident_id, ladder, level);
CREATE UNIQUE INDEX escalations_incident_level_unique ON public.escalations USING btree (incident_id, ladder, level) WHERE (incident_id IS NOT NULL);
CREATE TRIGGER escalations_append_only BEFORE DELETE OR UPDATE ON public.escalations FOR EACH ROW EXECUTE FUNCTION trail_append_only();
CREATE TRIGGER escalations_notify_insert AFTER INSERT ON public.escalations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('incidents', 'case when r.afnemer_oin is not null then array[r.afnemer_oin]
          else coalesce((select i.afnemers from incidents i where i.id = r.incident_id), ''{}'') end');

create table fraud_report_events (
  id bigint default nextval('fraud_report_events_id_seq'::regclass) not null,
  fraud_report_id bigint not null,
  at timestamp with time zone not null,
  actor_user_id bigint,
  actor_email text,
  actor_role text,
  actor_afnemer text,
  action text not null,
  payload jsonb default '{}'::jsonb not null,
  constraint fraud_report_events_actor_user_id_fkey FOREIGN KEY (actor_user_id) REFERENCES users(id),
  constraint fraud_report_events_fraud_report_id_fkey FOREIGN KEY (fraud_report_id) REFERENCES fraud_reports(id),
  constraint fraud_report_events_pkey PRIMARY KEY (id)
);
CREATE INDEX fraud_report_events_report_idx ON public.fraud_report_events USING btree (fraud_report_id, id);
CREATE TRIGGER fraud_report_events_append_only BEFORE DELETE OR UPDATE ON public.fraud_report_events FOR EACH ROW EXECUTE FUNCTION trail_append_only();

create table fraud_reports (
  id bigint default nextval('fraud_reports_id_seq'::regclass) not null,
  reference text not null,
  afnemer_oin text not null,
  reported_by bigint not null,
  reported_at timestamp with time zone not null,
  channel text not null,
  high_priority boolean default false not null,
  observed_at timestamp with time zone,
  description text not null,
  status text default 'ontvangen'::text not null,
  constraint fraud_reports_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint fraud_reports_channel_check CHECK ((channel = ANY (ARRAY['telefoon'::text, 'e-mail'::text, 'app'::text]))),
  constraint fraud_reports_pkey PRIMARY KEY (id),
  constraint fraud_reports_reference_check CHECK ((reference ~ '^FRD-[0-9]{4}-[0-9]{6,}$'::text)),
  constraint fraud_reports_reference_key UNIQUE (reference),
  constraint fraud_reports_reported_by_fkey FOREIGN KEY (reported_by) REFERENCES users(id),
  constraint fraud_reports_status_check CHECK ((status = ANY (ARRAY['ontvangen'::text, 'in-onderzoek'::text, 'afgesloten'::text])))
);
CREATE INDEX fraud_reports_reporter_idx ON public.fraud_reports USING btree (reported_by);

create table incident_events (
  id bigint default nextval('incident_events_id_seq'::regclass) not null,
  incident_id bigint not null,
  at timestamp with time zone default now() not null,
  actor_user_id bigint,
  actor_email text,
  actor_role text,
  actor_afnemer text,
  action text not null,
  payload jsonb default '{}'::jsonb not null,
  constraint incident_events_actor_user_id_fkey FOREIGN KEY (actor_user_id) REFERENCES users(id),
  constraint incident_events_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents(id),
  constraint incident_events_pkey PRIMARY KEY (id)
);
CREATE INDEX incident_events_incident_idx ON public.incident_events USING btree (incident_id, id);
CREATE TRIGGER incident_events_append_only BEFORE DELETE OR UPDATE ON public.incident_events FOR EACH ROW EXECUTE FUNCTION trail_append_only();
CREATE TRIGGER incident_events_notify_insert AFTER INSERT ON public.incident_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('incidents', 'case when r.actor_afnemer is not null then array[r.actor_afnemer]
          else (select i.afnemers || array_remove(array[i.reported_by_afnemer], null) from incidents i where i.id = r.incident_id) end');

create table incident_priority_settings (
  priority text not null,
  response_amount integer not null,
  response_unit text not null,
  resolution_amount integer not null,
  resolution_unit text not null,
  is_default boolean default true not null,
  updated_by bigint,
  updated_at timestamp with time zone default now() not null,
  constraint incident_priority_settings_pkey PRIMARY KEY (priority),
  constraint incident_priority_settings_priority_check CHECK ((priority = ANY (ARRAY['P1'::text, 'P2'::text, 'P3'::text, 'P4'::text]))),
  constraint incident_priority_settings_resolution_amount_check CHECK ((resolution_amount >= 0)),
  constraint incident_priority_settings_resolution_unit_check CHECK ((resolution_unit = ANY (ARRAY['minutes'::text, 'working-days'::text]))),
  constraint incident_priority_settings_response_amount_check CHECK ((response_amount >= 0)),
  constraint incident_priority_settings_response_unit_check CHECK ((response_unit = ANY (ARRAY['minutes'::text, 'working-days'::text]))),
  constraint incident_priority_settings_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users(id)
);
CREATE TRIGGER incident_priority_settings_notify AFTER INSERT OR DELETE OR UPDATE ON public.incident_priority_settings FOR EACH STATEMENT EXECUTE FUNCTION changes_notify('incidents');

create table incidents (
  id bigint default nextval('incidents_id_seq'::regclass) not null,
  number text not null,
  kind text not null,
  title text not null,
  description text default ''::text not null,
  channel text not null,
  priority text not null,
  ever_p1 boolean default false not null,
  status text default 'gemeld'::text not null,
  afnemers text[] not null,
  reported_by bigint,
  reported_by_afnemer text,
  reported_at timestamp with time zone not null,
  response_due_at timestamp with time zone not null,
  resolution_due_at timestamp with time zone not null,
  responded_at timestamp with time zone,
  resolved_at timestamp with time zone,
  closed_at timestamp with time zone,
  closing_report text,
  calamity_reason text,
  calamity_at timestamp with time zone,
  calamity_by bigint,
  crisis_at timestamp with time zone,
  crisis_note text,
  updated_at timestamp with time zone default now() not null,
  proposed_priority text,
  prioritised_at timestamp with time zone,
  prioritised_by bigint,
  resolution_agreed_at timestamp with time zone,
  resolution_agreed_by bigint,
  resolution_agreed_reason text,
  resolution_agreed_with text,
  calamity_proposed_at timestamp with time zone,
  calamity_proposed_by bigint,
  calamity_proposed_reason text,
  constraint incidents_afnemers_check CHECK ((cardinality(afnemers) > 0)),
  constraint incidents_calamity_by_fkey FOREIGN KEY (calamity_by) REFERENCES users(id),
  constraint incidents_calamity_proposal_complete CHECK (((calamity_proposed_at IS NULL) = (calamity_proposed_reason IS NULL))),
  constraint incidents_calamity_proposed_by_fkey FOREIGN KEY (calamity_proposed_by) REFERENCES users(id),
  constraint incidents_calamity_proposed_reason_check CHECK ((calamity_proposed_reason = ANY (ARRAY['p1-dreigt'::text, 'p1-overschreden'::text, 'imago'::text, 'dienstverlening'::text, 'calamiteitenmanager'::text]))),
  constraint incidents_calamity_reason_check CHECK ((calamity_reason = ANY (ARRAY['p1-dreigt'::text, 'p1-overschreden'::text, 'imago'::text, 'dienstverlening'::text, 'calamiteitenmanager'::text]))),
  constraint incidents_channel_check CHECK ((channel = ANY (ARRAY['telefoon'::text, 'e-mail'::text, 'app'::text]))),
  constraint incidents_check CHECK (((status = 'gesloten'::text) = (closed_at IS NOT NULL))),
  constraint incidents_check1 CHECK (((closed_at IS NULL) OR (closing_report IS NOT NULL))),
  constraint incidents_check2 CHECK (((calamity_at IS NULL) = (calamity_reason IS NULL))),
  constraint incidents_check3 CHECK (((crisis_at IS NULL) OR (calamity_at IS NOT NULL))),
  constraint incidents_check4 CHECK (((kind <> 'afnemer-systeem'::text) OR (reported_by_afnemer IS NOT NULL))),
  constraint incidents_kind_check CHECK ((kind = ANY (ARRAY['mijnoverheid'::text, 'afnemer-systeem'::text]))),
  constraint incidents_number_check CHECK ((number ~ '^INC-[0-9]{4}-[0-9]{6,}$'::text)),
  constraint incidents_number_key UNIQUE (number),
  constraint incidents_pkey PRIMARY KEY (id),
  constraint incidents_prioritised_by_fkey FOREIGN KEY (prioritised_by) REFERENCES users(id),
  constraint incidents_priority_check CHECK ((priority = ANY (ARRAY['P1'::text, 'P2'::text, 'P3'::text, 'P4'::text]))),
  constraint incidents_proposed_priority_check CHECK ((proposed_priority = ANY (ARRAY['P1'::text, 'P2'::text, 'P3'::text, 'P4'::text]))),
  constraint incidents_reported_by_afnemer_fkey FOREIGN KEY (reported_by_afnemer) REFERENCES afnemers(oin),
  constraint incidents_reported_by_fkey FOREIGN KEY (reported_by) REFERENCES users(id),
  constraint incidents_resolution_agreed_by_fkey FOREIGN KEY (resolution_agreed_by) REFERENCES users(id),
  constraint incidents_resolution_agreed_complete CHECK ((((resolution_agreed_at IS NULL) = (resolution_agreed_reason IS NULL)) AND ((resolution_agreed_at IS NULL) = (resolution_agreed_with IS NULL)))),
  constraint incidents_resolution_agreed_reason_check CHECK (((length(resolution_agreed_reason) >= 1) AND (length(resolution_agreed_reason) <= 2000))),
  constraint incidents_resolution_agreed_with_check CHECK (((length(resolution_agreed_with) >= 1) AND (length(resolution_agreed_with) <= 200))),
  constraint incidents_status_check CHECK ((status = ANY (ARRAY['gemeld'::text, 'in-behandeling'::text, 'opgelost'::text, 'gesloten'::text]))),
  constraint incidents_title_check CHECK (((length(title) >= 1) AND (length(title) <= 200)))
);
CREATE INDEX incidents_afnemers_idx ON public.incidents USING gin (afnemers);
CREATE INDEX incidents_open_idx ON public.incidents USING btree (priority, reported_at) WHERE (status <> 'gesloten'::text);
CREATE INDEX incidents_reported_idx ON public.incidents USING btree (reported_at DESC);
CREATE TRIGGER incidents_notify_delete AFTER DELETE ON public.incidents REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('incidents', 'r.afnemers || array_remove(array[r.reported_by_afnemer], null)');
CREATE TRIGGER incidents_notify_insert AFTER INSERT ON public.incidents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('incidents', 'r.afnemers || array_remove(array[r.reported_by_afnemer], null)');
CREATE TRIGGER incidents_notify_update AFTER UPDATE ON public.incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('incidents', 'r.afnemers || array_remove(array[r.reported_by_afnemer], null)');
CREATE TRIGGER incidents_prioritised_default BEFORE INSERT ON public.incidents FOR EACH ROW EXECUTE FUNCTION incidents_prioritised_default();

create table levelling_move_answers (
  proposal_id bigint not null,
  window_id bigint not null,
  afnemer_oin text not null,
  answer text not null,
  user_id bigint not null,
  answered_at timestamp with time zone not null,
  plan_change_id bigint,
  constraint levelling_move_answers_answer_check CHECK ((answer = ANY (ARRAY['geaccepteerd'::text, 'afgewezen'::text]))),
  constraint levelling_move_answers_check CHECK (((answer = 'geaccepteerd'::text) = (plan_change_id IS NOT NULL))),
  constraint levelling_move_answers_pkey PRIMARY KEY (proposal_id, window_id),
  constraint levelling_move_answers_plan_change_id_fkey FOREIGN KEY (plan_change_id) REFERENCES plan_changes(id),
  constraint levelling_move_answers_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES levelling_proposals(id),
  constraint levelling_move_answers_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id),
  constraint levelling_move_answers_window_id_fkey FOREIGN KEY (window_id) REFERENCES send_windows(id)
);
CREATE TRIGGER levelling_move_answers_notify_delete AFTER DELETE ON public.levelling_move_answers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('levelling', 'array[r.afnemer_oin]');
CREATE TRIGGER levelling_move_answers_notify_insert AFTER INSERT ON public.levelling_move_answers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('levelling', 'array[r.afnemer_oin]');
CREATE TRIGGER levelling_move_answers_notify_update AFTER UPDATE ON public.levelling_move_answers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('levelling', 'array[r.afnemer_oin]');

create table levelling_proposals (
  id bigint default nextval('levelling_proposals_id_seq'::regclass) not null,
  period_from timestamp with time zone not null,
  period_to timestamp with time zone not null,
  created_by bigint not null,
  created_at timestamp with time zone not null,
  moves jsonb not null,
  remaining jsonb not null,
  figures jsonb not null,
  dry_run jsonb not null,
  accepted_by bigint,
  accepted_at timestamp with time zone,
  constraint levelling_proposals_accepted_by_fkey FOREIGN KEY (accepted_by) REFERENCES users(id),
  constraint levelling_proposals_check CHECK ((period_to > period_from)),
  constraint levelling_proposals_check1 CHECK (((accepted_by IS NULL) = (accepted_at IS NULL))),
  constraint levelling_proposals_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
  constraint levelling_proposals_pkey PRIMARY KEY (id)
);
CREATE INDEX levelling_proposals_created_idx ON public.levelling_proposals USING btree (created_at DESC);
CREATE TRIGGER levelling_proposals_notify_insert AFTER INSERT ON public.levelling_proposals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('levelling', 'array[]::text[]');
CREATE TRIGGER levelling_proposals_notify_update AFTER UPDATE ON public.levelling_proposals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('levelling', 'array[]::text[]');

create table maintenance_changes (
  id bigint default nextval('maintenance_changes_id_seq'::regclass) not null,
  maintenance_id bigint not null,
  action text not null,
  before jsonb,
  after jsonb,
  changed_by bigint,
  changed_at timestamp with time zone not null,
  undone_by bigint,
  undone_at timestamp with time zone,
  constraint maintenance_changes_action_check CHECK ((action = ANY (ARRAY['create'::text, 'update'::text, 'delete'::text]))),
  constraint maintenance_changes_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES users(id),
  constraint maintenance_changes_check CHECK ((((action = 'create'::text) = (before IS NULL)) AND ((action = 'delete'::text) = (after IS NULL)))),
  constraint maintenance_changes_pkey PRIMARY KEY (id),
  constraint maintenance_changes_undone_by_fkey FOREIGN KEY (undone_by) REFERENCES users(id)
);
CREATE INDEX maintenance_changes_window_idx ON public.maintenance_changes USING btree (maintenance_id, id);

create table maintenance_windows (
  id bigint default nextval('maintenance_windows_id_seq'::regclass) not null,
  start_at timestamp with time zone not null,
  end_at timestamp with time zone not null,
  factor double precision not null,
  reason text not null,
  kind text not null,
  created_by bigint,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  incident_id bigint,
  release_id bigint,
  constraint maintenance_windows_check CHECK ((end_at > start_at)),
  constraint maintenance_windows_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
  constraint maintenance_windows_factor_check CHECK (((factor >= (0)::double precision) AND (factor <= (1)::double precision))),
  constraint maintenance_windows_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents(id),
  constraint maintenance_windows_incident_kind CHECK (((incident_id IS NULL) OR (kind = 'incident'::text))),
  constraint maintenance_windows_kind_check CHECK ((kind = ANY (ARRAY['onderhoud'::text, 'release'::text, 'incident'::text]))),
  constraint maintenance_windows_pkey PRIMARY KEY (id),
  constraint maintenance_windows_reason_check CHECK (((length(reason) >= 1) AND (length(reason) <= 1000))),
  constraint maintenance_windows_release_id_fkey FOREIGN KEY (release_id) REFERENCES releases(id) ON DELETE CASCADE,
  constraint maintenance_windows_release_kind CHECK (((release_id IS NULL) OR (kind = 'release'::text)))
);
CREATE INDEX maintenance_windows_incident_idx ON public.maintenance_windows USING btree (incident_id) WHERE (incident_id IS NOT NULL);
CREATE UNIQUE INDEX maintenance_windows_release_idx ON public.maintenance_windows USING btree (release_id) WHERE (release_id IS NOT NULL);
CREATE INDEX maintenance_windows_time_idx ON public.maintenance_windows USING btree (start_at, end_at);
CREATE TRIGGER maintenance_windows_notify AFTER INSERT OR DELETE OR UPDATE ON public.maintenance_windows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify('maintenance');
CREATE TRIGGER maintenance_windows_version AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.maintenance_windows FOR EACH STATEMENT EXECUTE FUNCTION planning_version_bump();

create table notice_subscriptions (
  user_id bigint not null,
  kind text not null,
  created_at timestamp with time zone not null,
  constraint notice_subscriptions_kind_check CHECK ((kind = ANY (ARRAY['storing'::text, 'onderhoud'::text]))),
  constraint notice_subscriptions_pkey PRIMARY KEY (user_id, kind),
  constraint notice_subscriptions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);
CREATE INDEX notice_subscriptions_kind_idx ON public.notice_subscriptions USING btree (kind, user_id);

create table notices (
  id bigint default nextval('notices_id_seq'::regclass) not null,
  kind text not null,
  source text not null,
  title text not null,
  body text not null,
  created_by bigint,
  created_at timestamp with time zone not null,
  withheld boolean default false not null,
  withheld_reason text,
  recipients integer default 0 not null,
  constraint notices_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
  constraint notices_kind_check CHECK ((kind = ANY (ARRAY['storing'::text, 'onderhoud'::text]))),
  constraint notices_pkey PRIMARY KEY (id),
  constraint notices_recipients_check CHECK ((recipients >= 0)),
  constraint notices_source_check CHECK ((source = ANY (ARRAY['onderhoud'::text, 'release'::text, 'handmatig'::text]))),
  constraint notices_withheld_reason CHECK ((withheld = (withheld_reason IS NOT NULL))),
  constraint notices_withheld_unsent CHECK (((NOT withheld) OR (recipients = 0)))
);
CREATE INDEX notices_created_idx ON public.notices USING btree (created_at DESC, id DESC);
CREATE TRIGGER notices_append_only BEFORE DELETE OR UPDATE ON public.notices FOR EACH ROW EXECUTE FUNCTION trail_append_only('Het spoor van storings- en onderhoudsberichten');

create table notifications (
  id bigint default nextval('notifications_id_seq'::regclass) not null,
  user_id bigint not null,
  conflict_id bigint,
  title text not null,
  body text not null,
  created_at timestamp with time zone default now() not null,
  read_at timestamp with time zone,
  subject_kind text default 'other'::text not null,
  subject_ref text,
  constraint notifications_conflict_id_fkey FOREIGN KEY (conflict_id) REFERENCES conflicts(id),
  constraint notifications_pkey PRIMARY KEY (id),
  constraint notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id)
);
CREATE INDEX notifications_unread_idx ON public.notifications USING btree (user_id) WHERE (read_at IS NULL);
CREATE INDEX notifications_user_idx ON public.notifications USING btree (user_id, created_at DESC);
CREATE TRIGGER notifications_notify_insert AFTER INSERT ON public.notifications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_notify_scoped();
CREATE TRIGGER notifications_notify_update AFTER UPDATE ON public.notifications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_notify_scoped();

create table outbox (
  id bigint default nextval('outbox_id_seq'::regclass) not null,
  to_email text not null,
  subject text not null,
  body text not null,
  created_at timestamp with time zone default now() not null,
  attempts integer default 0 not null,
  next_attempt_at timestamp with time zone default now() not null,
  last_error text,
  sent_at timestamp with time zone,
  constraint outbox_pkey PRIMARY KEY (id)
);
CREATE INDEX outbox_pending_idx ON public.outbox USING btree (next_attempt_at) WHERE (sent_at IS NULL);

create table plan_changes (
  id bigint default nextval('plan_changes_id_seq'::regclass) not null,
  created_at timestamp with time zone not null,
  user_id bigint not null,
  source text not null,
  undo_of bigint,
  undone_at timestamp with time zone,
  constraint plan_changes_check CHECK (((source = 'ongedaan gemaakt'::text) = (undo_of IS NOT NULL))),
  constraint plan_changes_pkey PRIMARY KEY (id),
  constraint plan_changes_source_check CHECK ((source = ANY (ARRAY['suggestie'::text, 'handmatig'::text, 'besluit Klantraad'::text, 'besluit Logius'::text, 'ongedaan gemaakt'::text, 'procedure'::text, 'nivellering'::text]))),
  constraint plan_changes_undo_of_fkey FOREIGN KEY (undo_of) REFERENCES plan_changes(id),
  constraint plan_changes_undo_of_key UNIQUE (undo_of),
  constraint plan_changes_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id)
);
CREATE TRIGGER plan_changes_refs_revisions_delete AFTER DELETE ON public.plan_changes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_window_revisions', 'plan_change_id');
CREATE TRIGGER plan_changes_refs_revisions_update AFTER UPDATE ON public.plan_changes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_window_revisions', 'plan_change_id');

create table planning_state (
  id integer default 1 not null,
  version bigint default 0 not null,
  reset_version bigint default 0 not null,
  constraint planning_state_id_check CHECK ((id = 1)),
  constraint planning_state_pkey PRIMARY KEY (id)
);

create table reference_counters (
  prefix text not null,
  year integer not null,
  last integer not null,
  constraint reference_counters_pkey PRIMARY KEY (prefix, year),
  constraint reference_counters_prefix_check CHECK ((prefix = ANY ('{FRD,INC,SEC}'::text[])))
);

create table releases (
  id bigint default nextval('releases_id_seq'::regclass) not null,
  name text not null,
  description text default ''::text not null,
  start_at timestamp with time zone not null,
  end_at timestamp with time zone not null,
  factor double precision not null,
  created_by bigint,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  constraint releases_check CHECK ((end_at > start_at)),
  constraint releases_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
  constraint releases_factor_check CHECK (((factor >= (0)::double precision) AND (factor <= (1)::double precision))),
  constraint releases_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
  constraint releases_pkey PRIMARY KEY (id)
);
CREATE INDEX releases_time_idx ON public.releases USING btree (start_at, end_at);
CREATE TRIGGER releases_notify AFTER INSERT OR DELETE OR UPDATE ON public.releases FOR EACH STATEMENT EXECUTE FUNCTION changes_notify('changes');

create table rfc_events (
  id bigint default nextval('rfc_events_id_seq'::regclass) not null,
  rfc_id bigint not null,
  at timestamp with time zone not null,
  actor_user_id bigint,
  actor_email text,
  actor_role text,
  action text not null,
  from_status text,
  to_status text not null,
  payload jsonb default '{}'::jsonb not null,
  constraint rfc_events_actor_user_id_fkey FOREIGN KEY (actor_user_id) REFERENCES users(id),
  constraint rfc_events_pkey PRIMARY KEY (id),
  constraint rfc_events_rfc_id_fkey FOREIGN KEY (rfc_id) REFERENCES rfcs(id)
);
CREATE INDEX rfc_events_rfc_idx ON public.rfc_events USING btree (rfc_id, id);
CREATE TRIGGER rfc_events_append_only BEFORE DELETE OR UPDATE ON public.rfc_events FOR EACH ROW EXECUTE FUNCTION trail_append_only('Het audittrail van RFC''s');

create table rfcs (
  id bigint default nextval('rfcs_id_seq'::regclass) not null,
  afnemer_oin text,
  kind text not null,
  catalogue_item text,
  incident_number text,
  title text not null,
  description text default ''::text not null,
  status text not null,
  state jsonb not null,
  release_id bigint,
  filed_by bigint not null,
  filed_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  change_type text default 'technisch'::text not null,
  constraint rfcs_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint rfcs_change_type_check CHECK ((change_type = ANY (ARRAY['technisch'::text, 'functioneel'::text]))),
  constraint rfcs_check CHECK (((kind = 'standaard'::text) = (catalogue_item IS NOT NULL))),
  constraint rfcs_check1 CHECK (((kind = 'urgent'::text) = (incident_number IS NOT NULL))),
  constraint rfcs_check2 CHECK (((status = ANY (ARRAY['ingepland'::text, 'geimplementeerd'::text])) = (release_id IS NOT NULL))),
  constraint rfcs_check3 CHECK (((kind = 'niet-standaard'::text) OR (status <> 'impact-geanalyseerd'::text))),
  constraint rfcs_filed_by_fkey FOREIGN KEY (filed_by) REFERENCES users(id),
  constraint rfcs_incident_number_check CHECK (((length(incident_number) >= 1) AND (length(incident_number) <= 50))),
  constraint rfcs_kind_check CHECK ((kind = ANY (ARRAY['standaard'::text, 'niet-standaard'::text, 'urgent'::text]))),
  constraint rfcs_pkey PRIMARY KEY (id),
  constraint rfcs_release_id_fkey FOREIGN KEY (release_id) REFERENCES releases(id),
  constraint rfcs_status_check CHECK ((status = ANY (ARRAY['ingediend'::text, 'geanalyseerd'::text, 'impact-geanalyseerd'::text, 'goedgekeurd'::text, 'afgewezen'::text, 'ingepland'::text, 'geimplementeerd'::text]))),
  constraint rfcs_title_check CHECK (((length(title) >= 1) AND (length(title) <= 200)))
);
CREATE INDEX rfcs_afnemer_idx ON public.rfcs USING btree (afnemer_oin, filed_at DESC);
CREATE INDEX rfcs_release_idx ON public.rfcs USING btree (release_id) WHERE (release_id IS NOT NULL);
CREATE TRIGGER rfcs_notify_delete AFTER DELETE ON public.rfcs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('changes', 'array[r.afnemer_oin]');
CREATE TRIGGER rfcs_notify_insert AFTER INSERT ON public.rfcs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('changes', 'array[r.afnemer_oin]');
CREATE TRIGGER rfcs_notify_update AFTER UPDATE ON public.rfcs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('changes', 'array[r.afnemer_oin]');

create table schema_migrations (
  name text not null,
  applied_at timestamp with time zone default now() not null,
  constraint schema_migrations_pkey PRIMARY KEY (name)
);

create table security_incident_events (
  id bigint default nextval('security_incident_events_id_seq'::regclass) not null,
  security_incident_id bigint not null,
  at timestamp with time zone not null,
  actor_user_id bigint,
  actor_email text,
  actor_role text,
  actor_afnemer text,
  action text not null,
  payload jsonb default '{}'::jsonb not null,
  constraint security_incident_events_actor_user_id_fkey FOREIGN KEY (actor_user_id) REFERENCES users(id),
  constraint security_incident_events_pkey PRIMARY KEY (id),
  constraint security_incident_events_security_incident_id_fkey FOREIGN KEY (security_incident_id) REFERENCES security_incidents(id)
);
CREATE INDEX security_incident_events_incident_idx ON public.security_incident_events USING btree (security_incident_id, id);
CREATE TRIGGER security_incident_events_append_only BEFORE DELETE OR UPDATE ON public.security_incident_events FOR EACH ROW EXECUTE FUNCTION trail_append_only('Het audittrail van beveiligingsincidenten');

create table security_incidents (
  id bigint default nextval('security_incidents_id_seq'::regclass) not null,
  reference text not null,
  afnemer_oin text,
  reported_by bigint not null,
  reported_at timestamp with time zone not null,
  discovered_at timestamp with time zone,
  title text not null,
  description text not null,
  severity text not null,
  status text default 'gemeld'::text not null,
  level integer default 0 not null,
  closed_at timestamp with time zone,
  constraint security_incidents_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint security_incidents_check CHECK (((status = 'afgesloten'::text) = (closed_at IS NOT NULL))),
  constraint security_incidents_description_check CHECK (((length(description) >= 1) AND (length(description) <= 10000))),
  constraint security_incidents_level_check CHECK (((level >= 0) AND (level <= 5))),
  constraint security_incidents_pkey PRIMARY KEY (id),
  constraint security_incidents_reference_check CHECK ((reference ~ '^SEC-[0-9]{4}-[0-9]{6,}$'::text)),
  constraint security_incidents_reference_key UNIQUE (reference),
  constraint security_incidents_reported_by_fkey FOREIGN KEY (reported_by) REFERENCES users(id),
  constraint security_incidents_severity_check CHECK ((severity = ANY (ARRAY['laag'::text, 'middel'::text, 'hoog'::text, 'kritiek'::text]))),
  constraint security_incidents_status_check CHECK ((status = ANY (ARRAY['gemeld'::text, 'in-behandeling'::text, 'afgesloten'::text]))),
  constraint security_incidents_title_check CHECK (((length(title) >= 1) AND (length(title) <= 200)))
);
CREATE INDEX security_incidents_afnemer_idx ON public.security_incidents USING btree (afnemer_oin, reported_at DESC);
CREATE INDEX security_incidents_reported_idx ON public.security_incidents USING btree (reported_at);

create table send_window_revisions (
  window_id bigint not null,
  revision integer not null,
  delivery_id bigint,
  changed_by bigint,
  changed_at timestamp with time zone default now() not null,
  omschrijving text not null,
  berichttype text not null,
  start_at timestamp with time zone not null,
  end_at timestamp with time zone not null,
  aantal_berichten bigint not null,
  status text not null,
  vroegste_start timestamp with time zone,
  laatste_eind timestamp with time zone,
  source text,
  plan_change_id bigint,
  constraint send_window_revisions_pkey PRIMARY KEY (window_id, revision),
  constraint send_window_revisions_source_check CHECK ((source = ANY (ARRAY['aanlevering'::text, 'suggestie'::text, 'handmatig'::text, 'besluit Klantraad'::text, 'besluit Logius'::text, 'ongedaan gemaakt'::text, 'procedure'::text, 'nivellering'::text])))
);
CREATE INDEX send_window_revisions_plan_change_idx ON public.send_window_revisions USING btree (plan_change_id) WHERE (plan_change_id IS NOT NULL);
CREATE TRIGGER send_window_revisions_append_only BEFORE UPDATE ON public.send_window_revisions FOR EACH ROW EXECUTE FUNCTION trail_append_only('De geschiedenis van verzendmomenten');
CREATE TRIGGER send_window_revisions_delivery_insert AFTER INSERT ON public.send_window_revisions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_check('delivery_id', 'deliveries', 'id');
CREATE TRIGGER send_window_revisions_plan_change_insert AFTER INSERT ON public.send_window_revisions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_check('plan_change_id', 'plan_changes', 'id');
CREATE TRIGGER send_window_revisions_user_insert AFTER INSERT ON public.send_window_revisions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_check('changed_by', 'users', 'id');
CREATE TRIGGER send_window_revisions_window_insert AFTER INSERT ON public.send_window_revisions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_check('window_id', 'send_windows', 'id', 'distinct');

create table send_windows (
  id bigint default nextval('send_windows_id_seq'::regclass) not null,
  afnemer_oin text collate "C" not null,
  kenmerk text collate "C" not null,
  omschrijving text default ''::text not null,
  berichttype text not null,
  start_at timestamp with time zone not null,
  end_at timestamp with time zone not null,
  aantal_berichten bigint not null,
  status text not null,
  vroegste_start timestamp with time zone,
  laatste_eind timestamp with time zone,
  revision integer default 1 not null,
  delivery_id bigint,
  updated_by bigint,
  updated_at timestamp with time zone default now() not null,
  changed_version bigint default 0 not null,
  constraint send_windows_aantal_berichten_check CHECK ((aantal_berichten > 0)),
  constraint send_windows_kenmerk_check CHECK (((length(kenmerk) >= 1) AND (length(kenmerk) <= 100))),
  constraint send_windows_kenmerk_unique UNIQUE (afnemer_oin, kenmerk),
  constraint send_windows_order CHECK ((end_at > start_at)),
  constraint send_windows_pkey PRIMARY KEY (id),
  constraint send_windows_status_check CHECK ((status = ANY (ARRAY['concept'::text, 'definitief'::text, 'geannuleerd'::text])))
);
CREATE INDEX send_windows_changed_version_idx ON public.send_windows USING btree (changed_version);
CREATE INDEX send_windows_start_idx ON public.send_windows USING btree (start_at, id, end_at);
CREATE TRIGGER send_windows_delivery_insert AFTER INSERT ON public.send_windows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_check('delivery_id', 'deliveries', 'id');
CREATE TRIGGER send_windows_delivery_update AFTER UPDATE ON public.send_windows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_check('delivery_id', 'deliveries', 'id');
CREATE TRIGGER send_windows_notify_delete AFTER DELETE ON public.send_windows REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('prognoses', 'array[r.afnemer_oin]');
CREATE TRIGGER send_windows_notify_insert AFTER INSERT ON public.send_windows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('prognoses', 'array[r.afnemer_oin]');
CREATE TRIGGER send_windows_notify_update AFTER UPDATE ON public.send_windows REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('prognoses', 'array[r.afnemer_oin]');
CREATE TRIGGER send_windows_number BEFORE INSERT OR UPDATE ON public.send_windows FOR EACH ROW WHEN ((new.changed_version IS DISTINCT FROM (NULLIF(current_setting('cd.claimed_version'::text, true), ''::text))::bigint)) EXECUTE FUNCTION send_windows_number();
CREATE TRIGGER send_windows_refs_insert AFTER INSERT ON public.send_windows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_check('afnemer_oin', 'afnemers', 'oin');
CREATE TRIGGER send_windows_refs_revisions_delete AFTER DELETE ON public.send_windows REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_window_revisions', 'window_id');
CREATE TRIGGER send_windows_refs_revisions_update AFTER UPDATE ON public.send_windows REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_window_revisions', 'window_id');
CREATE TRIGGER send_windows_refs_update AFTER UPDATE ON public.send_windows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_check('afnemer_oin', 'afnemers', 'oin');
CREATE TRIGGER send_windows_user_insert AFTER INSERT ON public.send_windows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_check('updated_by', 'users', 'id');
CREATE TRIGGER send_windows_user_update AFTER UPDATE ON public.send_windows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_check('updated_by', 'users', 'id');
CREATE TRIGGER send_windows_version AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.send_windows FOR EACH STATEMENT EXECUTE FUNCTION planning_version_bump();

create table service_requests (
  id bigint default nextval('service_requests_id_seq'::regclass) not null,
  afnemer_oin text not null,
  kind text not null,
  catalogue_item text,
  subject text not null,
  description text default ''::text not null,
  fields jsonb default '{}'::jsonb not null,
  status text default 'ingediend'::text not null,
  answer text,
  filed_by bigint not null,
  filed_at timestamp with time zone not null,
  answered_by bigint,
  answered_at timestamp with time zone,
  updated_at timestamp with time zone not null,
  constraint service_requests_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint service_requests_answered_by_fkey FOREIGN KEY (answered_by) REFERENCES users(id),
  constraint service_requests_check CHECK (((kind = 'standaard'::text) = (catalogue_item IS NOT NULL))),
  constraint service_requests_check1 CHECK (((status = ANY (ARRAY['afgehandeld'::text, 'afgewezen'::text])) = ((answered_at IS NOT NULL) AND (answer IS NOT NULL)))),
  constraint service_requests_filed_by_fkey FOREIGN KEY (filed_by) REFERENCES users(id),
  constraint service_requests_kind_check CHECK ((kind = ANY (ARRAY['standaard'::text, 'vrij'::text]))),
  constraint service_requests_pkey PRIMARY KEY (id),
  constraint service_requests_status_check CHECK ((status = ANY (ARRAY['ingediend'::text, 'in-behandeling'::text, 'afgehandeld'::text, 'afgewezen'::text]))),
  constraint service_requests_subject_check CHECK (((length(subject) >= 1) AND (length(subject) <= 200)))
);
CREATE INDEX service_requests_afnemer_idx ON public.service_requests USING btree (afnemer_oin, filed_at DESC);
CREATE TRIGGER service_requests_notify_delete AFTER DELETE ON public.service_requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('changes', 'array[r.afnemer_oin]');
CREATE TRIGGER service_requests_notify_insert AFTER INSERT ON public.service_requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('changes', 'array[r.afnemer_oin]');
CREATE TRIGGER service_requests_notify_update AFTER UPDATE ON public.service_requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION changes_notify_scoped('changes', 'array[r.afnemer_oin]');

create table sessions (
  token_hash text not null,
  user_id bigint not null,
  created_at timestamp with time zone default now() not null,
  expires_at timestamp with time zone not null,
  constraint sessions_pkey PRIMARY KEY (token_hash),
  constraint sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_idx ON public.sessions USING btree (user_id);

create table setting_changes (
  id bigint default nextval('setting_changes_id_seq'::regclass) not null,
  key text not null,
  old_value jsonb not null,
  new_value jsonb not null,
  reason text default ''::text not null,
  changed_by bigint not null,
  changed_at timestamp with time zone not null,
  constraint setting_changes_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES users(id),
  constraint setting_changes_key_check CHECK ((key = ANY (ARRAY['calamityThreshold'::text, 'usageThresholds'::text, 'standardChanges'::text, 'serviceRequestTypes'::text]))),
  constraint setting_changes_pkey PRIMARY KEY (id)
);
CREATE INDEX setting_changes_key_idx ON public.setting_changes USING btree (key, changed_at DESC);
CREATE TRIGGER setting_changes_append_only BEFORE DELETE OR UPDATE ON public.setting_changes FOR EACH ROW EXECUTE FUNCTION trail_append_only('De geschiedenis van de instellingen');

create table settings (
  key text not null,
  value jsonb not null,
  updated_by bigint not null,
  updated_at timestamp with time zone not null,
  constraint settings_key_check CHECK ((key = ANY (ARRAY['calamityThreshold'::text, 'usageThresholds'::text, 'standardChanges'::text, 'serviceRequestTypes'::text]))),
  constraint settings_pkey PRIMARY KEY (key),
  constraint settings_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users(id)
);

create table usage_targets (
  afnemer_oin text not null,
  year integer not null,
  quarter integer not null,
  quarter_target bigint,
  year_target bigint,
  activities jsonb default '[]'::jsonb not null,
  expected_growth text,
  note text default ''::text not null,
  updated_by bigint not null,
  updated_at timestamp with time zone not null,
  constraint usage_targets_activities_check CHECK ((jsonb_typeof(activities) = 'array'::text)),
  constraint usage_targets_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint usage_targets_expected_growth_check CHECK ((expected_growth = ANY (ARRAY['groot'::text, 'middel'::text, 'laag'::text]))),
  constraint usage_targets_pkey PRIMARY KEY (afnemer_oin, year, quarter),
  constraint usage_targets_quarter_check CHECK (((quarter >= 1) AND (quarter <= 4))),
  constraint usage_targets_quarter_target_check CHECK ((quarter_target >= 0)),
  constraint usage_targets_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users(id),
  constraint usage_targets_year_check CHECK (((year >= 2000) AND (year <= 2100))),
  constraint usage_targets_year_target_check CHECK ((year_target >= 0))
);

create table users (
  id bigint default nextval('users_id_seq'::regclass) not null,
  email text not null,
  name text default ''::text not null,
  role text not null,
  afnemer_oin text,
  password_hash text,
  created_at timestamp with time zone default now() not null,
  may_file_rfc boolean default false not null,
  failed_logins integer default 0 not null,
  locked_until timestamp with time zone,
  constraint users_afnemer_bound CHECK (((role = ANY (ARRAY['planner'::text, 'klantraad-manager'::text])) = (afnemer_oin IS NOT NULL))),
  constraint users_afnemer_oin_fkey FOREIGN KEY (afnemer_oin) REFERENCES afnemers(oin),
  constraint users_email_check CHECK (((email = lower(email)) AND ((length(email) >= 3) AND (length(email) <= 320)))),
  constraint users_email_unique UNIQUE (email),
  constraint users_pkey PRIMARY KEY (id),
  constraint users_role_check CHECK ((role = ANY (NULL::text[])))
);
CREATE TRIGGER users_refs_revisions_delete AFTER DELETE ON public.users REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_window_revisions', 'changed_by');
CREATE TRIGGER users_refs_revisions_update AFTER UPDATE ON public.users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_window_revisions', 'changed_by');
CREATE TRIGGER users_refs_send_windows_delete AFTER DELETE ON public.users REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_windows', 'updated_by');
CREATE TRIGGER users_refs_send_windows_update AFTER UPDATE ON public.users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION references_restrict('id', 'send_windows', 'updated_by');

create function actuals_version_bump() returns trigger language plpgsql as $$
begin
  update actuals_state set version = version + 1 where id = 1;
  return null;
end $$;

create function change_notify(kind text, everyone boolean, afnemers text[], conflict_id bigint DEFAULT NULL::bigint) returns void language plpgsql as $$
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

create function changes_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('cd_changes', json_build_object('kind', tg_argv[0])::text);
  return null;
end $$;

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
    'with s as (select %s as x, count(*) as c from %s r group by 1)
     select (select coalesce(sum(c), 0)::bigint from s), (select coalesce(bool_or(x is null), false) from s),
       (select coalesce(array_agg(distinct a) filter (where a is not null), ''{}'') from s left join lateral unnest(s.x) as a on true)',
    tg_argv[1], source) into n, everyone, afnemers;
  if n > 0 then
    perform change_notify(tg_argv[0], everyone, afnemers);
  end if;
  return null;
end $$;

create function conflict_event_notify() returns trigger language plpgsql as $$
begin
  perform change_notify('procedure', false, (select c.afnemers from conflicts c where c.id = new.conflict_id), new.conflict_id);
  return null;
end $$;

create function conflicts_version_bump() returns trigger language plpgsql as $$
begin
  update conflicts_state set version = version + 1 where id = 1;
  return null;
end $$;

create function incidents_prioritised_default() returns trigger language plpgsql as $$
begin
  if new.proposed_priority is null and new.prioritised_at is null then
    new.prioritised_at := new.reported_at;
  end if;
  return new;
end $$;

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

create function planning_version_bump() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'send_windows' and tg_op in ('DELETE', 'TRUNCATE') then
    update planning_state set version = version + 1, reset_version = version + 1 where id = 1;
  else
    update planning_state set version = version + 1 where id = 1;
  end if;
  return null;
end $$;

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

create function send_windows_number() returns trigger language plpgsql as $$
begin
  new.changed_version := planning_version_claim();
  return new;
end $$;

create function trail_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is alleen aan te vullen: % is niet toegestaan', coalesce(tg_argv[0], 'Het audittrail (' || tg_table_name || ')'), tg_op
    using errcode = 'insufficient_privilege';
end $$;
