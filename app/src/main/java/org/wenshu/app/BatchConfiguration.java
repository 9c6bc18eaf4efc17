package org.wenshu.app;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.PlatformTransactionManager;
import org.wenshu.app.bulk.BulkIssues;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.app.signing.UnitSealMissing;
import org.wenshu.app.signing.UnitSeals;
import org.wenshu.archive.Archive;
import org.wenshu.archive.DocumentNumber;
import org.wenshu.archive.IssueRequest;
import org.wenshu.batch.BatchJobs;
import org.wenshu.batch.BatchSettings;
import org.wenshu.batch.IndexFollower;
import org.wenshu.app.verification.PublicLinks;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.batch.IssuingUnitUnsealed;
import org.wenshu.batch.SignatureVerifier;
import org.wenshu.generator.verification.PdfVerifier;
import org.wenshu.batch.bulk.BulkIssueCounts;
import org.wenshu.batch.bulk.BulkIssueLedger;
import org.wenshu.generator.verification.VerificationReport;
import org.wenshu.batch.bulk.BulkIssueJobConfiguration;
import org.wenshu.batch.fixity.FixityJobConfiguration;
import org.wenshu.batch.imports.ImportJobConfiguration;
import org.wenshu.batch.overdue.OverdueJobConfiguration;
import org.wenshu.batch.overdue.OverdueReminders;
import org.wenshu.batch.reindex.ReindexJobConfiguration;
import org.wenshu.batch.reindex.ReindexSource;
import org.wenshu.app.indexing.ArchiveIndexing;
import org.wenshu.archive.RecordChange;
import org.wenshu.search.IndexedRecord;
import org.wenshu.search.RecordIndex;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import org.wenshu.templates.TemplateRenderer;
import org.wenshu.templates.VerificationMark;

