-- Indexes for the read paths of the web application at tens of thousands of records (issues 9 and 13 benchmarks):
-- a record's timeline, the newest-first lists (register page, inbox, /api/v1/instruments), the per-unit narrowing of
-- those lists and their counts, and the per-record lookups of deliveries, responses and response files. H2 already
-- indexes foreign-key columns by itself; PostgreSQL does not, so each is declared here. Portable SQL (H2 2.x and
-- PostgreSQL).

-- Timeline of one record: audit_events.record_id has no foreign key, so without this every timeline scans the trail.
CREATE INDEX audit_events_record ON audit_events(record_id, seq);

-- Newest first (ORDER BY issued_at DESC, id DESC LIMIT n): read in index order instead of sorting every record.
CREATE INDEX instruments_newest ON instruments(issued_at DESC, id DESC);

-- Records addressed to, copied to or reported to a unit (inbox, an agency's visible set, the addressee filter): V8's
-- instrument_units_unit (unit_id, role) widened by instrument_id, so the ids come from the index alone.
DROP INDEX instrument_units_unit;
CREATE INDEX instrument_units_unit_role ON instrument_units(unit_id, role, instrument_id);

-- Per-record rows read for every listed record: deliveries and responses by V8's (instrument_id, …) indexes,
-- response files here.
CREATE INDEX files_response ON files(response_id);

-- The register's void numbers of a unit and year (the register page lists them beside the records).
CREATE INDEX register_entries_state ON register_entries(state, issuing_unit, num_year);
