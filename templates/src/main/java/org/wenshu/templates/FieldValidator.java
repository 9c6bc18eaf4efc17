package org.wenshu.templates;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks raw JSON values against a type's fields and collects every problem before reporting. */
final class FieldValidator {

    private final InstrumentType type;
    private final List<FieldInvalid> problems = new ArrayList<>();
    private final Map<String, Object> valid = new LinkedHashMap<>();
    /** The day the instrument is issued on, when validating for issuing: its 成文日期 may not come after it. */
    private final Optional<LocalDate> today;

    private FieldValidator(InstrumentType type, Optional<LocalDate> today) {
        this.type = type;
        this.today = today;
    }

    static FieldValues validate(InstrumentType type, Map<String, ?> raw, Optional<LocalDate> today) {
        FieldValidator validator = new FieldValidator(type, today);
        Map<String, ?> given = raw == null ? Map.of() : raw;
        for (String name : given.keySet()) {
            if (type.field(name).isEmpty()) {
                validator.problems.add(new FieldInvalid(name, name, "未知字段；" + type.name() + "的字段有："
                        + String.join("、", type.fields().stream().map(FieldSpec::name).toList())));
            }
        }
        for (FieldSpec field : type.fields()) {
            validator.check(field, given.get(field.name()));
        }
        validator.checkDateOrders();
        if (!validator.problems.isEmpty()) {
            throw new FieldsInvalid(type.id(), validator.problems);
        }
        return new FieldValues(type, validator.valid);
    }

    private void check(FieldSpec field, Object value) {
        if (isAbsent(value)) {
            if (field.required()) {
                fail(field, "必须填写");
            }
            return;
        }
        Optional<Object> typed = switch (field.type()) {
            case TEXT, UNIT -> line(field, value);
            case MULTILINE -> paragraphs(field, value);
            case DATE -> date(field, value);
            case UNIT_LIST, ITEM_LIST -> list(field, value);
            case CHOICE -> choice(field, value);
            case FLAG -> flag(field, value);
            case DOCUMENT_NUMBER -> documentNumber(field, value);
            case RESOLUTION_LIST -> resolutions(field, value);
        };
        typed.ifPresent(v -> valid.put(field.name(), v));
    }

    private static boolean isAbsent(Object value) {
        return value == null
                || (value instanceof String text && text.isBlank())
                || (value instanceof List<?> list && list.isEmpty());
    }

    private Optional<Object> line(FieldSpec field, Object value) {
        return string(field, value).flatMap(text -> {
            String line = text.strip();
            if (line.contains("\n") || line.contains("\r")) {
                return fail(field, "不能换行（多段内容请写在多段文本字段中）");
            }
            return checked(field, line, field.label());
        });
    }

    private Optional<Object> paragraphs(FieldSpec field, Object value) {
        return string(field, value).flatMap(text -> {
            // One paragraph per line; blank lines and surrounding spaces carry no meaning in print.
            List<String> paragraphs = text.replace("\r\n", "\n").replace('\r', '\n').lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            String normalized = String.join("\n", paragraphs);
            return checked(field, normalized, field.label());
        });
    }

    private Optional<Object> date(FieldSpec field, Object value) {
        return string(field, value).flatMap(text -> {
            try {
                LocalDate date = LocalDate.parse(text.strip());
                if (date.getYear() < 1949 || date.getYear() > 2200) {
                    return fail(field, "日期 " + text + " 超出合理范围");
                }
                if (field.name().equals(InstrumentCatalog.DATE_FIELD) && today.filter(date::isAfter).isPresent()) {
                    return fail(field, ChineseNumbers.date(date) + "晚于今天（" + ChineseNumbers.date(today.get())
                            + "），成文日期不能是将来的日期");
                }
                return Optional.of(date);
            } catch (DateTimeParseException e) {
                if (writtenAsDate(text)) {
                    return fail(field, "日期 " + text.strip() + " 不存在（该月没有这一天）");
                }
                return fail(field, "应为日期，格式 年-月-日，如 2024-03-05（实际为 “" + text + "”）");
            }
        });
    }

