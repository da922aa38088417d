-- Which deadline of a case its overdue notice was sent for: a later step brings a new deadline and a new notice,
-- and every server instance's timer sends each notice once.
alter table conflict_cases add column overdue_notice_for timestamptz;
