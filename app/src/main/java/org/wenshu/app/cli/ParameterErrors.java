package org.wenshu.app.cli;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import org.wenshu.app.api.TypedValues;

/**
 * Says in Chinese what is wrong with a command line picocli could not parse (a missing parameter or option value, an
 * unknown option or subcommand, a value of the wrong type, an option given twice), naming the command and where its
 * usage is shown; picocli's own messages are English.
 */
final class ParameterErrors {

    private ParameterErrors() {
    }

    /** The message for {@code failure}, e.g. {@code batch：缺少参数 JOB（……）；用法见 wenshu batch --help}. */
    static String describe(ParameterException failure) {
        CommandLine command = failure.getCommandLine();
        String name = command == null ? "wenshu" : command.getCommandSpec().qualifiedName(" ");
        String what = what(failure, command);
        if (what == null) {
            return failure.getMessage();
        }
        String subcommand = name.contains(" ") ? name.substring(name.indexOf(' ') + 1) + "：" : "";
        return subcommand + what + "；用法见 " + name + " --help";
    }

    private static String what(ParameterException failure, CommandLine command) {
        if (failure instanceof CommandLine.MissingParameterException missing) {
            // "Missing required parameter for option '--type'": the option is there, its value is not.
            boolean valueMissing = String.valueOf(failure.getMessage()).startsWith("Missing required parameter for option");
            return missing.getMissing().stream().map(arg -> missing(arg, valueMissing)).collect(Collectors.joining("；"));
        }
        if (failure instanceof CommandLine.UnmatchedArgumentException unmatched) {
            return unmatched(unmatched, command);
        }
        if (failure instanceof CommandLine.OverwrittenOptionException overwritten) {
            return (overwritten.getOverwritten() == null ? "同一选项" : label(overwritten.getOverwritten())) + " 给了两次";
        }
        if (failure instanceof CommandLine.MaxValuesExceededException) {
            return "参数过多";
        }
        if (failure instanceof CommandLine.MutuallyExclusiveArgsException) {
            return "这些选项不能同时使用";
        }
        if (failure.getArgSpec() != null && failure.getValue() != null) {
            return label(failure.getArgSpec()) + " 的值「" + failure.getValue() + "」" + wrong(failure.getArgSpec(), failure.getValue());
        }
        if (failure.getArgSpec() != null) {
            return label(failure.getArgSpec()) + " 无效";
        }
        return null; // a command's own Chinese message, e.g. 请指定子命令
    }

    private static String missing(ArgSpec arg, boolean valueMissing) {
        String description = String.join(" ", arg.description());
        // Descriptions are bilingual or English in places: shown only when they list values or are Chinese.
        boolean shown = description.contains("|") || description.codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF);
        String said = shown ? "（" + description + "）" : "";
        if (arg instanceof OptionSpec option) {
            return valueMissing ? "选项 " + option.longestName() + " 缺少值 " + option.paramLabel() + said
                    : "缺少选项 " + option.longestName() + " " + option.paramLabel() + said;
        }
        return "缺少参数 " + arg.paramLabel() + said;
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException unmatched, CommandLine command) {
        List<String> arguments = unmatched.getUnmatched();
        String first = arguments.isEmpty() ? "" : arguments.get(0);
        List<String> suggestions = unmatched.getSuggestions();
        String hint = suggestions.isEmpty() ? "" : "；是否想用 " + String.join("、", suggestions.subList(0, Math.min(3, suggestions.size())));
        if (first.startsWith("-")) {
            return "不认识的选项 " + first + hint;
        }
        if (command != null && !command.getSubcommands().isEmpty() && command.getCommandSpec().positionalParameters().isEmpty()) {
            return "没有子命令 " + first + "；可用：" + String.join("、", command.getSubcommands().keySet().stream()
                    .filter(n -> !n.equals("help")).toList()) + hint;
        }
        return "多余的参数 " + String.join(" ", arguments) + hint;
    }

    private static String label(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            return "选项 " + option.longestName();
        }
        return "参数 " + ((PositionalParamSpec) arg).paramLabel();
    }

    /**
     * What is wrong with {@code value} for {@code arg}: out of range for a whole number too large for its type, a day
     * its month lacks for a date, else what the value should be (the words the pages and the API use).
     */
    private static String wrong(ArgSpec arg, String value) {
        Class<?> type = type(arg);
        java.util.Optional<String> range = TypedValues.range(type)
                .flatMap(bounds -> TypedValues.outOfRange(value, bounds[0], bounds[1]));
        if (range.isPresent()) {
            return range.get();
        }
        if (type == LocalDate.class && TypedValues.nonexistentDate(value)) {
            return "不存在（该月没有这一天）";
        }
        return "无效：" + expected(arg);
    }

    private static Class<?> type(ArgSpec arg) {
        return arg.auxiliaryTypes().length > 0 && arg.isMultiValue() ? arg.auxiliaryTypes()[0] : arg.type();
    }

    private static String expected(ArgSpec arg) {
        Class<?> type = type(arg);
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "须为整数";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "须为数字";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "须为 true 或 false";
        }
        if (type == LocalDate.class) {
            return "须为日期 YYYY-MM-DD";
        }
        if (type.isEnum()) {
            return "可用：" + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining("、"));
        }
        if (arg.completionCandidates() != null) {
            StringBuilder values = new StringBuilder();
            arg.completionCandidates().forEach(v -> values.append(values.isEmpty() ? "" : "、").append(v));
            if (!values.isEmpty()) {
                return "可用：" + values;
            }
        }
        return "须为 " + arg.paramLabel();
    }
}