/**
 * Wires the batch jobs (Spring Batch, job repository in the record database): the jobs of the batch module, the
 * issuing they share with {@code wenshu issue} (validation, render, unit seal) and the index catch-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatchConfiguration.BatchProperties.class)
@Import({BulkIssueJobConfiguration.class, OverdueJobConfiguration.class, FixityJobConfiguration.class,
        ReindexJobConfiguration.class, ImportJobConfiguration.class})
public class BatchConfiguration {

    /**
     * {@code wenshu.batch.*}: {@code threads} (0: the number of cores) and {@code chunk-size} (0:
     * {@link BatchSettings#ROWS_PER_THREAD} per thread) of
     * bulk issuing, the largest recipient list ({@code max-rows}, {@code max-list-size}), the default
     * {@code skip-limit}, and after how long without an update an execution owned by another host counts as dead
     * ({@code stale-after-minutes}; on this host a dead process is seen at once).
     */
    @ConfigurationProperties("wenshu.batch")
    public record BatchProperties(@DefaultValue("0") int threads, @DefaultValue("0") int chunkSize,
                                  @DefaultValue("10000") int maxRows, @DefaultValue("20MB") DataSize maxListSize,
                                  @DefaultValue("50") int skipLimit, @DefaultValue("30") long staleAfterMinutes,
                                  @DefaultValue Overdue overdue) {

        /**
         * {@code wenshu.batch.overdue.*}: days between reminder rounds, whether reminders are copied (抄报) to the
         * recipient's parent unit, and a cron expression (Spring's six fields, e.g. {@code 0 0 8 * * MON-FRI}) to run
         * the overdue job inside a long-running application; empty: never scheduled.
         */
        public record Overdue(@DefaultValue("30") int intervalDays, @DefaultValue("false") boolean copyToParent,
                              @DefaultValue("") String cron) {
        }
    }

    /**
     * Creates the job repository's tables (Spring Batch's script for the database) when they are missing. Takes the
     * archive so that its Flyway migration runs first: Flyway refuses to start on a non-empty schema without its
     * history table, which is what the batch tables alone would leave in a new database.
     */
    @Bean
    BatchDataSourceScriptDatabaseInitializer batchDataSourceInitializer(HikariDataSource dataSource,
                                                                        BatchJdbcProperties properties, Archive archive) {
        BatchJdbcProperties settings = new BatchJdbcProperties();
        settings.setSchema(properties.getSchema());
        settings.setPlatform(properties.getPlatform());
        settings.setTablePrefix(properties.getTablePrefix());
        settings.setInitializeSchema(tablesExist(dataSource, properties.getTablePrefix())
                ? DatabaseInitializationMode.NEVER : DatabaseInitializationMode.ALWAYS);
        return new BatchDataSourceScriptDatabaseInitializer(dataSource, settings);
    }

    private static boolean tablesExist(DataSource dataSource, String prefix) {
        String table = (prefix == null ? "BATCH_" : prefix) + "JOB_INSTANCE";
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String name : List.of(table, table.toLowerCase(java.util.Locale.ROOT))) {
                try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), name, null)) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect the record database for the batch tables: " + e.getMessage(), e);
        }
    }

    @Bean
    BatchSettings batchSettings(BatchProperties properties) {
        BatchSettings defaults = BatchSettings.defaults();
        int threads = properties.threads() > 0 ? properties.threads() : defaults.threads();
        return new BatchSettings(threads, properties.chunkSize() > 0 ? properties.chunkSize()
                : BatchSettings.ROWS_PER_THREAD * threads, properties.maxRows(),
                properties.maxListSize().toBytes(), properties.skipLimit());
    }

    @Bean
    BatchJobs batchJobs(JobOperator jobOperator, JobRepository jobRepository, List<Job> jobs, BatchProperties properties,
                        ObjectProvider<Archive> archive) {
        return new BatchJobs(jobOperator, jobRepository, jobs, properties.staleAfterMinutes(),
                () -> archive.getObject().today());
    }

    /** What each bulk-issue execution issued, for the page, the API and {@code wenshu batch status} alike. */
    @Bean
    BulkIssueLedger bulkIssueLedger(BatchJobs jobs, BulkIssueCounts counts, InstrumentCatalog catalog,
                                    BatchSettings settings, InstrumentIssuer issuer, Archive archive) {
        return new BulkIssueLedger(jobs, counts, catalog, settings, issuer, archive);
    }

    /** Bulk issuing from the web (page and API): uploads kept in {@code $WENSHU_HOME/bulk-uploads}. */
    @Bean
    BulkIssues bulkIssues(BatchJobs jobs, JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          InstrumentCatalog catalog, BatchSettings settings, InstrumentIssuer issuer, Archive archive,
                          InstrumentAccess access, BulkIssueLedger ledger, @Value("${wenshu.home}") java.nio.file.Path home,
                          @Value("${spring.servlet.multipart.max-request-size:60MB}") org.springframework.util.unit.DataSize maxRequest) {
        BulkIssues bulk = new BulkIssues(jobs, jobRepository, transactionManager, catalog, settings, issuer, archive, access,
                ledger, home.resolve("bulk-uploads"));
        bulk.maxRequestBytes(maxRequest.toBytes()); // what the messages state as the limit of a whole upload
        return bulk;
    }

    @Bean
    OverdueReminders overdueReminders(Archive archive, InstrumentIssuer issuer, BatchProperties properties,
                                      ArchiveConfiguration.ArchiveProperties archiveProperties) {
        return new OverdueReminders(archive, issuer, properties.overdue().intervalDays(), archiveProperties.zone());
    }

    /** Runs the overdue job on {@code wenshu.batch.overdue.cron} in the archive's time zone while the application runs. */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnExpression("!'${wenshu.batch.overdue.cron:}'.isBlank()")
    ThreadPoolTaskScheduler overdueSchedule(ObjectProvider<BatchJobs> jobs, BatchProperties properties,
                                            ArchiveConfiguration.ArchiveProperties archiveProperties,
                                            ObjectProvider<Archive> archive) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("wenshu-overdue-schedule-");
        scheduler.initialize();
        java.time.ZoneId zone = archiveProperties.zone();
        scheduler.schedule(() -> {
            try {
                jobs.getObject().run(OverdueJobConfiguration.JOB, OverdueJobConfiguration.parameters(
                        archive.getObject().today(), properties.overdue().copyToParent()));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BatchConfiguration.class)
                        .warn("Scheduled overdue reminders did not run: {}", e.getMessage());
            }
        }, new CronTrigger(properties.overdue().cron(), zone));
        return scheduler;
    }

    @Bean
    SignatureVerifier signatureVerifier(ObjectProvider<PdfVerifier> verifier) {
        return pdf -> {
            try {
                return verifier.getObject().verify(pdf).problemsInChinese();
            } catch (org.wenshu.generator.verification.UnreadablePdf unreadable) {
                return List.of("PDF 无法读取：" + VerificationReport.chinese(unreadable.getMessage()));
            }
        };
    }

    @Bean
    IndexFollower batchIndexFollower(ObjectProvider<IndexUpdates> indexUpdates) {
        return () -> indexUpdates.getObject().afterChange();
    }

    /** What the reindex job reads (the follower's own mapping of archive records) and how it swaps the index in. */
    @Bean
    ReindexSource reindexSource(ArchiveIndexing indexing, ObjectProvider<RecordIndex> index) {
        return new ReindexSource() {
            @Override
            public List<IndexedRecord> recordsOf(RecordChange change) {
                return indexing.recordsOf(change);
            }

            @Override
            public List<String> unloggedIds() {
                return indexing.trackedItemIds();
            }

            @Override
            public List<IndexedRecord> unlogged(String id) {
                return indexing.trackedRecords(id);
            }

            @Override
            public long replaceIndex(String generation, long afterSeq) {
                return indexing.replace(index.getObject(), generation, afterSeq);
            }
        };
    }

    @Bean
    InstrumentIssuer instrumentIssuer(InstrumentIssuing issuing, InstrumentCatalog catalog, TemplateRenderer templates,
                                      ObjectProvider<PdfRenderer> pdf, ObjectProvider<UnitSeals> seals,
                                      PublicLinks links) {
        return new InstrumentIssuer() {
            @Override
            public IssueRequest request(String typeId, Map<String, Object> fields) {
                IssueRequest request = issuing.prepare(typeId, fields);
                try {
                    issuing.requireSeal(request);
                } catch (UnitSealMissing missing) {
                    // The jobs report the unit per row (bulk issue), in words for any user: no configuration named.
                    throw new IssuingUnitUnsealed(request);
                }
                return request;
            }

            @Override
            public byte[] render(IssueRequest request, DocumentNumber number) {
                return pdf.getObject().render(templates.render(type(request), withNumber(request, number))).content();
            }

            @Override
            public byte[] render(IssueRequest request, DocumentNumber number, String verificationCode) {
                VerificationMark mark = VerificationMark.of(verificationCode, links.verificationUrl(verificationCode));
                return pdf.getObject().render(templates.render(type(request), withNumber(request, number), mark)).content();
            }

            @Override
            public byte[] sign(IssueRequest request, byte[] rendered) {
                return seals.getObject().forUnit(request.issuingUnit()).sign(rendered, Optional.empty());
            }

            private InstrumentType type(IssueRequest request) {
                return catalog.require(request.typeId());
            }
        };
    }

    private static Map<String, Object> withNumber(IssueRequest request, DocumentNumber number) {
        Map<String, Object> fields = new LinkedHashMap<>(request.fields());
        fields.put(InstrumentCatalog.DOCUMENT_NUMBER_FIELD, number.text());
        return fields;
    }
}
