-- 联席会议: attendance replies (参会回执) to meeting notices and the link from a notice to its minutes (会议纪要).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL.

-- One reply per (notice, invited unit): the primary key is the "each invited unit once" rule; a correction
-- (更正回执) updates the row and raises its revision, the earlier versions stay in the audit trail.
CREATE TABLE attendance_replies (
    notice_id        VARCHAR(40)    NOT NULL REFERENCES instruments(id),
    unit_id          VARCHAR(64)    NOT NULL REFERENCES units(id),
    decision         VARCHAR(10)    NOT NULL,
    attendees_json   VARCHAR(20000) NOT NULL,
    leave_reason     VARCHAR(2000),
    revision         INTEGER        NOT NULL,
    replied_by       VARCHAR(200)   NOT NULL,
    first_replied_at TIMESTAMP WITH TIME ZONE NOT NULL,
    replied_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (notice_id, unit_id)
);

-- A notice has at most one set of minutes, and minutes belong to one notice.
CREATE TABLE meeting_minutes (
    notice_id   VARCHAR(40) PRIMARY KEY REFERENCES instruments(id),
    minutes_id  VARCHAR(40) NOT NULL UNIQUE REFERENCES instruments(id),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
