-- The dashboard's and yearly report's figures (RecordFigures) as plain joins: each figure used to join "first
-- response per unit" and "first delivery per instrument" derived tables, which the database re-ran per owed reply
-- (no index on responses or deliveries). These columns keep those values on the rows the figures read; they are set
-- here from the stored responses and deliveries and kept in the same transactions that record a delivery
-- (Lifecycle.deliver) or a response (Responses.respond), from the same SQL (RecordFigures.DELIVERED_ON_SQL / REPLY_SQL).

-- 送达日期: the earliest delivered_on of the instrument's deliveries; NULL before delivery.
ALTER TABLE instruments ADD COLUMN delivered_on DATE;
-- On 主送 (MAIN) rows only: the unit's earliest response instant, and the adoption (采纳 …) its latest response
-- reports (latest by submitted_at, then by response id); both NULL while the unit has not responded.
ALTER TABLE instrument_units ADD COLUMN first_response_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE instrument_units ADD COLUMN latest_adoption VARCHAR(20);

CREATE INDEX responses_instrument_unit ON responses(instrument_id, unit_id, submitted_at);
CREATE INDEX deliveries_instrument ON deliveries(instrument_id, delivered_on);
CREATE INDEX instrument_units_unit ON instrument_units(unit_id, role);
CREATE INDEX instruments_year_status ON instruments(num_year, status);
CREATE INDEX instruments_issuing_unit ON instruments(issuing_unit);

UPDATE instruments SET delivered_on = (SELECT MIN(d.delivered_on) FROM deliveries d WHERE d.instrument_id = instruments.id);

UPDATE instrument_units SET
    first_response_at = (SELECT MIN(r.submitted_at) FROM responses r
                         WHERE r.instrument_id = instrument_units.instrument_id AND r.unit_id = instrument_units.unit_id),
    latest_adoption = (SELECT r.adoption FROM responses r
                       WHERE r.instrument_id = instrument_units.instrument_id AND r.unit_id = instrument_units.unit_id
                       ORDER BY r.submitted_at DESC, r.id DESC FETCH FIRST 1 ROW ONLY)
WHERE role = 'MAIN';
