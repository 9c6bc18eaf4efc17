package org.wenshu.app.seeding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javax.sql.DataSource;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.wenshu.app.indexing.ArchiveIndexing;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveLimits;
import org.wenshu.archive.storage.S3ObjectStore;
import org.wenshu.search.LuceneRecordIndex;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.imports.ImportReport;
import org.wenshu.search.imports.ReferenceImporter;

/**
 * Fills an empty bench home (基准数据) before {@code ./wenshu bench web} measures it: a folder of texts imported as
 * reference texts through the import path ({@link ReferenceImporter}, as {@code ./wenshu import}), then
 * {@link SyntheticArchive synthetic records} written through the archive, then the search index brought up to date
 * from the archive's change log as the server's follower would. Command line only ({@code wenshu bench seed}); it
 * refuses the production profile and any home whose archive already holds anything, so it can never mix synthetic
 * records into real ones.
 */
public final class BenchSeeding {

    /** Why seeding was refused; the command line reports the message with exit code 2. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** What seeding did. */
    public record Result(Optional<ImportReport> corpus, SyntheticArchive.Summary synthetic, int indexedChanges,
                         long indexMillis) {
    }

    private final Environment environment;
    private final Archive archive;
    private final DataSource dataSource;
    private final S3ObjectStore objects;
    private final InstrumentIssuing issuing;
    private final ReferenceImporter importer;
    private final ArchiveIndexing indexing;
    private final RecordIndex index;

    public BenchSeeding(Environment environment, Archive archive, DataSource dataSource, S3ObjectStore objects,
                        InstrumentIssuing issuing, ReferenceImporter importer, ArchiveIndexing indexing,
                        RecordIndex index) {
        this.environment = environment;
        this.archive = archive;
        this.dataSource = dataSource;
        this.objects = objects;
        this.issuing = issuing;
        this.importer = importer;
        this.indexing = indexing;
        this.index = index;
    }

    /**
     * Imports {@code corpus} (when present), writes {@code records} synthetic records drawn from {@code seed} on
     * {@code threads} threads, dated before {@code today}, and indexes everything.
     *
     * @throws Refused in the production profile, when the archive is not empty, or for a corpus that is no folder
     */
    public Result seed(Optional<Path> corpus, int records, long seed, int threads, LocalDate today,
                       Consumer<String> progress) {
        refuseUnlessBenchHome(corpus);
        Optional<ImportReport> imported = corpus.map(folder -> {
            progress.accept("importing " + folder + " as reference texts …");
            return importer.importFolder(folder);
        });
        imported.ifPresent(report -> progress.accept(String.format("imported %d texts (%.1f MB) in %.1f s",
                report.added(), report.bytes() / 1e6, report.millis() / 1000.0)));
        ZoneId zone = archive.zone();
        SeedingClock clock = new SeedingClock(zone);
        // The same database and bucket as the application's archive; only the clock differs, so that each record is
        // issued, delivered, answered and closed at its own (past) instants.
        Archive dated = Archive.open(dataSource, objects, ArchiveLimits.defaults(), clock);
        int step = Math.max(1, records / 20);
        IntConsumer done = n -> {
            if (n % step == 0 || n == records) {
                progress.accept("synthetic records: " + n + " / " + records);
            }
        };
        SyntheticArchive.Summary synthetic = new SyntheticArchive(dated, clock, issuing, seed, today)
                .write(records, threads, done);
        progress.accept("indexing the archive's changes …");
        long started = System.nanoTime();
        int changes = indexing.catchUp(index);
        index.commit();
        // Searches in this process see the seeded records once the command returns, not at the next periodic refresh.
        index.refresh();
        awaitVectors(progress);
        return new Result(imported, synthetic, changes, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * With retrieval by meaning on, waits until every record's passage vectors are embedded, so the bench measures
     * the steady state and not a server busy embedding the backlog.
     */
    private void awaitVectors(Consumer<String> progress) {
        if (!(index instanceof LuceneRecordIndex lucene) || lucene.vectorsPending() == 0) {
            return;
        }
        int total = lucene.vectorsPending();
        long started = System.nanoTime();
        while (!lucene.awaitVectors(Duration.ofSeconds(30))) {
            progress.accept(String.format("passage vectors: %d / %d records, %.0f s", total - lucene.vectorsPending(),
                    total, (System.nanoTime() - started) / 1e9));
        }
        lucene.commit();
        progress.accept(String.format("passage vectors of %d records in %.0f s", total,
                (System.nanoTime() - started) / 1e9));
    }

    private void refuseUnlessBenchHome(Optional<Path> corpus) {
        if (environment.acceptsProfiles(Profiles.of("production", "prod"))) {
            throw new Refused("wenshu bench seed 只用于基准测试，production 配置下拒绝执行 (refused in the production profile)");
        }
        if (!archive.changesSince(0, 1).isEmpty()) {
            throw new Refused("wenshu bench seed 只在空的数据目录上运行：" + environment.getProperty("wenshu.home")
                    + " 的档案中已有记录，合成数据不能混入 (refused: the archive of this home is not empty)");
        }
        corpus.ifPresent(folder -> {
            if (!Files.isDirectory(folder)) {
                throw new Refused("--corpus: 不是文件夹 (not a folder): " + folder);
            }
        });
    }
}
