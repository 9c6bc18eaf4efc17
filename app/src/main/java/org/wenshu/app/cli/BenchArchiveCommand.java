package org.wenshu.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.springframework.beans.factory.annotation.Value;
import org.wenshu.archive.ArchiveBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu bench archive}. */
@Command(name = "archive", mixinStandardHelpOptions = true, description = "存档：每秒发文数（端到端，不含生成签章），对象读写吞吐与本地文件系统之比")
public class BenchArchiveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--records", defaultValue = "300", description = "发文数，默认 ${DEFAULT-VALUE}")
    int records;

    @Option(names = "--threads", defaultValue = "4", description = "并发发文线程数，默认 ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--objects", defaultValue = "1000", description = "对象数，默认 ${DEFAULT-VALUE}")
    int objects;

    @Option(names = "--size-kib", defaultValue = "200", description = "对象大小 KiB，默认 ${DEFAULT-VALUE}")
    int sizeKiB;

    private final Path home;

    public BenchArchiveCommand(@Value("${wenshu.home}") Path home) {
        this.home = home;
    }

    @Override
    public Integer call() throws Exception {
        if (records < 1 || threads < 1 || objects < 1 || sizeKiB < 1) {
            throw new ExitCodes.BadInput("--records、--threads、--objects、--size-kib 须为正整数");
        }
        Path scratch = home.resolve("bench-" + System.currentTimeMillis());
        var out = spec.commandLine().getOut();
        out.println("bench archive: embedded S3Proxy + H2 (WRITE_DELAY=0) in scratch " + scratch + " (deleted afterwards)");
        ArchiveBenchmark.Result r = ArchiveBenchmark.run(scratch, records, threads, objects, sizeKiB);
        out.println(String.format(Locale.ROOT, "issue    %d records (%d KiB PDF, render+sign excluded), %d threads: %.2f s -> %.1f records/s",
                r.records(), r.instrumentBytes() / 1024, r.threads(), r.issuing().toNanos() / 1e9, r.recordsPerSecond()));
        out.println(String.format(Locale.ROOT, "put      %d x %d KiB: S3 %.1f MiB/s (%.0f objects/s), file system %.1f MiB/s -> S3/fs %.2f",
                r.objects(), sizeKiB, r.s3PutMiBps(), r.objects() / (r.s3Put().toNanos() / 1e9), r.fsPutMiBps(),
                r.s3PutMiBps() / r.fsPutMiBps()));
        out.println(String.format(Locale.ROOT, "get      %d x %d KiB: S3 %.1f MiB/s (%.0f objects/s), file system %.1f MiB/s -> S3/fs %.2f",
                r.objects(), sizeKiB, r.s3GetMiBps(), r.objects() / (r.s3Get().toNanos() / 1e9), r.fsGetMiBps(),
                r.s3GetMiBps() / r.fsGetMiBps()));
        return ExitCodes.OK;
    }
}
