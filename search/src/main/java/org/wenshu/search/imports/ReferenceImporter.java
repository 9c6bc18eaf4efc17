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

    /**
     * Category of a reference text directly in the imported folder, or below a top folder whose name is not one of
     * the {@link #CATEGORIES}.
     */
    public static final String DEFAULT_CATEGORY = "参考资料";
    /**
     * The categories a top folder may name (the classification of the PRC's published law collections, as in
     * 法律/, 行政法规/, 司法解释/): a text below such a folder gets it as its {@code type} (facet and {@code type:}
     * filter). Any other folder name (docs, a, 2024) is only part of the text's source path, and the text is a
     * {@link #DEFAULT_CATEGORY}.
     */
    public static final java.util.Set<String> CATEGORIES = java.util.Set.of("宪法", "宪法相关法", "法律", "民法典", "民法商法",
            "行政法", "经济法", "社会法", "刑法", "诉讼与非诉讼程序法", "行政法规", "监察法规", "地方性法规", "自治条例和单行条例",
            "部门规章", "地方政府规章", "司法解释", "检察工作文件", "规范性文件", "案例", "指导性案例", "典型案例", "其他");

    /** Why a file was not imported, as the report says it (Chinese, one per kind of file). */
    public static final String UNSUPPORTED = "不支持的文件类型（只导入 .md、.txt、.pdf、.docx）";
    public static final String TOO_LARGE = "文件过大（超过 " + TextExtraction.MAX_BYTES / 1024 / 1024 + " MB）";
    public static final String NO_TEXT = "没有文本（空文件，或没有文字层的扫描件）";
    public static final String FOLDER_LINK = "指向文件夹的符号链接：导入不跟随链接，以免导入所选文件夹以外的内容";
    public static final String BROKEN_LINK = "符号链接指向的文件不存在";
    public static final String NOT_A_FILE = "不是普通文件（设备、管道或套接字）";
    /** Why a supported file could not be imported; the exception is in the log. */
    public static final String UNREADABLE = "无法读取：没有读取权限或磁盘出错（详情见日志）";
    public static final String UNPARSABLE = "无法解析：文件已损坏或内容与扩展名不符（详情见日志）";

    /** To the log file only (not below org.wenshu, which the command line also prints to the terminal). */
    private static final System.Logger FAILURES = System.getLogger("wenshu.import.failures");
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
        return importFolder(folder, (done, total) -> { });
    }

    /** Told how far an import is, from the threads that import. */
    @FunctionalInterface
    public interface Progress {
        /**
         * {@code done} of {@code total} entries of the folder dealt with (imported, unchanged, skipped or failed);
         * called once with {@code done} 0 as soon as the folder is listed, then after each file, from several threads.
         */
        void advanced(long done, long total);
    }

    /**
     * As {@link #importFolder(Path)}, telling {@code progress} how far it is. Every entry below the folder other
     * than a folder counts: a regular file (or a link to one) is imported or skipped for its type, size or content; a
     * link to a folder (not followed: it may lead anywhere), a broken link or a device, pipe or socket is skipped
     * with its reason.
     */
    public ImportReport importFolder(Path folder, Progress progress) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        long started = System.nanoTime();
        List<Path> files = new ArrayList<>();
        List<Problem> skipped = Collections.synchronizedList(new ArrayList<>());
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path entry : walk.sorted().toList()) {
                String source = folder.relativize(entry).toString().replace('\\', '/');
                if (entry.equals(folder) || (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
                    continue;
                }
                if (Files.isSymbolicLink(entry) && Files.isDirectory(entry)) {
                    skipped.add(new Problem(source, FOLDER_LINK));
                } else if (Files.isSymbolicLink(entry) && !Files.exists(entry)) {
                    skipped.add(new Problem(source, BROKEN_LINK));
                } else if (Files.isRegularFile(entry)) {
                    files.add(entry);
                } else {
                    skipped.add(new Problem(source, NOT_A_FILE));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot list " + folder,
                    e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
        long total = files.size() + skipped.size();
        AtomicLong done = new AtomicLong(skipped.size());
        progress.advanced(done.get(), total);
        AtomicInteger added = new AtomicInteger();
        AtomicInteger replaced = new AtomicInteger();
        AtomicInteger unchanged = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
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
                        // The library's text (PDFBox, POI, the file system) is for the log, not for the report.
                        FAILURES.log(System.Logger.Level.ERROR, "import of " + file + " failed", e);
                        failed.add(new Problem(source, e instanceof Unparsable ? UNPARSABLE : UNREADABLE));
                    } finally {
                        progress.advanced(done.incrementAndGet(), total);
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
            skipped.add(new Problem(source, UNSUPPORTED));
            return Outcome.SKIPPED;
        }
        if (Files.size(file) > TextExtraction.MAX_BYTES) {
            skipped.add(new Problem(source, TOO_LARGE));
            return Outcome.SKIPPED;
        }
        byte[] bytes = Files.readAllBytes(file);
        bytesRead.addAndGet(bytes.length);
        String sha256 = sha256(bytes);
        String id = "ref-" + sha256;
        if (!seen.add(id) || index.contains(id)) {
            return Outcome.UNCHANGED;
        }
        Optional<String> notText = TextExtraction.contentProblem(bytes, mediaType.get());
        if (notText.isPresent()) {
            skipped.add(new Problem(source, notText.get()));
            return Outcome.SKIPPED;
        }
        TextExtraction.Extracted extracted;
        try {
            extracted = extraction.extract(bytes, mediaType.get(), fileName);
        } catch (IOException | RuntimeException e) {
            throw new Unparsable(e);
        }
        if (extracted.text().isBlank()) {
            skipped.add(new Problem(source, NO_TEXT));
            return Outcome.SKIPPED;
        }
        ImportedFile imported = new ImportedFile(id, source, mediaType.get(), sha256, bytes, extracted.title(),
                extracted.text());
        sink.store(imported);
        boolean known = index.referenceAt(source).isPresent();
        load.index(toRecord(imported));
        return known ? Outcome.REPLACED : Outcome.ADDED;
    }

    /** A supported file whose content its parser refused (a damaged PDF, a DOCX that is no ZIP). */
    private static final class Unparsable extends RuntimeException {
        Unparsable(Throwable cause) {
            super(cause);
        }
    }

    /** The index record of an imported file. */
    public static IndexedRecord toRecord(ImportedFile file) {
        return IndexedRecord.builder(file.id(), RecordKind.REFERENCE)
                .type(category(file.source()))
                .title(file.title())
                .body(file.text())
                .date(dateInName(file.source()).orElse(null))
                .source(file.source())
                .access(Access.open())
                .build();
    }

    /** The category of the text at {@code source}: its top folder if that is one of the {@link #CATEGORIES}. */
    public static String category(String source) {
        int slash = source.indexOf('/');
        String top = slash > 0 ? source.substring(0, slash) : "";
        return CATEGORIES.contains(top) ? top : DEFAULT_CATEGORY;
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
