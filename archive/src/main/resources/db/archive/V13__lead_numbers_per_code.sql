-- 收案登记 numbers (荆检线索〔2024〕3号) are unique per (prefix, year, serial), like 发文字号 (V12). V6 counted per
-- receiving procuratorate while the prefix is the first character of its name + 检线索: two procuratorates whose names
-- begin alike (荆门市…, 荆州市…) drew the same numbers and the second acknowledgement failed on number_text. One
-- counter per (prefix, year) now, continued after the highest serial taken.
CREATE TABLE lead_counters (
    prefix      VARCHAR(50) NOT NULL,
    num_year    INTEGER     NOT NULL,
    last_serial INTEGER     NOT NULL,
    PRIMARY KEY (prefix, num_year)
);
INSERT INTO lead_counters (prefix, num_year, last_serial)
    SELECT prefix, num_year, MAX(serial) FROM leads WHERE prefix IS NOT NULL GROUP BY prefix, num_year;
DROP TABLE lead_sequences;
