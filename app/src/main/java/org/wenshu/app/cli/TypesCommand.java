package org.wenshu.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.wenshu.app.instruments.RecordJson;
import org.wenshu.templates.FieldSpec;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code wenshu types}: the instrument types and their fields. */
@Command(name = "types", mixinStandardHelpOptions = true,
        description = "列出文书类型及其字段 (instrument types and their fields).")
public class TypesCommand implements Callable<Integer>, ContextFree {

    private final InstrumentCatalog catalog;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "输出 JSON (machine-readable output).")
    boolean json;

    public TypesCommand(InstrumentCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            out.println(mapper.writeValueAsString(catalog.types().stream().map(RecordJson::type).toList()));
        } else {
            catalog.types().forEach(type -> print(type, out));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(InstrumentType type, PrintWriter out) {
        out.printf("%s  %s%n", type.id(), type.name());
        out.printf("  发文字号：%s    回复期限：%s%n", type.numberCodes().entrySet().stream()
                .map(e -> e.getValue() + "〔年份〕序号号（" + e.getKey() + "）")
                .collect(java.util.stream.Collectors.joining("、")),
                type.replyPeriod().describe());
        for (FieldSpec field : type.fields()) {
            out.printf("  %s %s %s %s%s%n", pad(field.name(), 20), pad(field.label(), 18), pad(field.type().label(), 8),
                    field.required() ? "必填" : "选填", limits(field));
        }
        out.println();
    }

    /** Pads to a terminal width in columns: Chinese characters take two. */
    private static String pad(String text, int columns) {
        int width = text.codePoints().map(c -> c >= 0x1100 ? 2 : 1).sum();
        return text + " ".repeat(Math.max(0, columns - width));
    }

    private static String limits(FieldSpec field) {
        StringBuilder limits = new StringBuilder();
        if (!field.choices().isEmpty()) {
            limits.append("  可选：").append(String.join("、", field.choices()));
        }
        if (field.maxLength() > 0) {
            limits.append("  ≤").append(field.maxLength()).append("字").append(field.isList() ? "/项" : "");
        }
        if (field.isList()) {
            limits.append("  ≤").append(field.maxItems()).append("项");
        }
        return limits.toString();
    }
}
