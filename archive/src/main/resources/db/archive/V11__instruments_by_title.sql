-- Bulk issuing looks for an instrument already issued with the same type, title and issuing unit before it issues a
-- row (a corrected list run again must not issue its rows a second time): without this index every row of a list
-- would scan the register. Portable SQL (H2 2.x and PostgreSQL).
CREATE INDEX instruments_type_title ON instruments(type_id, title, issuing_unit);
