package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.wenshu.generator.PdfRenderer;
import org.wenshu.templates.FieldSpec;
import org.wenshu.templates.FieldType;
import org.wenshu.templates.FieldValues;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import org.wenshu.templates.TemplateRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenshu bench render}: two-page instruments rendered per second for each type, template and PDF/A
 * together, on one thread and on all cores, after a warm-up.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "每秒生成的两页文书数（单线程与全部核心） (two-page documents per second).")
public class BenchRenderCommand implements Callable<Integer> {

    private static final String FILLER = "本院在履行法律监督职责中发现，部分行政执法案件存在线索移送不及时、信息共享不充分等问题，"
            + "影响了行政执法与刑事司法的有效衔接，需要相关单位依法履职、共同推进整改。";

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final InstrumentCatalog catalog;
    private final TemplateRenderer templates;
    private final ObjectProvider<PdfRenderer> pdf;

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "5", description = "每项测量的秒数（默认 ${DEFAULT-VALUE}）")
    int seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "每种类型预热的秒数（默认 ${DEFAULT-VALUE}）")
    int warmup;

    public BenchRenderCommand(InstrumentCatalog catalog, TemplateRenderer templates, ObjectProvider<PdfRenderer> pdf) {
        this.catalog = catalog;
        this.templates = templates;
        this.pdf = pdf;
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || warmup < 0) {
            throw new ExitCodes.BadInput("--seconds 至少为 1，--warmup 不能为负数");
        }
        PrintWriter out = spec.commandLine().getOut();
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("bench render: two-page PDF/A-2b instruments per second (template + PDF), %d s per figure after a %d s warm-up of every type, %d cores%n",
                seconds, warmup, cores);
        out.printf("%-26s %5s %10s %14s %10s %14s%n", "type", "pages", "1 thread", cores + " threads", "per core",
                "per CPU-second");
        out.flush();
        // Warm every type up before measuring any, so the first type is not measured while the JIT still compiles
        // the code all types share.
        Map<InstrumentType, FieldValues> samples = new LinkedHashMap<>();
        for (InstrumentType type : catalog.types()) {
            samples.put(type, twoPages(type));
            measure(samples.get(type), 1, warmup);
        }
        for (InstrumentType type : catalog.types()) {
            FieldValues values = samples.get(type);
            int pages = pdf.getObject().render(templates.render(values)).pages();
            Rate single = measure(values, 1, seconds);
            Rate all = measure(values, cores, seconds);
            out.printf("%-26s %5d %8.1f/s %12.1f/s %8.1f/s %12.1f/s%n", type.id(), pages, single.perSecond(),
                    all.perSecond(), all.perSecond() / cores, all.perCpuSecond());
            out.flush();
        }
        return ExitCodes.OK;
    }

    /**
     * Documents per wall-clock second and per CPU-second of the rendering threads; the second figure stays
     * meaningful on a machine whose cores are shared with other work.
     */
    private record Rate(double perSecond, double perCpuSecond) {
    }

    /** Documents rendered by {@code threads} threads over {@code duration} seconds. */
    private Rate measure(FieldValues values, int threads, int duration) throws InterruptedException, ExecutionException {
        if (duration == 0) {
            return new Rate(0, 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicBoolean running = new AtomicBoolean(true);
            long start = System.nanoTime();
            List<Future<long[]>> counts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                counts.add(pool.submit(() -> {
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    long done = 0;
                    while (running.get()) {
                        pdf.getObject().render(templates.render(values));
                        done++;
                    }
                    return new long[] {done, THREADS.getCurrentThreadCpuTime() - cpuStart};
                }));
            }
            Thread.sleep(duration * 1000L);
            running.set(false);
            long total = 0;
            long cpuNanos = 0;
            for (Future<long[]> count : counts) {
                total += count.get()[0];
                cpuNanos += count.get()[1];
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return new Rate(total / wall, cpuNanos > 0 ? total / (cpuNanos / 1e9) : 0);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Example-like values whose main text is just long enough for a second page. */
    private FieldValues twoPages(InstrumentType type) {
        Map<String, Object> values = sample(type);
        String body = type.fields().stream().filter(f -> f.type() == FieldType.MULTILINE)
                .map(FieldSpec::name).findFirst().orElseThrow();
        for (int paragraphs = 1; paragraphs <= 60; paragraphs++) {
            values.put(body, String.join("\n", java.util.Collections.nCopies(paragraphs, FILLER)));
            FieldValues candidate = type.validate(values);
            if (pdf.getObject().render(templates.render(candidate)).pages() >= 2) {
                return candidate;
            }
        }
        throw new IllegalStateException("no two-page sample for " + type.id());
    }

    /** Plausible values for every required field of a type, each short. */
    private static Map<String, Object> sample(InstrumentType type) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSpec field : type.fields()) {
            if (!field.required()) {
                continue;
            }
            values.put(field.name(), switch (field.type()) {
                case TEXT -> field.name().equals("title") ? "关于加强行政执法与刑事司法衔接工作的" + type.name() : "荆门市“府检联动”工作";
                case MULTILINE -> FILLER;
                case DATE -> "2024-03-20";
                case UNIT -> "荆门市人民检察院";
                case UNIT_LIST -> List.of("市公安局", "市司法局", "市政数局");
                case ITEM_LIST -> List.of("建立健全公益诉讼线索移送机制。", "加强行政执法信息共享。");
                case CHOICE -> field.choices().get(0);
                case FLAG -> Boolean.FALSE;
                case DOCUMENT_NUMBER -> type.number(2024, 3).text();
                case RESOLUTION_LIST -> List.of(Map.of("title", "建立健全公益诉讼线索移送机制", "leadUnit", "市检察院",
                        "coUnits", List.of("市司法局"), "deadline", "2024-06-30"));
            });
        }
        return values;
    }
}
