-- When a record was committed, as against issued_at (when its number was reserved, the date it bears). A bulk-issue
-- run killed while rows were numbered but not stored leaves them RESERVED; the run that resumes it completes them
-- under the same number and reservation time, so only the commit time tells which run issued them. Records before
-- this column were committed in the run that reserved them: their reservation time stands for it.
ALTER TABLE instruments ADD COLUMN committed_at TIMESTAMP WITH TIME ZONE;
UPDATE instruments SET committed_at = issued_at;