    private Optional<Object> list(FieldSpec field, Object value) {
        if (!(value instanceof List<?> items)) {
            return fail(field, "应为列表（JSON 数组，如 [\"…\", \"…\"]），实际为" + jsonKind(value));
        }
        if (items.size() > field.maxItems()) {
            return fail(field, "最多 " + field.maxItems() + " 项（现有 " + items.size() + " 项）");
        }
        List<String> texts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String where = "第 " + (i + 1) + " 项";
            Object item = items.get(i);
            if (!(item instanceof String text) || text.isBlank()) {
                fail(field, where + "应为非空文本");
                ok = false;
                continue;
            }
            String line = text.strip();
            if (line.contains("\n") || line.contains("\r")) {
                fail(field, where + "不能换行");
                ok = false;
                continue;
            }
            if (checked(field, line, where).isEmpty()) {
                ok = false;
                continue;
            }
            if (field.type() == FieldType.UNIT_LIST && !seen.add(line)) {
                fail(field, where + "“" + line + "”重复");
                ok = false;
                continue;
            }
            texts.add(line);
        }
        return ok ? Optional.of(List.copyOf(texts)) : Optional.empty();
    }

    /** The most characters of a unit named in a resolution, as of every unit field. */
    private static final int UNIT_LENGTH = 40;

    private Optional<Object> resolutions(FieldSpec field, Object value) {
        if (!(value instanceof List<?> items)) {
            return fail(field, "应为列表（JSON 数组，每项为 {\"title\", \"leadUnit\", \"coUnits\", \"deadline\"}），实际为"
                    + jsonKind(value));
        }
        if (items.size() > field.maxItems()) {
            return fail(field, "最多 " + field.maxItems() + " 项（现有 " + items.size() + " 项）");
        }
        List<Resolution> resolutions = new ArrayList<>();
        int before = problems.size();
        for (int i = 0; i < items.size(); i++) {
            String where = "第 " + (i + 1) + " 项";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                fail(field, where + "应为对象（含 title、leadUnit、coUnits、deadline），实际为" + jsonKind(items.get(i)));
                continue;
            }
            for (Object key : item.keySet()) {
                if (!List.of("title", "leadUnit", "coUnits", "deadline").contains(String.valueOf(key))) {
                    fail(field, where + "含未知字段「" + key + "」；可用字段：title、leadUnit、coUnits、deadline");
                }
            }
            Optional<String> title = part(field, item.get("title"), where + "的事项", field.maxLength())
                    .map(text -> text.replaceAll("[。；;.]+$", "").strip());
            title.filter(String::isEmpty).ifPresent(empty -> fail(field, where + "的事项必须填写"));
            Optional<String> lead = part(field, item.get("leadUnit"), where + "的牵头单位", UNIT_LENGTH);
            List<String> co = coUnits(field, item.get("coUnits"), where, lead.orElse(""));
            Optional<LocalDate> deadline = part(field, item.get("deadline"), where + "的完成时限", 10)
                    .flatMap(text -> deadline(field, text, where));
            if (title.filter(t -> !t.isEmpty()).isPresent() && lead.isPresent() && deadline.isPresent() && co != null) {
                resolutions.add(new Resolution(title.get(), lead.get(), co, deadline.get()));
            }
        }
        return problems.size() == before ? Optional.of(List.copyOf(resolutions)) : Optional.empty();
    }

    /** A required one-line text part of a structured item; {@code what} names it in messages. */
    private Optional<String> part(FieldSpec field, Object value, String what, int maxLength) {
        if (isAbsent(value)) {
            return fail(field, what + "必须填写");
        }
        if (!(value instanceof String text)) {
            return fail(field, what + "应为文本，实际为" + jsonKind(value));
        }
        String line = text.strip();
        if (line.contains("\n") || line.contains("\r")) {
            return fail(field, what + "不能换行");
        }
        int length = line.codePointCount(0, line.length());
        if (length > maxLength) {
            return fail(field, what + "不能超过 " + maxLength + " 个字（现有 " + length + " 个）");
        }
        return checked(field, line, what).map(String.class::cast);
    }

    /** The co-operating units of a resolution, or null when any is invalid (each problem reported). */
    private List<String> coUnits(FieldSpec field, Object value, String where, String lead) {
        if (isAbsent(value)) {
            return List.of();
        }
        if (!(value instanceof List<?> units)) {
            fail(field, where + "的配合单位应为列表，实际为" + jsonKind(value));
            return null;
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (int j = 0; j < units.size(); j++) {
            Optional<String> unit = part(field, units.get(j), where + "的第 " + (j + 1) + " 个配合单位", UNIT_LENGTH);
            if (unit.isEmpty()) {
                ok = false;
            } else if (unit.get().equals(lead)) {
                fail(field, where + "的配合单位「" + lead + "」已是牵头单位");
                ok = false;
            } else if (!seen.add(unit.get())) {
                fail(field, where + "的配合单位「" + unit.get() + "」重复");
                ok = false;
            } else {
                names.add(unit.get());
            }
        }
        return ok ? names : null;
    }

    private Optional<LocalDate> deadline(FieldSpec field, String text, String where) {
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < 1949 || date.getYear() > 2200) {
                return fail(field, where + "的完成时限 " + text + " 超出合理范围");
            }
            return Optional.of(date);
        } catch (DateTimeParseException e) {
            if (writtenAsDate(text)) {
                return fail(field, where + "的完成时限 " + text.strip() + " 不存在（该月没有这一天）");
            }
            return fail(field, where + "的完成时限应为日期，格式 年-月-日，如 2024-06-30（实际为 “" + text + "”）");
        }
    }

    /**
     * Whether {@code text} that did not parse is a well-written date whose month has no such day (2024-02-30); a month
     * 13 or a day 32 is a malformed date instead.
     */
    private static boolean writtenAsDate(String text) {
        return text.strip().matches("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])");
    }

    private Optional<Object> choice(FieldSpec field, Object value) {
        return string(field, value).flatMap(text -> field.choices().contains(text.strip())
                ? Optional.of(text.strip())
                : fail(field, "应为以下之一：" + String.join("、", field.choices()) + "（实际为 “" + text + "”）"));
    }

    private Optional<Object> flag(FieldSpec field, Object value) {
        return value instanceof Boolean flag ? Optional.of(flag)
                : fail(field, "应为 true 或 false，实际为" + jsonKind(value));
    }

    private Optional<Object> documentNumber(FieldSpec field, Object value) {
        return string(field, value).flatMap(text -> DocumentNumber.parse(text.strip())
                .<Object>map(DocumentNumber::text)
                .or(() -> fail(field, "“" + text.strip() + "”不是有效的发文字号；" + DocumentNumber.formatHint())));
    }

    private Optional<String> string(FieldSpec field, Object value) {
        if (value instanceof String text) {
            return Optional.of(text);
        }
        fail(field, "应为文本（JSON 字符串），实际为" + jsonKind(value));
        return Optional.empty();
    }

    /** Length and character checks shared by every text; {@code where} names the value in the message. */
    private Optional<Object> checked(FieldSpec field, String text, String where) {
        int length = text.codePointCount(0, text.length());
        if (length > field.maxLength()) {
            return fail(field, where + "不能超过 " + field.maxLength() + " 个字（现有 " + length + " 个）");
        }
        Optional<String> bad = text.codePoints().filter(FieldValidator::isUnprintable).mapToObj(
                c -> String.format("U+%04X", c)).reduce((a, b) -> a + " " + b);
        if (bad.isPresent()) {
            // Control characters and lone surrogates cannot be printed and are not even legal in XHTML.
            return fail(field, where + "含有不可打印的字符：" + bad.get());
        }
        Optional<String> invisible = text.codePoints().filter(InvisibleCharacters::isInvisible).distinct()
                .mapToObj(InvisibleCharacters::describe).reduce((a, b) -> a + "、" + b);
        if (invisible.isPresent()) {
            // Two unit names that look the same must be the same: a zero-width space would make them differ.
            return fail(field, where + "含有不可见字符：" + invisible.get() + "；请删除后重新输入");
        }
        return Optional.of(text);
    }

    private static boolean isUnprintable(int c) {
        if (c == '\n') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED
                || (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF);
    }

    private void checkDateOrders() {
        checkDeadlines();
        for (DateOrder order : type.dateOrders()) {
            Object earlier = valid.get(order.earlier());
            Object later = valid.get(order.later());
            if (earlier instanceof LocalDate first && later instanceof LocalDate second && second.isBefore(first)) {
                FieldSpec field = type.field(order.later()).orElseThrow();
                fail(field, order.reason() + "（" + ChineseNumbers.date(second) + " 早于 "
                        + ChineseNumbers.date(first) + "）");
            }
        }
    }

    /** A resolution cannot be due before the instrument that records it was written (成文日期). */
    private void checkDeadlines() {
        if (!(valid.get(InstrumentCatalog.DATE_FIELD) instanceof LocalDate written)) {
            return;
        }
        for (FieldSpec field : type.fields()) {
            if (field.type() == FieldType.RESOLUTION_LIST && valid.get(field.name()) instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Resolution resolution && resolution.deadline().isBefore(written)) {
                        fail(field, "第 " + (i + 1) + " 项的完成时限" + ChineseNumbers.date(resolution.deadline())
                                + "早于成文日期" + ChineseNumbers.date(written));
                    }
                }
            }
        }
    }

    private <T> Optional<T> fail(FieldSpec field, String reason) {
        problems.add(new FieldInvalid(field.name(), field.label(), reason));
        return Optional.empty();
    }

    private static String jsonKind(Object value) {
        if (value instanceof String) {
            return "文本";
        }
        if (value instanceof Number) {
            return "数字 " + value;
        }
        if (value instanceof Boolean) {
            return "布尔值 " + value;
        }
        if (value instanceof List<?>) {
            return "列表";
        }
        if (value instanceof Map<?, ?>) {
            return "对象";
        }
        return String.valueOf(value);
    }
}
