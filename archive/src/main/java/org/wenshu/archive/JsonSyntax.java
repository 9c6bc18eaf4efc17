package org.wenshu.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Says in Chinese where and why a JSON document a user wrote (a data file, a bulk-issue base data file) could not be
 * read, instead of the parser's English message: the line and column (1-based, as editors count them) and the usual
 * causes, or the key given twice.
 */
public final class JsonSyntax {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object property|field) \"([^\"]*)\"");

    private JsonSyntax() {
    }

    /**
     * The reason, e.g. {@code 第 3 行第 5 列附近格式有误（常见原因：缺少逗号、引号或括号，或多了逗号）}; never the parser's own
     * text.
     */
    public static String describe(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : "第 " + location.getLineNr() + " 行第 " + location.getColumnNr() + " 列附近";
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            return where + "字段「" + duplicate.group(1) + "」出现了两次";
        }
        return (where.isEmpty() ? "" : where) + "格式有误（常见原因：缺少逗号、引号或括号，多了逗号，或文件不完整）";
    }
}
