-- 线索移送: leads that member agencies send to a procuratorate (公益诉讼线索, 涉嫌犯罪案件移送, 行政违法线索),
-- acknowledged (受理) under a number of the procuratorate's register of received leads, decided and answered.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL.

-- One row per (receiving procuratorate, year): locked FOR UPDATE while a register number is taken.
CREATE TABLE lead_sequences (
    receiving_unit VARCHAR(64) NOT NULL REFERENCES units(id),
    num_year       INTEGER     NOT NULL,
    last_serial    INTEGER     NOT NULL,
    PRIMARY KEY (receiving_unit, num_year)
);

CREATE TABLE leads (
    id              VARCHAR(40)    PRIMARY KEY,
    lead_type       VARCHAR(30)    NOT NULL,
    title           VARCHAR(200)   NOT NULL,
    facts           VARCHAR(20000) NOT NULL,
    domain          VARCHAR(40)    NOT NULL,
    legal_basis     VARCHAR(2000)  NOT NULL,
    filing_unit     VARCHAR(64)    NOT NULL REFERENCES units(id),
    receiving_unit  VARCHAR(64)    NOT NULL REFERENCES units(id),
    filed_by        VARCHAR(200)   NOT NULL,
    filed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    status          VARCHAR(20)    NOT NULL,
    -- 收案登记: set once, when the lead is acknowledged; never reused (unique) and gapless per unit and year
    prefix          VARCHAR(50),
    num_year        INTEGER,
    serial          INTEGER,
    number_text     VARCHAR(100)   UNIQUE,
    acknowledged_by VARCHAR(200),
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    decision        VARCHAR(20),
    decision_reason VARCHAR(2000),
    transferred_to  VARCHAR(200),
    decided_by      VARCHAR(200),
    decided_at      TIMESTAMP WITH TIME ZONE,
    result_text     VARCHAR(20000),
    result_by       VARCHAR(200),
    result_at       TIMESTAMP WITH TIME ZONE,
    UNIQUE (receiving_unit, num_year, serial)
);
CREATE INDEX leads_filing_unit ON leads(filing_unit);
CREATE INDEX leads_receiving_unit ON leads(receiving_unit);

-- A lead's attachments (EVIDENCE) and the result file (RESULT) are stored objects like any other, with their hash.
ALTER TABLE files ADD COLUMN lead_id VARCHAR(40);
ALTER TABLE files ADD CONSTRAINT files_lead FOREIGN KEY (lead_id) REFERENCES leads(id);
CREATE INDEX files_lead ON files(lead_id);
