-- 发文字号 = 机关代字 + year + serial (GB/T 9704): a number is unique per (prefix, year, serial) whoever issues it.
-- V1 counted per (issuing unit, prefix, year): two units numbering with the same prefix drew the same serials and the
-- second one's register insert failed on number_text for the rest of the year. One counter per (prefix, year) now,
-- continued after the highest serial any unit drew or registered.
CREATE TABLE number_counters (
    prefix      VARCHAR(50) NOT NULL,
    num_year    INTEGER     NOT NULL,
    last_serial INTEGER     NOT NULL,
    PRIMARY KEY (prefix, num_year)
);
INSERT INTO number_counters (prefix, num_year, last_serial)
    SELECT prefix, num_year, MAX(last_serial) FROM (
        SELECT prefix, num_year, last_serial FROM number_sequences
        UNION ALL
        SELECT prefix, num_year, serial AS last_serial FROM register_entries
    ) used GROUP BY prefix, num_year;
-- The index first: on H2 each statement commits, so the old counters are dropped only once the register is known to
-- satisfy the new rule.
CREATE UNIQUE INDEX register_entries_number ON register_entries(prefix, num_year, serial);
DROP TABLE number_sequences;
