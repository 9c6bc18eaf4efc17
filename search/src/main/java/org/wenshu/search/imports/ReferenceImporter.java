package org.wenshu.search.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.wenshu.search.Access;
import org.wenshu.search.IndexedRecord;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordKind;
import org.wenshu.search.imports.ImportReport.Problem;

/**
 * Imports a folder of reference texts (参考资料导入): every {@code .md}, {@code .txt}, {@code .pdf} and
 * {@code .docx} below it is stored through the {@link ImportSink} and indexed as a public {@code REFERENCE} record
 * with its relative path as {@code source}. The id is the content's SHA-256, so importing the same file again does
 * nothing, and a changed file replaces its previous version. Files are read and analysed on several threads.
 */
public final class ReferenceImporter {

    /** Category of a reference text directly in the imported folder (subfolders name their own category). */
    public static final String DEFAULT_CATEGORY = "参考资料";
    private static final Pattern DATE_IN_NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    private final RecordIndex index;
    private final ImportSink sink;
    private final TextExtraction extraction = new TextExtraction();
    private final int threads;

    /** Imports into {@code index}, storing through {@code sink}, on one thread per core. */
    public ReferenceImporter(RecordIndex index, ImportSink sink) {
        this(index, sink, Runtime.getRuntime().availableProcessors());
    }

    public ReferenceImporter(RecordIndex index, ImportSink sink, int threads) {
        this.index = index;
        this.sink = sink;
        this.threads = Math.max(1, threads);
    }

    /** Imports every supported file below {@code folder}; throws if the folder cannot be listed. */
    public ImportReport importFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        long started = System.nanoTime();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        AtomicInteger added = new AtomicInteger();
        AtomicInteger replaced = new AtomicInteger();
        AtomicInteger unchanged = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<Problem> skipped = Collections.synchronizedList(new ArrayList<>());
        List<Problem> failed = Collections.synchronizedList(new ArrayList<>());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "wenshu-import");
            thread.setDaemon(true);
            return thread;
        });
        try (RecordIndex.BulkLoad load = index.bulkLoad()) {
            List<Future<?>> work = new ArrayList<>();
            for (Path file : files) {
                String source = folder.relativize(file).toString().replace('\\', '/');
                work.add(pool.submit(() -> {
                    try {
                        Outcome outcome = importFile(load, file, source, seen, bytes, skipped);
                        switch (outcome) {
                            case ADDED -> added.incrementAndGet();
                            case REPLACED -> replaced.incrementAndGet();
                            case UNCHANGED -> unchanged.incrementAndGet();
                            default -> { }
                        }
                    } catch (IOException | RuntimeException e) {
                        failed.add(new Problem(source, String.valueOf(e.getMessage())));
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("import failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        index.commit();
        List<Problem> skippedSorted = new ArrayList<>(skipped);
        skippedSorted.sort((a, b) -> a.source().compareTo(b.source()));
        List<Problem> failedSorted = new ArrayList<>(failed);
        failedSorted.sort((a, b) -> a.source().compareTo(b.source()));
        return new ImportReport(added.get(), replaced.get(), unchanged.get(), skippedSorted, failedSorted,
                bytes.get(), (System.nanoTime() - started) / 1_000_000);
    }

    private enum Outcome { ADDED, REPLACED, UNCHANGED, SKIPPED }

    private Outcome importFile(RecordIndex.BulkLoad load, Path file, String source, Set<String> seen,
            AtomicLong bytesRead, List<Problem> skipped) throws IOException {
        String fileName = file.getFileName().toString();
        Optional<String> mediaType = TextExtraction.mediaType(fileName);
        if (mediaType.isEmpty()) {
            skipped.add(new Problem(source, "不支持的文件类型 (unsupported type: .md, .txt, .pdf, .docx only)"));
            return Outcome.SKIPPED;
        }
        if (Files.size(file) > TextExtraction.MAX_BYTES) {
            skipped.add(new Problem(source, "文件过大 (larger than " + TextExtraction.MAX_BYTES / 1024 / 1024 + " MB)"));
            return Outcome.SKIPPED;
        }
        byte[] bytes = Files.readAllBytes(file);
        bytesRead.addAndGet(bytes.length);
        String sha256 = sha256(bytes);
        String id = "ref-" + sha256;
        if (!seen.add(id) || index.contains(id)) {
            return Outcome.UNCHANGED;
        }
        Optional<String> notText = TextExtraction.notText(bytes, mediaType.get());
        if (notText.isPresent()) {
            skipped.add(new Problem(source, notText.get()));
            return Outcome.SKIPPED;
        }
        TextExtraction.Extracted extracted = extraction.extract(bytes, mediaType.get(), fileName);
        if (extracted.text().isBlank()) {
            skipped.add(new Problem(source, "没有文本 (no text: empty, or a scan without a text layer)"));
            return Outcome.SKIPPED;
        }
        ImportedFile imported = new ImportedFile(id, source, mediaType.get(), sha256, bytes, extracted.title(),
                extracted.text());
        sink.store(imported);
        boolean known = index.referenceAt(source).isPresent();
        load.index(toRecord(imported));
        return known ? Outcome.REPLACED : Outcome.ADDED;
    }

    /** The index record of an imported file. */
    public static IndexedRecord toRecord(ImportedFile file) {
        int slash = file.source().indexOf('/');
        String category = slash > 0 ? file.source().substring(0, slash) : DEFAULT_CATEGORY;
        return IndexedRecord.builder(file.id(), RecordKind.REFERENCE)
                .type(category)
                .title(file.title())
                .body(file.text())
                .date(dateInName(file.source()).orElse(null))
                .source(file.source())
                .access(Access.open())
                .build();
    }

    /** A date written in the file name, as in 行政诉讼法(2017-06-27).md. */
    static Optional<LocalDate> dateInName(String source) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        Matcher matcher = DATE_IN_NAME.matcher(name);
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(matcher.group(1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
