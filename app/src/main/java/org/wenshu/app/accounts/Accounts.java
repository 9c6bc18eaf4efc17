package org.wenshu.app.accounts;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenshu.archive.Archive;
import org.wenshu.archive.Unit;
import org.wenshu.archive.UnitNotFound;

/**
 * 用户管理: accounts in the record database. Passwords are stored only as {@link PasswordEncoder} hashes
 * ({@code {bcrypt}…} through Spring Security's {@code DelegatingPasswordEncoder}); failed logins lock an account for a
 * while ({@link #recordFailedLogin}).
 */
public final class Accounts {

    /** Consecutive failed logins after which an account is locked for {@link #LOCK_DURATION}. */
    public static final int MAX_FAILED_LOGINS = 5;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    /** Minimum password length in characters (NIST SP 800-63B asks for at least 8; we ask for more). */
    public static final int MIN_PASSWORD_LENGTH = 10;

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Set<String> COMMON_PASSWORDS = Set.of("password", "password1", "password123", "1234567890",
            "12345678910", "qwertyuiop", "changeme123", "administrator", "admin12345", "wenshu12345", "0123456789",
            "1111111111", "abcdefghij", "iloveyou123", "welcome123");
    private static final String COLUMNS = "id, username, display_name, role, unit_id, enabled, demo, locked_until, created_at";

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final Archive archive;
    private final Clock clock;

    public Accounts(JdbcTemplate jdbc, PasswordEncoder encoder, Archive archive, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.archive = archive;
        this.clock = clock;
    }

