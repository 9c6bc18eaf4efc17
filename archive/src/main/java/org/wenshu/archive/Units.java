package org.wenshu.archive;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Looks units up by id, full name or short name. */
final class Units {

    private static final RowMapper<Unit> ROW = (rs, i) -> new Unit(rs.getString("id"), rs.getString("name"),
            rs.getString("short_name"), rs.getString("kind"), Optional.ofNullable(rs.getString("parent_id")));

    private final JdbcTemplate jdbc;

    Units(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Unit> all() {
        return jdbc.query("SELECT * FROM units ORDER BY kind DESC, id", ROW);
    }

    Optional<Unit> find(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        String value = reference.strip();
        return jdbc.query("SELECT * FROM units WHERE id = ? OR name = ? OR short_name = ?", ROW, value, value, value)
                .stream().findFirst();
    }

    Unit resolve(String reference) {
        return resolve(reference, "单位");
    }

    /** The unit; {@link RequestInvalid} naming {@code field} when the reference holds invisible characters. */
    Unit resolve(String reference, String field) {
        Identifiers.requireVisible(reference, field);
        return find(reference).orElseThrow(() -> new UnitNotFound(reference == null ? "" : reference));
    }

    Unit byId(String id) {
        return jdbc.queryForObject("SELECT * FROM units WHERE id = ?", ROW, id);
    }
}
