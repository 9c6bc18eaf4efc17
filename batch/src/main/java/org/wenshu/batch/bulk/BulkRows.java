package org.wenshu.batch.bulk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveRefusal;
import org.wenshu.archive.IssueRequest;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.batch.IssuingUnitUnsealed;
import org.wenshu.generator.UncoveredCharacters;
import org.wenshu.templates.FieldInvalid;
import org.wenshu.templates.FieldSpec;
import org.wenshu.templates.FieldType;
import org.wenshu.templates.FieldsInvalid;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;

/**
 * Turns the rows of a recipient list into issue requests: maps each header to a field of the type (by field name or
 * Chinese label), merges the row's non-blank values over the base data and checks everything that would make the
 * archive refuse the row (fields, units, dates, printable characters) before any number is reserved; a row with a cell
 * that holds no typed value (an XLSX formula or error value) is refused as it is.
 */
public final class BulkRows {

    /** Cells a spreadsheet would run as a formula (CSV/formula injection, OWASP): =, +, -, @, tab, carriage return. */
    private static final Pattern FORMULA = Pattern.compile("^[=+\\-@\\t\\r].*", Pattern.DOTALL);
    /** The fields a recipient list exists for: 主送单位 / 主送机关, given on every row. */
    private static final java.util.Set<String> RECIPIENTS = java.util.Set.of("recipients", "recipient");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[、;；\\n]");

    private final InstrumentType type;
    private final List<String> headers;
    private final List<FieldSpec> columns;
    private final Map<String, Object> base;
    private final InstrumentIssuer issuer;
    private final Register register;
    private final boolean fullRows;

    /** What rows and base data are checked against beyond their type: the register's units and the archive's today. */
    interface Register {

        /**
         * Checks that {@code reference} (id, full or short name) names a registered unit.
         *
         * @throws ArchiveRefusal naming the reference when it does not
         */
        void requireUnit(String reference);

        /** Today in the archive's zone: no 成文日期 may come after it. */
        java.time.LocalDate today();

        /** The archive's units and today. */
        static Register of(Archive archive) {
            return new Register() {
                @Override
                public void requireUnit(String reference) {
                    archive.unit(reference);
                }

                @Override
                public java.time.LocalDate today() {
                    return archive.today();
                }
            };
        }
    }

    /** Rows checked as those of an XLSX sheet, which may omit trailing empty cells. */
    public BulkRows(InstrumentType type, List<String> headers, Map<String, Object> base, InstrumentIssuer issuer,
                    Archive archive) {
        this(type, headers, base, issuer, archive, false);
    }

    /**
     * @param fullRows true when every row must have all of the header's columns (CSV), so a shorter row is ragged
     * @throws ListRefused      when a header names no field of the type, names one twice, is blank, or names the
     *                          document number (which the archive assigns)
     * @throws BaseDataInvalid  when the base data has mistakes no row can correct (see {@link BaseDataInvalid})
     */
    public BulkRows(InstrumentType type, List<String> headers, Map<String, Object> base, InstrumentIssuer issuer,
                    Archive archive, boolean fullRows) {
        this(type, headers, base, issuer, Register.of(archive), fullRows);
    }