    /**
     * Creates an account.
     *
     * @param unit the unit's id, name or short name; required for PROSECUTOR (a procuratorate) and AGENCY
     * @throws AccountInvalid when the user name is malformed or taken, the password is weak, or the unit is missing,
     *                        unknown or of the wrong kind for the role
     */
    public Account create(String username, String displayName, Role role, Optional<String> unit, String password,
                          boolean demo) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new AccountInvalid("username", "用户名「" + username + "」无效：2–64 个小写字母、数字、点、下划线或连字符，以字母或数字开头");
        }
        if (find(name).isPresent()) {
            throw new AccountInvalid("username", "用户名「" + name + "」已存在");
        }
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        if (display.length() > 100 || display.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT
                || Character.isISOControl(c))) {
            throw new AccountInvalid("displayName", "姓名过长或含有不可见字符");
        }
        checkPassword(name, password);
        Optional<String> unitId = unitFor(role, unit);
        jdbc.update("INSERT INTO accounts (username, display_name, password_hash, role, unit_id, enabled, demo, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)", name, display, encoder.encode(password), role.name(),
                unitId.orElse(null), demo, Timestamp.from(clock.instant()));
        return find(name).orElseThrow();
    }

    private Optional<String> unitFor(Role role, Optional<String> unit) {
        Optional<String> given = unit.map(String::strip).filter(u -> !u.isEmpty());
        if (given.isEmpty()) {
            if (role.needsUnit()) {
                throw new AccountInvalid("unit", role.label() + "账号必须绑定一个单位 (--unit)");
            }
            return Optional.empty();
        }
        Unit resolved;
        try {
            resolved = archive.unit(given.get());
        } catch (UnitNotFound e) {
            throw new AccountInvalid("unit", "单位「" + given.get() + "」不存在");
        }
        if (role == Role.PROSECUTOR && !resolved.kind().equals("PROCURATORATE")
                && !(resolved.kind().equals("OFFICE") && resolved.parentId().map(p -> archive.unit(p).kind())
                        .filter("PROCURATORATE"::equals).isPresent())) {
            throw new AccountInvalid("unit", "检察官账号须绑定检察院（或设在检察院的办公室），「" + resolved.name() + "」不是");
        }
        if (role == Role.AGENCY && resolved.kind().equals("PROCURATORATE")) {
            throw new AccountInvalid("unit", "行政机关联络员账号不能绑定检察院");
        }
        return Optional.of(resolved.id());
    }

    /** Refuses passwords that are short, common, or contain the user name. */
    public static void checkPassword(String username, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new AccountInvalid("password", "密码至少 " + MIN_PASSWORD_LENGTH + " 个字符");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON_PASSWORDS.contains(lower) || (username != null && !username.isEmpty() && lower.contains(username))
                || password.chars().distinct().count() < 4) {
            throw new AccountInvalid("password", "密码过于简单（常见密码、含用户名或重复字符），请换一个");
        }
    }

    /** A random password of 16 characters from an unambiguous alphabet, for demo accounts and resets. */
    public static String generatePassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    public Optional<Account> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts WHERE username = ?", ROW,
                username.strip().toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    public Optional<Account> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** The stored password hash, for the login check only. */
    Optional<String> passwordHash(String username) {
        return jdbc.queryForList("SELECT password_hash FROM accounts WHERE username = ?", String.class,
                username.strip().toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    /** Accounts ordered by user name, a page at a time. */
    public List<Account> list(int offset, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts ORDER BY username OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                ROW, offset, limit);
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM accounts", Long.class);
        return n == null ? 0 : n;
    }

    /** Whether any enabled demo account exists (the production profile refuses to start then). */
    public boolean hasEnabledDemoAccounts() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM accounts WHERE demo = TRUE AND enabled = TRUE", Long.class);
        return n != null && n > 0;
    }

    /** Disables (or re-enables) an account; its sessions stop working at their next request, its tokens at once. */
    public Account setEnabled(String username, boolean enabled) {
        Account account = require(username);
        jdbc.update("UPDATE accounts SET enabled = ?, failed_logins = 0, locked_until = NULL WHERE id = ?", enabled,
                account.id());
        if (!enabled) {
            // Sessions live in the database (Spring Session JDBC): deleting them signs the user out on every node.
            jdbc.update("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", account.username());
        }
        return find(account.id()).orElseThrow();
    }

    /** Replaces the password after the same checks as {@link #create}. */
    public void changePassword(String username, String password) {
        Account account = require(username);
        checkPassword(account.username(), password);
        jdbc.update("UPDATE accounts SET password_hash = ? WHERE id = ?", encoder.encode(password), account.id());
    }

    public Account require(String username) {
        return find(username).orElseThrow(() -> new AccountInvalid("username", "用户「" + username + "」不存在"));
    }

    /** Counts a failed login; the {@value #MAX_FAILED_LOGINS}th in a row locks the account for 15 minutes. */
    public void recordFailedLogin(String username) {
        find(username).ifPresent(account -> {
            jdbc.update("UPDATE accounts SET failed_logins = failed_logins + 1 WHERE id = ?", account.id());
            Integer failures = jdbc.queryForObject("SELECT failed_logins FROM accounts WHERE id = ?", Integer.class,
                    account.id());
            if (failures != null && failures >= MAX_FAILED_LOGINS) {
                jdbc.update("UPDATE accounts SET failed_logins = 0, locked_until = ? WHERE id = ?",
                        Timestamp.from(clock.instant().plus(LOCK_DURATION)), account.id());
            }
        });
    }

    /** A successful login clears the failure count. */
    public void recordSuccessfulLogin(String username) {
        jdbc.update("UPDATE accounts SET failed_logins = 0 WHERE username = ? AND failed_logins > 0",
                username.strip().toLowerCase(Locale.ROOT));
    }

    Instant now() {
        return clock.instant();
    }

    private static final RowMapper<Account> ROW = (ResultSet rs, int n) -> new Account(rs.getLong("id"),
            rs.getString("username"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
            Optional.ofNullable(rs.getString("unit_id")), rs.getBoolean("enabled"), rs.getBoolean("demo"),
            instant(rs, "locked_until"), instant(rs, "created_at").orElseThrow());

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }
}
