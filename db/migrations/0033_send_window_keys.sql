-- Issue 16, third pass (decision 016, third addendum): what every upload pays per row in send_windows' indexes.
--
-- 1. The two time indexes become one. send_windows_time_idx (start_at, end_at) served the range reads
--    (start_at < to and end_at > from), send_windows_start_id_idx (start_at, id) the pages of the lists (order by
--    start_at, id). One index on (start_at, id, end_at) serves both: the order comes from its first two columns, and
--    a range read checks end_at inside the index as before (EXPLAIN ANALYZE on the bench's year of 50,000 windows:
--    the same scans and the same rows read for every query of db/src/queries/send-windows.ts; a list narrowed to a
--    month became an index-only scan). A 100,000-row delivery writes one index entry per row fewer.
-- 2. The key columns compare bytes (COLLATE "C"). The (afnemer_oin, kenmerk) unique key is only ever looked up by
--    equality, and under a deterministic collation equality is byte equality whatever the collation, so the key refuses
--    exactly the same pairs. No query sorts send windows by kenmerk or afnemer_oin (the lists sort by start_at, id),
--    so no user sees another order. On a database created with locale C (the embedded server) this changes nothing;
--    on one created with a Dutch or English locale every comparison in the key skipped the locale's rules.
drop index send_windows_time_idx;
drop index send_windows_start_id_idx;
create index send_windows_start_idx on send_windows (start_at, id, end_at);

alter table send_windows
  alter column afnemer_oin type text collate "C",
  alter column kenmerk type text collate "C";
