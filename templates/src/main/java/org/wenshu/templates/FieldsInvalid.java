package org.wenshu.templates;

import java.util.List;
import java.util.stream.Collectors;

/** The field values given for an instrument have problems; every problem is listed, not only the first. */
public final class FieldsInvalid extends RuntimeException {

    private final String typeId;
    private final List<FieldInvalid> problems;

    public FieldsInvalid(String typeId, List<FieldInvalid> problems) {
        super(message(typeId, problems));
        this.typeId = typeId;
        this.problems = List.copyOf(problems);
    }

    /** The instrument type the values were given for. */
    public String typeId() {
        return typeId;
    }

    /** Every problem found, in the order of the type's fields. */
    public List<FieldInvalid> problems() {
        return problems;
    }

    private static String message(String typeId, List<FieldInvalid> problems) {
        return "文书类型 " + typeId + " 的字段有 " + problems.size() + " 处需要修改：\n"
                + problems.stream().map(p -> "  - " + p.describe()).collect(Collectors.joining("\n"));
    }
}