    /** As the public constructors, checking units against {@code register}. */
    BulkRows(InstrumentType type, List<String> headers, Map<String, Object> base, InstrumentIssuer issuer,
             Register register, boolean fullRows) {
        this.type = type;
        this.headers = List.copyOf(headers);
        this.base = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(base));
        this.issuer = issuer;
        this.register = register;
        this.fullRows = fullRows;
        List<FieldSpec> mapped = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i).replace("\uFEFF", "").strip();
            if (header.isEmpty()) {
                throw new ListRefused("表头第 " + (i + 1) + " 列为空：每一列都要写字段名或中文名称");
            }
            FieldSpec field = type.fields().stream()
                    .filter(f -> f.name().equals(header) || f.label().equals(header)).findFirst()
                    .orElseThrow(() -> new ListRefused("表头「" + header + "」不是" + type.name() + "的字段；可用："
                            + String.join("、", type.fields().stream()
                            .filter(f -> !f.name().equals(InstrumentCatalog.DOCUMENT_NUMBER_FIELD))
                            .map(f -> f.label() + "(" + f.name() + ")").toList())));
            if (field.name().equals(InstrumentCatalog.DOCUMENT_NUMBER_FIELD)) {
                throw new ListRefused("表头不能有「" + header + "」：发文字号由系统按顺序编号");
            }
            String earlier = seen.put(field.name(), header);
            if (earlier != null) {
                throw new ListRefused("表头「" + earlier + "」和「" + header + "」是同一字段（" + field.label() + "）");
            }
            mapped.add(field);
        }
        this.columns = List.copyOf(mapped);
        List<FieldInvalid> baseProblems = baseProblems();
        if (!baseProblems.isEmpty()) {
            throw new BaseDataInvalid(baseProblems);
        }
    }

    /**
     * The outcome for one row: the request to issue, or why the row is skipped.
     *
     * @param issuingUnit the full name of the row's issuing unit once its fields were valid and named a known unit,
     *                    also when the row has other problems; empty when the row did not get that far
     * @param unsealed    the problem saying the issuing unit has no seal (also in {@code problems}), if it has none
     */
    public record Checked(RecipientTable.Row row, String contentHash, Optional<IssueRequest> request,
                          List<RowProblem> problems, Optional<String> issuingUnit, Optional<RowProblem> unsealed) {

        public Checked {
            problems = List.copyOf(problems);
        }
    }

    /** Checks one row; never throws for a problem of the row itself. */
    public Checked check(RecipientTable.Row row) {
        String hash = contentHash(row);
        List<RowProblem> problems = new ArrayList<>();
        if (!row.refusedCells().isEmpty()) {
            // A formula or an error value: neither its cached text nor the base data's value is what the row means.
            row.refusedCells().forEach((column, reason) -> problems.add(new RowProblem(row.number(),
                    column < headers.size() ? headers.get(column) : "第 " + (column + 1) + " 列", reason)));
            return rejected(row, hash, problems);
        }
        if (row.cells().size() > headers.size()
                && row.cells().subList(headers.size(), row.cells().size()).stream().anyMatch(c -> !c.isBlank())) {
            problems.add(new RowProblem(row.number(), "", "有 " + row.cells().size() + " 列，多于表头的 "
                    + headers.size() + " 列（列错位）"));
            return rejected(row, hash, problems);
        }
        if (fullRows && row.cells().size() < headers.size()) {
            // An RFC 4180 record has as many fields as the header: a shorter one lost a separator or a column.
            problems.add(new RowProblem(row.number(), "", "有 " + row.cells().size() + " 列，少于表头的 "
                    + headers.size() + " 列（列错位）"));
            return rejected(row, hash, problems);
        }
        Map<String, Object> fields = new LinkedHashMap<>(base);
        fields.remove(InstrumentCatalog.DOCUMENT_NUMBER_FIELD);
        for (int i = 0; i < columns.size(); i++) {
            String cell = i < row.cells().size() ? row.cells().get(i) : "";
            FieldSpec field = columns.get(i);
            String header = headers.get(i);
            if (cell.isBlank()) {
                if (RECIPIENTS.contains(field.name())) {
                    // A list is one row per recipient: a blank cell is a gap, not "send to the base data's units".
                    problems.add(new RowProblem(row.number(), header, "必须填写：名单的每一行发给本行的" + field.label()
                            + "，留空不会沿用基础数据"));
                }
                continue;
            }
            Optional<String> formula = formulaStart(cell, field);
            if (formula.isPresent()) {
                problems.add(new RowProblem(row.number(), header, "以「" + formula.get()
                        + "」开头，可能被表格软件当作公式执行：请删去开头的符号"));
                continue;
            }
            value(field, cell.strip()).ifPresentOrElse(v -> fields.put(field.name(), v),
                    () -> problems.add(new RowProblem(row.number(), header, "「" + cell + "」不是是/否")));
        }
        if (!problems.isEmpty()) {
            return rejected(row, hash, problems);
        }
        IssueRequest request;
        Optional<RowProblem> unsealed = Optional.empty();
        try {
            request = issuer.request(type.id(), fields);
        } catch (FieldsInvalid invalid) {
            for (FieldInvalid p : invalid.problems()) {
                problems.add(new RowProblem(row.number(), columnOf(p.field(), p.label()), p.reason()));
            }
            return rejected(row, hash, problems);
        } catch (UncoveredCharacters uncovered) {
            // The request checks that every character can be printed, so no number is taken for such a row.
            return rejected(row, hash, uncoveredProblems(row, uncovered));
        } catch (IssuingUnitUnsealed noSeal) {
            // Everything else of the row is valid: the request is checked on (units, access) and the row reported.
            request = noSeal.request();
            unsealed = Optional.of(new RowProblem(row.number(), issuingUnitColumn(), noSeal.getMessage()));
            problems.add(unsealed.get());
        } catch (ArchiveRefusal unknown) {
            // The issuing unit is resolved to its full name while the request is made: the archive refused it (an
            // unknown unit of any field is a field problem above).
            problems.add(new RowProblem(row.number(), issuingUnitColumn(), unknown.getMessage()));
            return rejected(row, hash, problems);
        }
        List<String> units = new ArrayList<>();
        units.add(request.issuingUnit());
        units.addAll(request.recipients());
        units.addAll(request.copiedUnits());
        for (String unit : units) {
            try {
                register.requireUnit(unit);
            } catch (ArchiveRefusal unknown) {
                problems.add(new RowProblem(row.number(), columnHolding(row, unit), unknown.getMessage()));
            }
        }
        if (request.recipients().contains(request.issuingUnit())) {
            problems.add(new RowProblem(row.number(), columnHolding(row, request.issuingUnit()), "主送单位不能是发文单位本身"));
        }
        if (!problems.isEmpty()) {
            return new Checked(row, hash, Optional.empty(), problems, Optional.of(request.issuingUnit()), unsealed);
        }
        return new Checked(row, hash, Optional.of(request), List.of(), Optional.of(request.issuingUnit()),
                Optional.empty());
    }

    private static Checked rejected(RecipientTable.Row row, String hash, List<RowProblem> problems) {
        return new Checked(row, hash, Optional.empty(), problems, Optional.empty(), Optional.empty());
    }

    /**
     * The base data's mistakes that no row can correct. A row sets only its columns' fields, and only to non-blank
     * values; so the base data without those fields must be valid by itself (a title missing with no title column
     * fails every row alike, while a row may well supply a field the base data lacks), a value it gives for a
     * column's field must be valid on its own (rows with a blank cell use it), and the units it names for fields no
     * column supplies must exist.
     */
    private List<FieldInvalid> baseProblems() {
        Set<String> supplied = new java.util.HashSet<>();
        columns.forEach(field -> supplied.add(field.name()));
        Map<String, Object> fixed = new LinkedHashMap<>(base);
        fixed.keySet().removeAll(supplied);
        // The archive numbers each row: a number in the base data is ignored.
        fixed.remove(InstrumentCatalog.DOCUMENT_NUMBER_FIELD);
        List<FieldInvalid> problems = new ArrayList<>(invalid(fixed).stream()
                .filter(p -> !supplied.contains(p.field())
                        && !p.field().equals(InstrumentCatalog.DOCUMENT_NUMBER_FIELD))
                .toList());
        for (FieldSpec field : columns) {
            Object given = base.get(field.name());
            // Absent (null, blank, empty list) is no value: the rows with a blank cell report the field missing.
            if (given != null && !(given instanceof String text && text.isBlank())
                    && !(given instanceof List<?> list && list.isEmpty())) {
                Map<String, Object> alone = new HashMap<>();
                alone.put(field.name(), given);
                invalid(alone).stream().filter(p -> p.field().equals(field.name())).forEach(problems::add);
            }
        }
        // Every field naming units of the register (发文、主送、抄送、参会单位 …, single or list), as each row's request
        // checks them.
        for (FieldSpec field : type.fields().stream().filter(FieldSpec::namesRegisteredUnits).toList()) {
            String name = field.name();
            if (supplied.contains(name) || problems.stream().anyMatch(p -> p.field().equals(name))) {
                continue;
            }
            Object given = base.get(name);
            List<?> named = given instanceof List<?> list ? list
                    : given instanceof String text ? List.of(text) : List.of();
            for (Object unit : named) {
                if (unit instanceof String text && !text.isBlank()) {
                    try {
                        register.requireUnit(text.strip());
                    } catch (ArchiveRefusal unknown) {
                        problems.add(new FieldInvalid(name, field.label(), unknown.getMessage()));
                    }
                }
            }
        }
        return problems;
    }

    private List<FieldInvalid> invalid(Map<String, Object> values) {
        try {
            type.validate(values, register.today());
            return List.of();
        } catch (FieldsInvalid invalid) {
            return invalid.problems();
        }
    }

    /** The header of the issuing unit's column, or its label marked as coming from the base data. */
    private String issuingUnitColumn() {
        return type.field(InstrumentCatalog.ISSUING_UNIT_FIELD)
                .map(field -> columnOf(field.name(), field.label())).orElse("发文机关（基础数据）");
    }

    /**
     * The character a spreadsheet would start a formula with, if the cell (as stored: without surrounding spaces) or,
     * in a list field, one of its items begins with one; the raw cell too, since a tab or carriage return in front
     * is a trigger of its own.
     */
    private static Optional<String> formulaStart(String cell, FieldSpec field) {
        List<String> parts = new ArrayList<>(List.of(cell, cell.strip()));
        if (field.type() == FieldType.UNIT_LIST || field.type() == FieldType.ITEM_LIST) {
            for (String item : LIST_SEPARATORS.split(cell)) {
                parts.add(item.strip());
            }
        }
        return parts.stream().filter(part -> FORMULA.matcher(part).matches()).findFirst()
                .map(part -> printable(part.charAt(0)));
    }

    private List<RowProblem> uncoveredProblems(RecipientTable.Row row, UncoveredCharacters uncovered) {
        List<RowProblem> problems = new ArrayList<>();
        for (UncoveredCharacters.UncoveredField field : uncovered.fields()) {
            problems.add(new RowProblem(row.number(), columnOf(field.field(), field.label()), "含有字体无法显示的字符："
                    + field.codePoints().stream().map(cp -> new String(Character.toChars(cp)) + String.format("(U+%04X)", cp))
                    .reduce((a, b) -> a + " " + b).orElse("")));
        }
        return problems;
    }

    /** SHA-256 (hex) of the row's cells under their headers: equal rows have equal hashes. */
    String contentHash(RecipientTable.Row row) {
        StringBuilder canonical = new StringBuilder();
        for (int i = 0; i < row.cells().size(); i++) {
            canonical.append(i < headers.size() ? headers.get(i) : "#" + i).append('\u0000')
                    .append(row.cells().get(i).strip()).append('\u0001');
        }
        // A formula's cached text equal to a typed row's does not make it that row's duplicate (rows without refused
        // cells hash as before, so their issue keys stay the same).
        row.refusedCells().forEach((column, reason) -> canonical.append('\u0002').append(column).append(reason));
        return sha256(canonical.toString());
    }

    /** SHA-256 (hex) of the UTF-8 bytes of {@code text}. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Object> value(FieldSpec field, String cell) {
        if (field.type() == FieldType.FLAG) {
            return switch (cell.toLowerCase(java.util.Locale.ROOT)) {
                case "是", "true", "1", "y", "yes" -> Optional.of(Boolean.TRUE);
                case "否", "false", "0", "n", "no" -> Optional.of(Boolean.FALSE);
                default -> Optional.empty();
            };
        }
        if (field.isList()) {
            return Optional.of(LIST_SEPARATORS.splitAsStream(cell).map(String::strip).filter(s -> !s.isEmpty()).toList());
        }
        return Optional.of(cell);
    }

    private String columnOf(String field, String label) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(field)) {
                return headers.get(i);
            }
        }
        return label + "（基础数据）";
    }

    /** The unit column of {@code row} naming {@code unit}, or the base data when no cell does. */
    private String columnHolding(RecipientTable.Row row, String unit) {
        for (int i = 0; i < columns.size() && i < row.cells().size(); i++) {
            FieldSpec field = columns.get(i);
            if ((field.type() == FieldType.UNIT || field.type() == FieldType.UNIT_LIST)
                    && value(field, row.cells().get(i).strip()).map(v -> v.equals(unit)
                    || (v instanceof List<?> list && list.contains(unit))).orElse(false)) {
                return headers.get(i);
            }
        }
        return "单位（基础数据）";
    }

    private static String printable(char c) {
        return c == '\t' ? "制表符" : c == '\r' ? "回车符" : String.valueOf(c);
    }
}
