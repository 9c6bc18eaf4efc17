package org.wenshu.batch.bulk;

import java.util.List;

import org.wenshu.templates.FieldInvalid;

/**
 * The base data (基础数据) has mistakes no row of the list can correct: a field no column supplies is missing or
 * invalid, a field is unknown, a value it gives is invalid in itself, or it names an unknown unit. Reported once for
 * the data file instead of on every row; nothing was issued.
 */
public final class BaseDataInvalid extends ListRefused {

    private final transient List<FieldInvalid> problems;

    public BaseDataInvalid(List<FieldInvalid> problems) {
        super("基础数据有 " + problems.size() + " 处错误，名单的每一行都会用到，请修改基础数据文件后重新提交："
                + String.join("；", problems.stream().map(BaseDataInvalid::describe).toList()));
        this.problems = List.copyOf(problems);
    }

    /** Each problem: the field (name and label) and the reason. */
    public List<FieldInvalid> problems() {
        return problems;
    }

    /** {@code 标题(title)：必须填写}; an unknown field is named once. */
    static String describe(FieldInvalid problem) {
        String field = problem.label().equals(problem.field()) ? problem.field()
                : problem.label() + "(" + problem.field() + ")";
        return field + "：" + problem.reason();
    }
}
