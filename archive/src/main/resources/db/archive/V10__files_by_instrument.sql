-- A record's own files (its PDF and record.json: instrument_id = ? AND response_id IS NULL), read for every listed
-- record. With V9's files_response H2 chose that index for "response_id IS NULL" and walked every file that is not a
-- response's (37,000 rows at 10,000 records: about 50 ms per record, a second per page of 20). Both columns in one
-- index make the record's own files one range of it. Portable SQL (H2 2.x and PostgreSQL).
CREATE INDEX files_instrument_response ON files(instrument_id, response_id);
