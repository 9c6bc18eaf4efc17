-- 核验码: the short random code printed with a QR code in the footer of every instrument issued from now on; it opens
-- the public summary at /v/{code}. Records issued before have no code (their PDFs carry none, so a code would be
-- printed nowhere): no backfill, the column stays NULL for them. A unique index admits any number of NULLs on H2
-- and PostgreSQL alike.
ALTER TABLE instruments ADD COLUMN verification_code VARCHAR(16);
CREATE UNIQUE INDEX instruments_verification_code ON instruments(verification_code);
