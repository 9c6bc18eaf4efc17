package org.wenshu.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.app.seeding.BenchSeeding;
import org.wenshu.archive.Archive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wenshu bench seed}: fills an empty home with a corpus of reference texts and synthetic records for
 * {@code ./wenshu bench web} (see {@link BenchSeeding}); refused in the production profile and on a home that holds
 * records.
 */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "基准数据 (bench data): import --corpus as reference texts and write --synthetic records "
                + "(unsigned one-page PDFs, everything else real) into an EMPTY home; refused in production.")
class BenchSeedCommand implements Callable<Integer> {

    static final int MAX_RECORDS = 200_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", description = "folder of texts to import as reference texts")
    Path corpus;

    @Option(names = "--synthetic", paramLabel = "N", defaultValue = "10000",
            description = "synthetic records to write (default ${DEFAULT-VALUE}; 0 for none)")
    int records;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "4", description = "writing threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--today", paramLabel = "DATE",
            description = "the day the synthetic records are dated before (default: today in the archive's zone); "
                    + "the same seed and day give the same records")
    LocalDate today;

    private final ObjectProvider<BenchSeeding> seeding;
    private final ObjectProvider<Archive> archive;

    BenchSeedCommand(ObjectProvider<BenchSeeding> seeding, ObjectProvider<Archive> archive) {
        this.seeding = seeding;
        this.archive = archive;
    }

    @Override
    public Integer call() {
        if (records < 0 || records > MAX_RECORDS) {
            throw new ExitCodes.BadInput("--synthetic 须在 0 至 " + MAX_RECORDS + " 之间 (got " + records + ")");
        }
        if (threads < 1 || threads > 64) {
            throw new ExitCodes.BadInput("--threads 须在 1 至 64 之间 (got " + threads + ")");
        }
        LocalDate until = today != null ? today : archive.getObject().today();
        if (until.isAfter(archive.getObject().today()) || until.getYear() < 2005) {
            throw new ExitCodes.BadInput("--today " + until + ": 须在 2005 年至今天之间 (between 2005 and today)");
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchSeeding.Result result;
        try {
            result = seeding.getObject().seed(Optional.ofNullable(corpus), records, seed, threads, until, message -> {
                        err.println("bench seed: " + message);
                        err.flush();
                    });
        } catch (BenchSeeding.Refused refused) {
            throw new ExitCodes.BadInput(refused.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        result.corpus().ifPresent(report -> out.printf("corpus: %d texts imported, %d skipped, %d failed%n",
                report.added(), report.skipped().size(), report.failed().size()));
        out.printf("synthetic: seed %d, dated before %s%n", seed, until);
        out.printf("synthetic: %d records written (%d existed), %d responses, %.1f s = %.1f records/s%n",
                result.synthetic().issued(), result.synthetic().existing(), result.synthetic().responses(),
                result.synthetic().millis() / 1000.0,
                result.synthetic().issued() / Math.max(0.001, result.synthetic().millis() / 1000.0));
        out.printf("index: %d archive changes applied in %.1f s%n", result.indexedChanges(),
                result.indexMillis() / 1000.0);
        return result.corpus().map(r -> r.failed().isEmpty()).orElse(true) ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
