package org.wenshu.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * The help of each batch job, as {@code wenshu batch JOB --help} prints it: a usage line and one Chinese line per
 * parameter. The usage line is also what a job's refusal of its arguments repeats (a missing or empty value).
 */
final class BatchJobHelp {

    /** A job's {@code key=value} parameter (or argument) and what it means. */
    record Parameter(String form, String description) {
    }

    /** A job's usage line, what it does, and its parameters. */
    record Job(String usage, String summary, List<Parameter> parameters) {
    }

    private static final Map<String, Job> JOBS = new LinkedHashMap<>();

    static {
        JOBS.put("bulk-issue", new Job("wenshu batch bulk-issue type=类型 data=基础数据.json file=名单.xlsx|.csv [encoding=编码] [skipLimit=N]",
                "按名单批量发文：名单每行一份文书，编号、盖章、存档、入索引；同一名单与基础数据再次运行即续做或报告已完成。",
                List.of(new Parameter("type=类型", "文书类型（wenshu types 列出可批量发的类型）"),
                        new Parameter("data=基础数据.json", "各行共用的字段（JSON 文件）"),
                        new Parameter("file=名单.xlsx|.csv", "收文单位名单，每行一份文书"),
                        new Parameter("[encoding=编码]", "CSV 名单的编码，不是 UTF-8 时给出：GB18030（GBK、GB2312 同此）；不能写简体字的编码（如 Big5）不接受"),
                        new Parameter("[skipLimit=N]", "最多跳过多少个有问题的行，超过则不发文（默认见配置 wenshu.batch.skip-limit）"))));
        JOBS.put("overdue", new Job("wenshu batch overdue [date=YYYY-MM-DD] [copyToParent=true|false]",
                "逾期未回复催办：为逾期未回复的文书，向每个未回复的主送单位发出本轮督促回复函（发函单位即原文书的发文机关），"
                        + "并标记逾期的督办事项；报告列出本次发出的每份督促回复函。",
                List.of(new Parameter("[date=YYYY-MM-DD]", "判断逾期的截至日期，默认今天，不能晚于今天；督促回复函一律以发函当天为成文日期、"
                                + "编号年份和回复期限的起算日。同一 date 只运行一次，再次运行提示已催办过"),
                        new Parameter("[copyToParent=true|false]", "是否把督促回复函抄报主送单位的上级单位（默认见配置 wenshu.batch.overdue.copy-to-parent，false）"))));
        JOBS.put("fixity", new Job("wenshu batch fixity [maxObjectsPerSecond=N]",
                "档案完整性核验：逐条核对记录的对象摘要与签章，报告发现的问题；中断后用 restart 从上次提交处继续。",
                List.of(new Parameter("[maxObjectsPerSecond=N]", "每秒最多核验多少个对象，0 为不限速（默认 0）"))));
        JOBS.put("reindex", new Job("wenshu batch reindex",
                "从档案重建检索索引（索引丢失、损坏或版本变化后运行）。没有参数。", List.of()));
        JOBS.put("import", new Job("wenshu batch import dir=文件夹",
                "导入参考资料：文件夹（含子文件夹）下的 .md、.txt、.pdf、.docx 文件存档并建索引；跳过的文件按原因汇总。",
                List.of(new Parameter("dir=文件夹", "要导入的文件夹"))));
        JOBS.put("status", new Job("wenshu batch status [ID [--all]]",
                "列出最近的作业执行；给出执行编号则显示该次执行的报告。",
                List.of(new Parameter("[ID]", "执行编号（见 wenshu batch status 的列表）"),
                        new Parameter("[--all]", "与 ID 一起：列出报告中的全部条目（如导入跳过的每个文件），不只每类前 "
                                + BatchCommand.SHOWN_PER_REASON + " 条"))));
        JOBS.put("restart", new Job("wenshu batch restart ID",
                "从上次提交处继续一次失败或被中断的执行。",
                List.of(new Parameter("ID", "执行编号（见 wenshu batch status）"))));
    }

    private BatchJobHelp() {
    }

    /** The job's usage line, e.g. {@code wenshu batch import dir=文件夹}; empty for an unknown job. */
    static Optional<String> usage(String job) {
        return Optional.ofNullable(JOBS.get(job)).map(Job::usage);
    }

    /** The job's whole help text; empty for an unknown job. */
    static Optional<String> text(String job) {
        Job help = JOBS.get(job);
        if (help == null) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("用法：").append(help.usage()).append('\n').append(help.summary()).append('\n');
        if (!help.parameters().isEmpty()) {
            text.append("参数：\n");
            int width = help.parameters().stream().mapToInt(p -> p.form().length()).max().orElse(0);
            for (Parameter parameter : help.parameters()) {
                text.append("  ").append(parameter.form()).append(" ".repeat(width - parameter.form().length() + 2))
                        .append(parameter.description()).append('\n');
            }
        }
        return Optional.of(text.toString());
    }

    /**
     * Makes {@code wenshu batch JOB --help} print JOB's help instead of the general one: every section of the batch
     * command's usage message asks, when it is printed (after parsing), whether a known job was named.
     */
    static void install(CommandLine batch) {
        Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>(batch.getHelpSectionMap());
        for (Map.Entry<String, IHelpSectionRenderer> entry : batch.getHelpSectionMap().entrySet()) {
            String key = entry.getKey();
            IHelpSectionRenderer general = entry.getValue();
            sections.put(key, help -> {
                Optional<String> job = help.commandSpec().userObject() instanceof BatchCommand command
                        ? Optional.ofNullable(command.job).flatMap(BatchJobHelp::text) : Optional.empty();
                if (job.isEmpty()) {
                    return general.render(help);
                }
                return key.equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS) ? job.get() : "";
            });
        }
        batch.setHelpSectionMap(sections);
    }
}
