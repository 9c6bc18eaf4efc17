package org.wenshu.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryCache;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.wenshu.search.analysis.ChineseAnalysis;
import org.wenshu.search.analysis.ChineseNormalization;
import org.wenshu.search.analysis.IndexFields;
import org.wenshu.search.analysis.LegalSynonyms;
import org.wenshu.search.query.ParsedQuery;
import org.wenshu.search.query.QueryInvalid;
import org.wenshu.search.query.QueryLanguage;
import org.wenshu.search.query.QueryTranslator;
import org.wenshu.search.query.QueryTranslator.Relaxation;
import org.wenshu.search.query.Ranking;
import org.wenshu.search.semantic.SentenceEmbedder;

/**
 * The search index on Lucene (Lucene 检索索引). Near-real-time: a background thread reopens the searcher every
 * {@value #REFRESH_MILLIS} ms, so an indexed record is searchable within a second without a commit. While only
 * {@linkplain #bulkLoad() bulk loads} write, it reopens every {@value #BULK_REFRESH_MILLIS} ms instead: each reopen
 * writes a segment, and a bulk load's small segments would only be merged again. Changes are
 * committed every {@value #COMMIT_SECONDS} s (not while a bulk load runs: its caller commits at its end) and on
 * close. The schema version lives in the commit data; an index
 * of another version is rebuilt from the {@link RecordSource} before it is served.
 */
public final class LuceneRecordIndex implements RecordIndex {

    static final long REFRESH_MILLIS = 300;
    static final long COMMIT_SECONDS = 10;
    /** How often the searcher reopens while only bulk loads write. */
    static final long BULK_REFRESH_MILLIS = 30_000;
    private static final int SNIPPET_LENGTH = 120;
    private static final int MAX_FACET_VALUES = 50;
    private static final int MAX_LIKE_CHARS = 30_000;
    /** Records the dense side returns for fusion, at least. */
    static final int DENSE_DEPTH = 100;
    /** Share of records that may still wait for vectors while the dense side answers. */
    static final double MAX_PENDING_SHARE = 0.05;
    /**
     * Word hits taken into the fusion, at least. 50 and 100 rank alike on all five judged sets (NDCG@10 within
     * 0.004 of each other); 50 lets block-max WAND skip more, 4 ms off the p99 at 100,000 records.
     */
    static final int FUSION_DEPTH = 50;

    private final Directory directory;
    private final String location;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ChineseAnalysis analysis;
    private final QueryTranslator translator;
    private final ScheduledExecutorService refresher;
    private final ReentrantLock writes = new ReentrantLock();
    private volatile boolean rebuilding;
    /** Ids written since the searcher last reopened, with the write's sequence and whether the id now exists. */
    private final Map<String, long[]> recentWrites = new ConcurrentHashMap<>();
    private final AtomicLong writeSequence = new AtomicLong();
    private final AtomicInteger bulkLoads = new AtomicInteger();
    /** A write outside bulk loads since the searcher last reopened: it must be searchable within a second. */
    private volatile boolean urgent;
    private volatile long lastRefresh = System.nanoTime();
    /** The sentence model, or null when semantic retrieval is off. */
    private final SentenceEmbedder embedder;
    private final DenseRetrieval dense;
    /**
     * Searches of this index use the cores of the machine: the dense side runs beside the word side, and Lucene
     * searches slices of the segments in parallel for word queries and counts. Idle threads end.
     */
    private final ThreadPoolExecutor pool;
    /**
     * Cached filters (the viewer's access joined to passages, above all) for every segment: Lucene's default cache
     * skips segments under 10,000 documents, and an index that takes writes all day has a dozen such segments,
     * each of which would rebuild its filter for every search by meaning.
     */
    private final QueryCache filters = new LRUQueryCache(1_000, 32L << 20, leaf -> true, 10f);
    /** Embeds written records in the background; null when read-only or semantic retrieval is off. */
    private final VectorQueue vectors;
    /** The latest write sequence of each record whose vectors are not applied yet. */
    private final Map<String, Long> awaitingVectors = new ConcurrentHashMap<>();
    /** New index generations built beside this one by rebuilds. */
    private final IndexGenerations generations;
    /** Writes of one record (its words, then its vectors) are serialised on one of these, by id. */
    private final Object[] recordLocks = new Object[64];

    {
        for (int i = 0; i < recordLocks.length; i++) {
            recordLocks[i] = new Object();
        }
    }

    private LuceneRecordIndex(Directory directory, String location, IndexWriter writer, ChineseAnalysis analysis,
            Ranking ranking, SentenceEmbedder embedder) throws IOException {
        this.directory = directory;
        this.location = location;
        this.writer = writer;
        this.analysis = analysis;
        this.generations = new IndexGenerations(Path.of(location), analysis);
        this.embedder = embedder;
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger poolThreads = new AtomicInteger();
        // A full queue discards: Lucene's task executor and Beside run a discarded task on the
        // calling thread, so nothing waits for a pool thread and nothing is lost.
        this.pool = new ThreadPoolExecutor(cores, cores, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16 * cores),
                r -> {
                    Thread thread = new Thread(r, "wenshu-search-" + poolThreads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
        pool.allowCoreThreadTimeOut(true);
        this.dense = embedder == null ? null : new DenseRetrieval(embedder);
        this.vectors = embedder == null || writer == null ? null
                : new VectorQueue(embedder, this::applyVectors, Math.max(1, Runtime.getRuntime().availableProcessors()));
        this.translator = new QueryTranslator(analysis, LegalSynonyms.standard(), ranking);
        BM25Similarity similarity = new BM25Similarity(ranking.k1(), ranking.b());
        SearcherFactory factory = new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                IndexSearcher searcher = new FacetingSearcher(reader, pool, filters);
                searcher.setSimilarity(similarity);
                return searcher;
            }
        };
        this.searchers = writer != null ? new SearcherManager(writer, factory)
                : new SearcherManager(directory, factory);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "wenshu-search-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        if (writer != null) {
            refresher.scheduleWithFixedDelay(this::commitQuietly, COMMIT_SECONDS, COMMIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Opens (or creates) the writable index in {@code path}. An index of another schema version is rebuilt from
     * {@code source} before this returns. Throws {@link IndexLocked} when another writer holds the index.
     */
    public static LuceneRecordIndex open(Path path, RecordSource source) {
        return open(path, source, Ranking.standard());
    }

    /** As {@link #open(Path, RecordSource)} with a non-default ranking (relevance experiments). */
    public static LuceneRecordIndex open(Path path, RecordSource source, Ranking ranking) {
        return open(path, source, ranking, null);
    }

    /**
     * Opens (or creates) the writable index in {@code path} with semantic retrieval through {@code embedder} (null:
     * words only). Records whose passage vectors are missing, or were made by another model, are queued for
     * embedding in the background; an index of another schema version is rebuilt from {@code source} first.
     */
    public static LuceneRecordIndex open(Path path, RecordSource source, Ranking ranking, SentenceEmbedder embedder) {
        try {
            Files.createDirectories(path);
            Directory directory = FSDirectory.open(path);
            ChineseAnalysis analysis = new ChineseAnalysis();
            Optional<String> found = schemaOf(directory);
            boolean stale = found.isPresent() && !found.get().equals(Integer.toString(IndexFields.SCHEMA_VERSION));
            IndexWriterConfig config = new IndexWriterConfig(analysis.indexing())
                    .setOpenMode(stale ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(128)
                    .setSimilarity(new BM25Similarity(ranking.k1(), ranking.b()));
            Optional<String> model = stale ? Optional.empty() : commitData(directory, IndexFields.MODEL_KEY);
            IndexWriter writer = new IndexWriter(directory, config);
            Map<String, String> commitData = new LinkedHashMap<>();
            commitData.put(IndexFields.SCHEMA_KEY, Integer.toString(IndexFields.SCHEMA_VERSION));
            if (embedder != null) {
                commitData.put(IndexFields.MODEL_KEY, embedder.model());
            } else {
                model.ifPresent(m -> commitData.put(IndexFields.MODEL_KEY, m));
            }
            writer.setLiveCommitData(commitData.entrySet());
            if (stale) {
                // OpenMode.CREATE: the old commit stays on disk until the rebuilt index is committed, so a crash
                // during the rebuild leaves the old (stale) index, which the next start rebuilds again.
                source.forEachRecord(record -> add(writer, record));
            }
            boolean otherModel = embedder != null && model.isPresent() && !model.get().equals(embedder.model());
            if (otherModel) {
                // Vectors of two models are not comparable: drop every passage, re-embed every record.
                writer.deleteDocuments(new FieldExistsQuery(IndexFields.PASSAGE_VECTOR));
            }
            if (stale || found.isEmpty() || otherModel) {
                writer.commit();
            }
            LuceneRecordIndex index = new LuceneRecordIndex(directory, path.toString(), writer, analysis, ranking,
                    embedder);
            if (embedder != null) {
                index.queueMissingVectors(otherModel);
            }
            return index;
        } catch (LockObtainFailedException e) {
            throw new IndexLocked(path.toString(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + path, e);
        }
    }

    /**
     * Opens the committed index in {@code path} for searching only (the command line beside a running server).
     * Throws {@link IndexSchemaMismatch} when it was written by another schema version.
     */
    public static RecordSearch openReadOnly(Path path) {
        return openReadOnly(path, Ranking.standard());
    }

    /** As {@link #openReadOnly(Path)} with a non-default ranking (relevance experiments). */
    public static RecordSearch openReadOnly(Path path, Ranking ranking) {
        return openReadOnly(path, ranking, null);
    }

    /**
     * As {@link #openReadOnly(Path)}, answering queries by meaning too through {@code embedder} (null: words only).
     * The index's passage vectors must come from the same model; if they do not, only words are searched.
     */
    public static RecordSearch openReadOnly(Path path, Ranking ranking, SentenceEmbedder embedder) {
        try {
            Directory directory = FSDirectory.open(path);
            Optional<String> found = schemaOf(directory);
            if (found.isEmpty()) {
                throw new IndexMissing(path.toString());
            }
            if (!found.get().equals(Integer.toString(IndexFields.SCHEMA_VERSION))) {
                throw new IndexSchemaMismatch(path.toString(), found.get(), IndexFields.SCHEMA_VERSION);
            }
            if (embedder != null && !commitData(directory, IndexFields.MODEL_KEY).equals(Optional.of(embedder.model()))) {
                embedder = null;
            }
            return new LuceneRecordIndex(directory, path.toString(), null, new ChineseAnalysis(), ranking, embedder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + path, e);
        }
    }

    private static Optional<String> commitData(Directory directory, String key) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return Optional.empty();
        }
        return Optional.ofNullable(SegmentInfos.readLatestCommit(directory).getUserData().get(key));
    }

    /** Queues every record without vectors (or, after a change of model, every record) for embedding. */
    private void queueMissingVectors(boolean all) {
        Query missing = all ? RecordDocuments.records()
                : new BooleanQuery.Builder()
                        .add(RecordDocuments.records(), Occur.FILTER)
                        .add(RecordDocuments.term(IndexFields.VECTORS, IndexFields.VECTORS_PENDING), Occur.FILTER)
                        .build();
        refresh();
        withSearcher(searcher -> {
            StoredFields stored = searcher.storedFields();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                org.apache.lucene.search.Weight weight = searcher.createWeight(searcher.rewrite(missing),
                        org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES, 1f);
                org.apache.lucene.search.Scorer scorer = weight.scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                DocIdSetIterator docs = scorer.iterator();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (leaf.reader().getLiveDocs() != null && !leaf.reader().getLiveDocs().get(doc)) {
                        continue;
                    }
                    IndexedRecord record = RecordDocuments.toRecord(stored.document(leaf.docBase + doc));
                    long sequence = writeSequence.incrementAndGet();
                    awaitingVectors.put(record.id(), sequence);
                    vectors.submit(record, sequence);
                }
            }
            return null;
        });
    }

    private static Optional<String> schemaOf(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return Optional.empty();
        }
        String version = SegmentInfos.readLatestCommit(directory).getUserData().get(IndexFields.SCHEMA_KEY);
        return Optional.of(version == null ? "none" : version);
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void index(IndexedRecord record) {
        urgent = true;
        write(record);
    }

    @Override
    public BulkLoad bulkLoad() {
        requireWritable();
        bulkLoads.incrementAndGet();
        AtomicBoolean open = new AtomicBoolean(true);
        return new BulkLoad() {
            @Override
            public void index(IndexedRecord record) {
                if (!open.get()) {
                    throw new IllegalStateException("this bulk load is closed");
                }
                write(record);
            }

            @Override
            public void close() {
                if (open.compareAndSet(true, false)) {
                    bulkLoads.decrementAndGet();
                    flushInParallel();
                    refresh();
                }
            }
        };
    }

    /**
     * Writes the buffered segments of a bulk load on one thread per core. A reopen would write them one after the
     * other on the calling thread: seconds with a single core busy at the end of every import.
     */
    private void flushInParallel() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<Thread> flushers = new ArrayList<>();
        AtomicReference<IOException> failure = new AtomicReference<>();
        for (int i = 0; i < threads; i++) {
            Thread flusher = new Thread(() -> {
                try {
                    while (writer.flushNextBuffer()) {
                        // each call writes one thread's buffer
                    }
                } catch (IOException e) {
                    failure.set(e);
                }
            }, "wenshu-search-flush");
            flusher.start();
            flushers.add(flusher);
        }
        for (Thread flusher : flushers) {
            try {
                flusher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (failure.get() != null) {
            throw new UncheckedIOException("cannot write the search index at " + location, failure.get());
        }
    }

    private void write(IndexedRecord record) {
        requireWritable();
        if (record.kind() == RecordKind.REFERENCE && !record.source().isEmpty()) {
            // One reference text per source path: re-importing a changed file replaces the old version. A delete
            // by id term, not by query: buffered delete queries are re-run against every segment at each reopen.
            referenceAt(record.source()).filter(old -> !old.equals(record.id())).ifPresent(this::delete);
        }
        // Analysis runs here, outside the index-wide lock: IndexWriter is thread-safe and indexing scales with
        // threads; only writes of the same record are serialised, so its vectors never overtake its words.
        long sequence;
        synchronized (lockOf(record.id())) {
            add(writer, record);
            sequence = writeSequence.incrementAndGet();
            recentWrites.put(record.id(), new long[] {sequence, 1});
            if (vectors != null) {
                awaitingVectors.put(record.id(), sequence);
            }
        }
        if (vectors != null) {
            vectors.submit(record, sequence);
        }
    }

    private Object lockOf(String id) {
        return recordLocks[Math.floorMod(id.hashCode(), recordLocks.length)];
    }

    /** Replaces the record's block with its passages and itself, unless it was written or deleted meanwhile. */
    private void applyVectors(IndexedRecord record, long sequence, List<float[]> passageVectors) {
        synchronized (lockOf(record.id())) {
            Long latest = awaitingVectors.get(record.id());
            if (latest == null || latest != sequence || rebuilding) {
                return;
            }
            List<Document> block = new ArrayList<>(passageVectors.size() + 1);
            for (float[] vector : passageVectors) {
                block.add(RecordDocuments.passage(record.id(), vector));
            }
            // The record's own document goes last: block joins find a passage's record as the next record document.
            block.add(RecordDocuments.toDocument(record, true));
            try {
                writer.updateDocuments(new Term(IndexFields.BLOCK, record.id()), block);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot add the vectors of " + record.id(), e);
            }
            awaitingVectors.remove(record.id(), sequence);
            recentWrites.put(record.id(), new long[] {writeSequence.incrementAndGet(), 1});
        }
        urgent = true;
    }

    /** Records waiting for their passage vectors (0 when semantic retrieval is off). */
    public int vectorsPending() {
        return vectors == null ? 0 : vectors.pending();
    }

    /**
     * Waits until every record written so far has its passage vectors and they are searchable; false if
     * {@code timeout} passed first. Returns at once when semantic retrieval is off.
     */
    public boolean awaitVectors(java.time.Duration timeout) {
        if (vectors == null) {
            return true;
        }
        try {
            boolean idle = vectors.awaitIdle(timeout);
            refresh();
            return idle;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void add(IndexWriter writer, IndexedRecord record) {
        try {
            // The whole block: a record written again loses its old passage vectors until new ones arrive.
            writer.updateDocuments(new Term(IndexFields.BLOCK, record.id()), List.of(RecordDocuments.toDocument(record)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index " + record.id(), e);
        }
    }

    @Override
    public void delete(String id) {
        requireWritable();
        urgent = true;
        try {
            synchronized (lockOf(id)) {
                writer.deleteDocuments(new Term(IndexFields.BLOCK, id));
                awaitingVectors.remove(id);
                recentWrites.put(id, new long[] {writeSequence.incrementAndGet(), 0});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + id, e);
        }
    }

    @Override
    public boolean contains(String id) {
        long[] recent = recentWrites.get(id);
        if (recent != null) {
            return recent[1] == 1;
        }
        return withSearcher(s -> s.count(new TermQuery(new Term(IndexFields.ID, id))) > 0);
    }

    @Override
    public Optional<String> referenceAt(String source) {
        Query query = new BooleanQuery.Builder()
                .add(RecordDocuments.term(IndexFields.SOURCE, source), Occur.FILTER)
                .add(RecordDocuments.term(IndexFields.KIND, RecordKind.REFERENCE.name()), Occur.FILTER)
                .build();
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(query, 1);
            return top.scoreDocs.length == 0 ? Optional.<String>empty()
                    : Optional.of(searcher.storedFields().document(top.scoreDocs[0].doc, Set.of(IndexFields.ID))
                            .get(IndexFields.ID));
        });
    }

    @Override
    public void rebuild(RecordSource source) {
        requireWritable();
        writes.lock();
        rebuilding = true;
        try {
            // Searches keep the current reader (refresh is paused) until the rebuilt index is complete.
            writer.deleteAll();
            awaitingVectors.clear();
            List<IndexedRecord> embed = new ArrayList<>();
            source.forEachRecord(record -> {
                add(writer, record);
                if (vectors != null) {
                    long sequence = writeSequence.incrementAndGet();
                    awaitingVectors.put(record.id(), sequence);
                    embed.add(record);
                }
            });
            writer.commit();
            rebuilding = false;
            for (IndexedRecord record : embed) {
                vectors.submit(record, awaitingVectors.getOrDefault(record.id(), -1L));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the search index at " + location, e);
        } finally {
            rebuilding = false;
            writes.unlock();
        }
        recentWrites.clear();
        refresh();
    }

    @Override
    public IndexPart openPart(String generation, String part) {
        requireWritable();
        return generations.open(generation, part);
    }

    @Override
    public long replaceWith(String generation, Runnable beforeVisible) {
        requireWritable();
        List<Path> parts = generations.parts(generation);
        if (parts.isEmpty()) {
            throw new IllegalStateException("index generation " + generation + " has no committed part");
        }
        writes.lock();
        rebuilding = true;
        try {
            // Searches keep the current reader (refresh is paused) until the new generation is committed. The parts
            // are copied segment by segment, not analysed again; a crash before the commit leaves the old index.
            writer.deleteAll();
            awaitingVectors.clear();
            List<Directory> directories = new ArrayList<>();
            try {
                for (Path part : parts) {
                    directories.add(FSDirectory.open(part));
                }
                writer.addIndexes(directories.toArray(Directory[]::new));
            } finally {
                for (Directory directory : directories) {
                    directory.close();
                }
            }
            beforeVisible.run();
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot swap in index generation " + generation + " at " + location, e);
        } finally {
            rebuilding = false;
            writes.unlock();
        }
        recentWrites.clear();
        refresh();
        generations.discard(Optional.empty());
        if (vectors != null) {
            queueMissingVectors(false);
        }
        return size();
    }

    @Override
    public void discardGenerations(Optional<String> keep) {
        generations.discard(keep);
    }

    @Override
    public Hold holdVectors() {
        if (vectors == null) {
            return () -> { };
        }
        vectors.hold();
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                vectors.release();
            }
        };
    }

    @Override
    public void commit() {
        requireWritable();
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the search index at " + location, e);
        }
    }

    @Override
    public void refresh() {
        if (rebuilding) {
            return;
        }
        long upTo = writeSequence.get();
        urgent = false;
        lastRefresh = System.nanoTime();
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen the search index at " + location, e);
        }
        recentWrites.entrySet().removeIf(e -> e.getValue()[0] <= upTo);
    }

    private void refreshQuietly() {
        if (bulkLoads.get() > 0 && !urgent
                && System.nanoTime() - lastRefresh < TimeUnit.MILLISECONDS.toNanos(BULK_REFRESH_MILLIS)) {
            return;
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            // The next tick retries; searches keep the previous reader meanwhile.
        }
    }

    private void commitQuietly() {
        // A bulk load is committed by its caller when it ends (an import commits); committing in between would
        // only write its buffers out as small segments, to be merged again, on this thread beside the loaders.
        if (rebuilding || bulkLoads.get() > 0 || !writer.hasUncommittedChanges()) {
            return;
        }
        try {
            writer.commit();
        } catch (IOException | RuntimeException e) {
            // Retried at the next tick; the archive stays the source of truth.
        }
    }

    private void requireWritable() {
        if (writer == null) {
            throw new IllegalStateException("the search index at " + location + " was opened read-only");
        }
    }

    // ---------------------------------------------------------------- searching

    @Override
    public SearchResults search(SearchRequest request) {
        ParsedQuery parsed = QueryLanguage.parse(request.query());
        Query access = RecordDocuments.accessFilter(request.viewer());
        Query highlight = translator.highlight(parsed);
        String meaning = translator.meaning(parsed);
        boolean semantic = dense != null && translator.ranking().semanticWeight() > 0
                && request.sort() == SortOrder.RELEVANCE && !meaning.isBlank();
        float weight = semantic ? translator.denseWeight(parsed) : 0f;
        return withSearcher(searcher -> {
            Beside<DenseSide> meaningSide = null;
            if (semantic && embeddedEnough(searcher)) {
                Query constraints = translator.constraints(parsed);
                Query filter = constraints == null ? access : new BooleanQuery.Builder()
                        .add(constraints, Occur.FILTER).add(access, Occur.FILTER).build();
                Ranking ranking = translator.ranking();
                int k = Math.max(DENSE_DEPTH, request.offset() + request.limit());
                // A question's words are a citizen's: the best word hit may match a few of them only.
                Query words = ranking.wordsBound() > 0 && translator.isQuestion(parsed)
                        ? ranked(parsed, Relaxation.NONE, access) : null;
                // Embedding, the kNN search and the word query's attainable score run beside the word side's
                // search; the fusion waits for them.
                meaningSide = Beside.start(() -> new DenseSide(
                        dense.search(((FacetingSearcher) searcher).inOrder(),
                                dense.embedQuery(meaning, ranking.queryInstruction()), filter, k,
                                ranking.denseFloor(), ranking.denseWindow()),
                        words, words == null ? 0f : attainable(searcher, words)), pool);
            }
            try {
                Outcome outcome = run(searcher, parsed, Relaxation.NONE, access, highlight, request, meaningSide,
                        weight);
                if (outcome.wordHits() >= translator.ranking().relaxBelow()) {
                    return outcome.results();
                }
                if (outcome.wordHits() > 0) {
                    // Sorted by date, the few records with every word would be lost among the widened ones.
                    if (request.sort() != SortOrder.RELEVANCE) {
                        return outcome.results();
                    }
                    return widen(searcher, parsed, Set.of(), access, highlight, request, meaningSide, weight, outcome,
                            "").orElse(outcome.results());
                }
                return relax(searcher, parsed, access, highlight, request, meaningSide, weight)
                        .orElse(outcome.results());
            } finally {
                if (meaningSide != null) {
                    meaningSide.close();
                }
            }
        });
    }

    /**
     * What the dense side found ({@link DenseRetrieval#search}), with the attainable score ({@link #attainable}) of the
     * word query {@code words} as typed: for a question when the ranking divides by it, else {@code words} is null.
     */
    private record DenseSide(List<ScoreDoc> nearest, Query words, float attainable) {
    }

    /**
     * Lucene's upper bound of the score of {@code query} over every record of {@code searcher}: the largest over the
     * segments of its scorer's {@link Scorer#getMaxScore} (from the postings' block-max impacts; a disjunction's is
     * the sum of its clauses'), 0 when nothing matches. The score a record reaches by matching every word of the
     * query where they count most.
     */
    static float attainable(IndexSearcher searcher, Query query) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.TOP_SCORES, 1f);
        float bound = 0f;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer != null) {
                scorer.advanceShallow(0);
                bound = Math.max(bound, scorer.getMaxScore(DocIdSetIterator.NO_MORE_DOCS));
            }
        }
        return bound;
    }

    /**
     * True when at most {@value #MAX_PENDING_SHARE} of the records lack their passage vectors. Fusion favours
     * records found by both sides, so while a bulk import is still being embedded the embedded part would crowd
     * out better word matches that have no vectors yet: until then, words only.
     */
    private static boolean embeddedEnough(IndexSearcher searcher) throws IOException {
        int pending = searcher.count(RecordDocuments.term(IndexFields.VECTORS, IndexFields.VECTORS_PENDING));
        if (pending == 0) {
            return true;
        }
        int records = searcher.count(RecordDocuments.records());
        return pending <= MAX_PENDING_SHARE * records;
    }

    /**
     * Results, and how many records the words matched (the dense side always finds something), counted up to the
     * depth of the word side's hits at least.
     */
    private record Outcome(SearchResults results, int wordHits) {

        boolean wordsFound() {
            return wordHits > 0;
        }
    }

    /**
     * The results of {@code parsed}, sorted by relevance, without the word groups {@code dropped}, widened when so
     * its words together matched only a few records the viewer may see ({@code strict}, fewer than
     * {@link Ranking#relaxBelow()}): the records matching all but one of its remaining plain words (two words: either),
     * ranked as usual, so those matching all of them score the most words; its phrases, filters, exclusions, OR
     * groups, years and kinds of document stay as typed. The notice starts with {@code prefix} (what was dropped).
     * Empty when fewer than two plain words remain or widening finds no more records.
     */
    private Optional<SearchResults> widen(IndexSearcher searcher, ParsedQuery parsed, Set<Integer> dropped,
            Query access, Query highlight, SearchRequest request, Beside<DenseSide> nearest, float weight,
            Outcome strict, String prefix) throws IOException {
        List<Integer> remaining = translator.relaxable(parsed).stream().filter(g -> !dropped.contains(g)).toList();
        if (remaining.size() < 2) {
            return Optional.empty();
        }
        int minimum = remaining.size() - 1;
        Outcome outcome = run(searcher, parsed, new Relaxation(dropped, minimum), access, highlight, request, nearest,
                weight);
        if (outcome.wordHits() <= strict.wordHits()) {
            return Optional.empty();
        }
        List<String> terms = new ArrayList<>(dropped.stream().map(g -> wordOf(parsed, g)).toList());
        List<String> widened = remaining.stream().map(g -> wordOf(parsed, g)).toList();
        terms.addAll(widened);
        String quoted = String.join("", widened.stream().map(w -> "“" + w + "”").toList());
        return Optional.of(outcome.results().withRelaxation(terms, prefix + "同时包含" + quoted + "的结果只有 "
                + strict.wordHits() + " 条，已补充包含其中至少 " + minimum + " 个词语的结果"));
    }

    /**
     * The results of {@code parsed} widened when as typed it found nothing (no empty page): first without the words
     * that no record the viewer may see contains, then with most of the remaining words instead of all.
     */
    private Optional<SearchResults> relax(IndexSearcher searcher, ParsedQuery parsed, Query access, Query highlight,
            SearchRequest request, Beside<DenseSide> nearest, float weight) throws IOException {
        List<Integer> relaxable = translator.relaxable(parsed);
        if (relaxable.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> missing = new java.util.LinkedHashSet<>();
        for (int group : relaxable) {
            Query alone = new BooleanQuery.Builder()
                    .add(translator.wordMatching(wordOf(parsed, group)), Occur.MUST)
                    .add(access, Occur.FILTER)
                    .build();
            if (searcher.count(alone) == 0) {
                missing.add(group);
            }
        }
        List<String> missingWords = missing.stream().map(g -> wordOf(parsed, g)).toList();
        if (!missing.isEmpty() && hasTextLeft(parsed, missing)) {
            Outcome outcome = run(searcher, parsed, new Relaxation(missing, 0), access, highlight, request, nearest,
                    weight);
            SearchResults results = outcome.results();
            if (outcome.wordsFound()) {
                String quoted = String.join("、", missingWords.stream().map(w -> "“" + w + "”").toList());
                if (outcome.wordHits() < translator.ranking().relaxBelow() && request.sort() == SortOrder.RELEVANCE) {
                    Optional<SearchResults> wider = widen(searcher, parsed, missing, access, highlight, request,
                            nearest, weight, outcome, "未找到" + quoted + "；");
                    if (wider.isPresent()) {
                        return wider;
                    }
                }
                return Optional.of(results.withRelaxation(missingWords,
                        "未找到" + quoted + "，已显示包含其余词语的结果"));
            }
        }
        List<Integer> found = relaxable.stream().filter(g -> !missing.contains(g)).toList();
        for (int minimum = found.size() - 1; minimum >= 1; minimum--) {
            Outcome outcome = run(searcher, parsed, new Relaxation(missing, minimum), access, highlight, request,
                    nearest, weight);
            SearchResults results = outcome.results();
            if (outcome.wordsFound()) {
                List<String> terms = new ArrayList<>(missingWords);
                found.forEach(g -> terms.add(wordOf(parsed, g)));
                String notice = (missingWords.isEmpty() ? "" : "未找到" + String.join("、",
                        missingWords.stream().map(w -> "“" + w + "”").toList()) + "；")
                        + "没有同时包含全部词语的结果，已显示包含其中至少 " + minimum + " 个词语的结果";
                return Optional.of(results.withRelaxation(terms, notice));
            }
        }
        return Optional.empty();
    }

    private static String wordOf(ParsedQuery parsed, int group) {
        return ((ParsedQuery.Words) parsed.groups().get(group).get(0)).text();
    }

    /** True when something searchable remains once {@code dropped} groups are left out. */
    private static boolean hasTextLeft(ParsedQuery parsed, Set<Integer> dropped) {
        for (int i = 0; i < parsed.groups().size(); i++) {
            if (!dropped.contains(i) && parsed.groups().get(i).stream()
                    .anyMatch(c -> !c.excluded() && (c instanceof ParsedQuery.Words || c instanceof ParsedQuery.Phrase))) {
                return true;
            }
        }
        return false;
    }

    private Outcome run(IndexSearcher searcher, ParsedQuery parsed, Relaxation relaxation, Query access,
            Query highlight, SearchRequest request, Beside<DenseSide> nearest, float weight) throws IOException {
        Query ranked = ranked(parsed, relaxation, access);
        Query matching;
        try {
            matching = new BooleanQuery.Builder()
                    .add(translator.matching(parsed, relaxation), Occur.MUST)
                    .add(access, Occur.FILTER)
                    .build();
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooComplex();
        }
        KnownItemOrder order = KnownItemOrder.of(translator, parsed, request);
        return nearest == null ? run(searcher, ranked, matching, highlight, request, order)
                : fused(searcher, ranked, matching, highlight, request, nearest, weight, order);
    }

    /** The ranked word query of {@code parsed} as relaxed, within {@code access}. */
    private Query ranked(ParsedQuery parsed, Relaxation relaxation, Query access) {
        try {
            return new BooleanQuery.Builder()
                    .add(translator.translate(parsed, relaxation), Occur.MUST)
                    .add(access, Occur.FILTER)
                    .build();
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooComplex();
        }
    }

    /**
     * The word hits fused with the dense hits: the first {@value #FUSION_DEPTH} word hits and the dense side's
     * {@value #DENSE_DEPTH} (or the page depth if deeper), ranked by {@link HybridFusion}; totals and facets count
     * the word matches and the dense hits.
     */
    private Outcome fused(IndexSearcher searcher, Query ranked, Query matching, Query highlight,
            SearchRequest request, Beside<DenseSide> meaningSide, float weight, KnownItemOrder order)
            throws IOException {
        int depth = Math.max(FUSION_DEPTH, request.offset() + request.limit());
        TopDocs words;
        try {
            words = top(searcher, ranked, depth);
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooComplex();
        }
        DenseSide dense = meaningSide.get();
        List<ScoreDoc> nearest = dense.nearest();
        Ranking ranking = translator.ranking();
        // A question's words that match only part of it weigh less than a full match would (Ranking.wordsBound).
        float divisor = 0f;
        if (dense.words() != null && words.scoreDocs.length > 0 && !nearest.isEmpty()) {
            float attainable = ranked.equals(dense.words()) ? dense.attainable() : attainable(searcher, ranked);
            divisor = ranking.wordsBound() * attainable;
        }
        // Nothing near (every record filtered out): the word hits in their own order, as without meaning.
        ScoreDoc[] fused = nearest.isEmpty() ? words.scoreDocs : HybridFusion.fuse(words.scoreDocs, nearest, weight,
                ranking.reciprocalRank(), ranking.denseScale(), ranking.denseFloor(), ranking.denseWindow(), divisor);
        if (order.any()) {
            fused = order.apply(searcher, fused);
        }
        int[] denseDocs = nearest.stream().mapToInt(d -> d.doc).toArray();
        Query union = new BooleanQuery.Builder()
                .add(matching, Occur.SHOULD)
                .add(new DocIdsQuery(denseDocs), Occur.SHOULD)
                .build();
        long total;
        Map<String, List<FacetCount>> facets = Map.of();
        if (request.facets()) {
            FacetsCollector collector = searcher.search(union, new FacetsCollectorManager());
            total = collector.getMatchingDocs().stream().mapToLong(m -> m.totalHits).sum();
            facets = ((FacetingSearcher) searcher).count(collector);
        } else {
            total = searcher.count(union);
        }
        ScoreDoc[] page = fused.length <= request.offset() ? new ScoreDoc[0]
                : java.util.Arrays.copyOfRange(fused, request.offset(),
                        Math.min(fused.length, request.offset() + request.limit()));
        return new Outcome(new SearchResults(total, hits(searcher, highlight, page), facets),
                words.scoreDocs.length);
    }

    private static final Set<String> ORDER_FIELDS = Set.of(IndexFields.KIND, IndexFields.TITLE, IndexFields.DATE);
    private static final Pattern TRIAL_EDITION = Pattern.compile("[（(](?:试行|暂行)[）)]$");

    /**
     * How a search by relevance reorders its first {@link Ranking#VERSION_WINDOW} hits for a user after one text
     * (a known item): records whose whole title the query is first ({@link Ranking#exactTitleFirst()}), then the best
     * with the series number it asks for ({@link Ranking#seriesNumbers()}), then the versions of one reference text in
     * the places they hold ({@link Ranking#newestVersionsFirst()}).
     *
     * @param titleKey the query as a title ({@link QueryTranslator#titleKey(ParsedQuery)}), or null for no exact-title
     *                 step
     * @param seriesNumber the series number the query asks for, or null for none
     * @param versions whether versions are reordered
     * @param years    the years the query names (empty: newest first; else a version of a named year first)
     */
    private record KnownItemOrder(String titleKey, String seriesNumber, boolean versions, Set<Integer> years) {

        static KnownItemOrder of(QueryTranslator translator, ParsedQuery parsed, SearchRequest request) {
            Ranking ranking = translator.ranking();
            boolean relevance = request.sort() == SortOrder.RELEVANCE;
            return new KnownItemOrder(relevance && ranking.exactTitleFirst() ? translator.titleKey(parsed) : null,
                    relevance ? translator.seriesNumber(parsed) : null, relevance && ranking.newestVersionsFirst(),
                    translator.yearsNamed(parsed));
        }

        boolean any() {
            return titleKey != null || seriesNumber != null || versions;
        }

        /**
         * {@code ranked} reordered within its first {@link Ranking#VERSION_WINDOW} hits, each place keeping its score
         * (so the scores shown still fall down the page):
         * <ol>
         * <li>records whose whole title the query is ({@link QueryTranslator#isWholeTitle}) move ahead of the others,
         * in their order;</li>
         * <li>then the best-ranked record whose title prints the series number the query asks for
         * ({@link QueryTranslator#seriesNumber}: 公司法解释三 → 规定（三）); the others with that number, often of
         * other series, stay in their order;</li>
         * <li>then the versions of one reference text (版本: records of kind REFERENCE whose titles are equal once a
         * trial edition's 试行 or 暂行 is left out), among the records named in full and among the rest (a trial
         * edition named in full stays first), take the places those versions hold: newest first, undated after
         * dated, equal dates in their order; or, when the query names years and some versions are dated in one of
         * them, those first (newest first) and the others after in their order; when none is, they stay as ranked.
         * A law asked for without a year is most often asked for as in force, and the judged sets grade its newest
         * version above the older ones.</li>
         * </ol>
         * The same ranking gives the same order on every page.
         */
        ScoreDoc[] apply(IndexSearcher searcher, ScoreDoc[] ranked) throws IOException {
            int n = Math.min(ranked.length, Ranking.VERSION_WINDOW);
            StoredFields stored = searcher.storedFields();
            String[] titles = new String[n];
            boolean[] reference = new boolean[n];
            long[] dates = new long[n];
            for (int i = 0; i < n; i++) {
                Document doc = stored.document(ranked[i].doc, ORDER_FIELDS);
                titles[i] = doc.get(IndexFields.TITLE);
                reference[i] = RecordKind.REFERENCE.name().equals(doc.get(IndexFields.KIND));
                IndexableField date = doc.getField(IndexFields.DATE);
                dates[i] = date == null ? Long.MIN_VALUE : date.numericValue().longValue();
            }
            List<Integer> order = new ArrayList<>(n);
            int pinned = 0;
            if (titleKey != null) {
                for (int i = 0; i < n; i++) {
                    if (titles[i] != null && QueryTranslator.isWholeTitle(titleKey, titles[i])) {
                        order.add(i);
                    }
                }
                pinned = order.size();
            }
            if (seriesNumber != null) {
                // Only the best of them: other series with the same number (解释（一） of another law) stay in place.
                for (int i = 0; i < n; i++) {
                    if (!order.contains(i) && titles[i] != null
                            && QueryTranslator.titleHasSeriesNumber(titles[i], seriesNumber)) {
                        order.add(i);
                        break;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (!order.contains(i)) {
                    order.add(i);
                }
            }
            if (versions) {
                Map<String, List<Integer>> places = new LinkedHashMap<>();
                for (int place = 0; place < n; place++) {
                    int i = order.get(place);
                    if (reference[i] && titles[i] != null) {
                        // A record the query names in full keeps its place: versions move among the named or the rest.
                        String text = (place < pinned ? "=" : "~") + TRIAL_EDITION.matcher(
                                ChineseNormalization.normalize(titles[i]).strip()).replaceFirst("").strip();
                        places.computeIfAbsent(text, t -> new ArrayList<>()).add(place);
                    }
                }
                List<Integer> before = List.copyOf(order);
                for (List<Integer> held : places.values()) {
                    if (held.size() < 2) {
                        continue;
                    }
                    List<Integer> members = held.stream().map(before::get).toList();
                    List<Integer> wanted = years.isEmpty() ? newestFirst(members, dates)
                            : ofYearsFirst(members, dates, years);
                    for (int k = 0; k < held.size(); k++) {
                        order.set(held.get(k), wanted.get(k));
                    }
                }
            }
            ScoreDoc[] result = ranked.clone();
            for (int place = 0; place < n; place++) {
                result[place] = new ScoreDoc(ranked[order.get(place)].doc, ranked[place].score);
            }
            return result;
        }

        private static List<Integer> newestFirst(List<Integer> members, long[] dates) {
            List<Integer> sorted = new ArrayList<>(members);
            sorted.sort((a, b) -> Long.compare(dates[b], dates[a]));
            return sorted;
        }

        private static List<Integer> ofYearsFirst(List<Integer> members, long[] dates, Set<Integer> years) {
            List<Integer> named = new ArrayList<>();
            List<Integer> others = new ArrayList<>();
            for (int i : members) {
                boolean dated = dates[i] != Long.MIN_VALUE;
                (dated && years.contains(LocalDate.ofEpochDay(dates[i]).getYear()) ? named : others).add(i);
            }
            if (named.isEmpty()) {
                return members;
            }
            List<Integer> sorted = newestFirst(named, dates);
            sorted.addAll(others);
            return sorted;
        }
    }

    /**
     * Two passes: the page by relevance, which skips records that cannot reach it (block-max WAND), and counts and
     * facets over a score-free query of the same matches. One scored pass over every match costs several times both.
     */
    private Outcome run(IndexSearcher searcher, Query ranked, Query matching, Query highlight,
            SearchRequest request, KnownItemOrder order) throws IOException {
        // Known items are reordered within the first hits: every page takes at least those.
        int wanted = Math.max(order.any() ? Ranking.VERSION_WINDOW : 1, request.offset() + request.limit());
        Sort sort = sortOf(request.sort());
        TopDocs top;
        long total;
        Map<String, List<FacetCount>> facets = Map.of();
        try {
            top = sort != null ? searcher.search(ranked, wanted, sort, true)
                    : request.facets() ? top(searcher, ranked, wanted) : searcher.search(ranked, wanted);
            if (request.facets()) {
                FacetsCollector collector = searcher.search(matching, new FacetsCollectorManager());
                total = collector.getMatchingDocs().stream().mapToLong(m -> m.totalHits).sum();
                facets = ((FacetingSearcher) searcher).count(collector);
            } else {
                total = top.totalHits.relation == TotalHits.Relation.EQUAL_TO ? top.totalHits.value
                        : searcher.count(matching);
            }
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooComplex();
        }
        ScoreDoc[] ranks = order.any() ? order.apply(searcher, top.scoreDocs) : top.scoreDocs;
        ScoreDoc[] page = ranks.length <= request.offset() ? new ScoreDoc[0]
                : java.util.Arrays.copyOfRange(ranks, request.offset(),
                        Math.min(ranks.length, request.offset() + request.limit()));
        return new Outcome(new SearchResults(total, hits(searcher, highlight, page), facets),
                (int) Math.min(total, Integer.MAX_VALUE));
    }

    /**
     * The best {@code n} hits of {@code query}, without counting them all: block-max WAND skips records that cannot
     * reach the page from the {@code n}-th hit on, where {@link IndexSearcher#search(Query, int)} first collects a
     * thousand (for an exact total up to there). For callers that count the matches otherwise (the facets pass).
     */
    private static TopDocs top(IndexSearcher searcher, Query query, int n) throws IOException {
        return searcher.search(query, new TopScoreDocCollectorManager(n, null, n, searcher.getSlices().length > 1));
    }

    private static QueryInvalid tooComplex() {
        return new QueryInvalid("查询过于复杂 (query too complex: use fewer or shorter terms)", -1);
    }

    private static Sort sortOf(SortOrder order) {
        if (order == SortOrder.RELEVANCE) {
            return null;
        }
        boolean newest = order == SortOrder.NEWEST;
        SortField byDate = new SortField(IndexFields.DATE, SortField.Type.LONG, newest);
        // Undated records go last in either direction.
        byDate.setMissingValue(newest ? Long.MIN_VALUE : Long.MAX_VALUE);
        return new Sort(byDate, SortField.FIELD_SCORE);
    }

    private static final Set<String> HIT_AND_BODY_FIELDS = hitAndBodyFields();

    private static Set<String> hitAndBodyFields() {
        Set<String> fields = new HashSet<>(FacetingSearcher.HIT_FIELDS);
        fields.add(IndexFields.BODY);
        return Set.copyOf(fields);
    }

    private List<Hit> hits(IndexSearcher searcher, Query query, ScoreDoc[] page) throws IOException {
        if (page.length == 0) {
            return List.of();
        }
        int[] docs = new int[page.length];
        for (int i = 0; i < page.length; i++) {
            docs[i] = page[i].doc;
        }
        // Each stored record is decompressed whole, body included, whichever fields are asked for: read it once,
        // for the hit and for the highlighter (which would otherwise read every body again).
        StoredFields stored = searcher.storedFields();
        Document[] documents = new Document[docs.length];
        Map<Integer, String> bodies = new HashMap<>();
        for (int i = 0; i < docs.length; i++) {
            documents[i] = stored.document(docs[i], HIT_AND_BODY_FIELDS);
            String body = documents[i].get(IndexFields.BODY);
            bodies.put(docs[i], body == null ? "" : body);
        }
        Object[] snippets = new SnippetHighlighter(searcher, analysis, bodies)
                .snippets(IndexFields.BODY, query, docs);
        List<Hit> hits = new ArrayList<>(page.length);
        for (int i = 0; i < page.length; i++) {
            Document doc = documents[i];
            Snippet snippet = snippets[i] instanceof Snippet s ? s : Snippet.none();
            hits.add(RecordDocuments.toHit(doc, Float.isNaN(page[i].score) ? 0f : page[i].score, snippet));
        }
        return hits;
    }

    @Override
    public Optional<Hit> find(String id, Viewer viewer) {
        Query query = new BooleanQuery.Builder()
                .add(RecordDocuments.term(IndexFields.ID, id), Occur.FILTER)
                .add(RecordDocuments.accessFilter(viewer), Occur.FILTER)
                .build();
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(query, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(hits(searcher, query, top.scoreDocs).get(0));
        });
    }

    @Override
    public Optional<RecordText> text(String id, Viewer viewer) {
        Query query = new BooleanQuery.Builder()
                .add(RecordDocuments.term(IndexFields.ID, id), Occur.FILTER)
                .add(RecordDocuments.accessFilter(viewer), Occur.FILTER)
                .add(RecordDocuments.records(), Occur.FILTER)
                .build();
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(query, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Set<String> fields = new HashSet<>(HIT_AND_BODY_FIELDS);
            fields.add(IndexFields.RECIPIENT_UNITS);
            Document doc = searcher.storedFields().document(top.scoreDocs[0].doc, fields);
            String body = doc.get(IndexFields.BODY);
            return Optional.of(new RecordText(RecordDocuments.toHit(doc, 0f, Snippet.none()), body == null ? "" : body,
                    List.of(doc.getValues(IndexFields.RECIPIENT_UNITS))));
        });
    }

    @Override
    public long size() {
        return withSearcher(s -> (long) s.count(RecordDocuments.records()));
    }

    // ---------------------------------------------------------------- similar records

    @Override
    public List<Precedent> similarTo(String id, Viewer viewer, Set<RecordKind> kinds, int limit) {
        return withSearcher(searcher -> {
            Query self = new BooleanQuery.Builder()
                    .add(RecordDocuments.term(IndexFields.ID, id), Occur.FILTER)
                    .add(RecordDocuments.accessFilter(viewer), Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(self, 1);
            if (top.scoreDocs.length == 0) {
                return List.of();
            }
            Document doc = searcher.storedFields().document(top.scoreDocs[0].doc,
                    Set.of(IndexFields.TITLE, IndexFields.BODY));
            return similar(searcher, doc.get(IndexFields.TITLE) + "\n\n" + doc.get(IndexFields.BODY), id, viewer,
                    kinds, limit, 2);
        });
    }

    @Override
    public List<Precedent> similarToText(String text, Viewer viewer, Set<RecordKind> kinds, int limit) {
        return withSearcher(searcher -> similar(searcher, text, null, viewer, kinds, limit, 1));
    }

    private List<Precedent> similar(IndexSearcher searcher, String text, String excludedId, Viewer viewer,
            Set<RecordKind> kinds, int limit, int minDocFreq) throws IOException {
        MoreLikeThis likeThis = new MoreLikeThis(searcher.getIndexReader());
        likeThis.setAnalyzer(analysis.words());
        // The text's smartcn words looked up in the bigram body: two-character words (most Chinese words) are
        // bigram terms there; longer words have no document frequency and drop out.
        likeThis.setFieldNames(new String[] {IndexFields.BODY});
        likeThis.setMinTermFreq(1);
        // For a record, a word must occur in some other record too (the record itself is one); for pasted text
        // a word found in a single record is the strongest hint.
        likeThis.setMinDocFreq(minDocFreq);
        if (searcher.getIndexReader().numDocs() >= 100) {
            // Words in a quarter of all records are boilerplate (本院, 建议); in a tiny index every word is.
            likeThis.setMaxDocFreqPct(25);
        }
        // Single characters and numbers say little about what a case is about.
        likeThis.setMinWordLen(2);
        likeThis.setMaxQueryTerms(25);
        likeThis.setBoost(true);
        String sample = text.length() > MAX_LIKE_CHARS ? text.substring(0, MAX_LIKE_CHARS) : text;
        Query like = likeThis.like(IndexFields.BODY, new StringReader(sample));
        Map<String, Float> terms = new LinkedHashMap<>();
        if (like instanceof BooleanQuery bool) {
            for (BooleanClause clause : bool.clauses()) {
                Query q = clause.getQuery();
                float boost = 1f;
                if (q instanceof BoostQuery b) {
                    boost = b.getBoost();
                    q = b.getQuery();
                }
                if (q instanceof TermQuery t && t.getTerm().text().codePoints().noneMatch(Character::isDigit)) {
                    terms.put(t.getTerm().text(), boost);
                }
            }
        }
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(like, Occur.MUST)
                .add(RecordDocuments.accessFilter(viewer), Occur.FILTER);
        if (excludedId != null) {
            query.add(RecordDocuments.term(IndexFields.ID, excludedId), Occur.MUST_NOT);
        }
        if (!kinds.isEmpty()) {
            BooleanQuery.Builder anyKind = new BooleanQuery.Builder();
            kinds.forEach(k -> anyKind.add(RecordDocuments.term(IndexFields.KIND, k.name()), Occur.SHOULD));
            query.add(anyKind.build(), Occur.FILTER);
        }
        Query built = query.build();
        TopDocs top = searcher.search(built, limit);
        // Snippets show the shared words: highlight them as phrases on the bigram body field.
        BooleanQuery.Builder highlight = new BooleanQuery.Builder();
        terms.keySet().forEach(t -> highlight.add(translator.phrase(t), Occur.SHOULD));
        List<Hit> hits = hits(searcher, highlight.build(), top.scoreDocs);
        List<Precedent> precedents = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            precedents.add(new Precedent(hits.get(i), sharedTerms(searcher, top.scoreDocs[i].doc, terms)));
        }
        return precedents;
    }

    private static List<String> sharedTerms(IndexSearcher searcher, int doc, Map<String, Float> terms)
            throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Terms field = leaf.reader().terms(IndexFields.BODY);
        if (field == null) {
            return List.of();
        }
        TermsEnum termsEnum = field.iterator();
        int local = doc - leaf.docBase;
        List<Map.Entry<String, Float>> shared = new ArrayList<>();
        for (Map.Entry<String, Float> term : terms.entrySet()) {
            if (termsEnum.seekExact(new BytesRef(term.getKey()))) {
                PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
                if (postings.advance(local) == local) {
                    shared.add(term);
                }
            }
        }
        shared.sort(Map.Entry.<String, Float>comparingByValue().reversed());
        return shared.stream().map(Map.Entry::getKey).toList();
    }

    // ---------------------------------------------------------------- plumbing

    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index at " + location, e);
        }
        try {
            return work.run(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index at " + location, e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                // Releasing only decrements a reference count; nothing to recover.
            }
        }
    }

    /**
     * Finishes the background work in hand (an embedding, a refresh or commit), then commits and closes the writer,
     * which waits for running merges. No thread inside the IndexWriter is ever interrupted, the closing thread
     * included: an interrupt closes the NIO channel a thread writes through (and the write lock's channel, shared
     * by every thread), and a merge still running then dies with a ClosedChannelException.
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        RuntimeException vectorsFailed = null;
        try {
            if (vectors != null) {
                try {
                    vectors.close();
                } catch (RuntimeException e) {
                    vectorsFailed = e; // a worker that did not stop in time: the writer is closed all the same
                }
                interrupted |= Thread.interrupted();
            }
            refresher.shutdown(); // cancels the periodic refresh and commit; one in hand finishes
            interrupted |= awaitUninterruptibly(refresher);
            searchers.close();
            if (writer != null) {
                writer.close();
            }
            directory.close();
            if (vectorsFailed != null) {
                throw vectorsFailed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the search index at " + location, e);
        } finally {
            pool.shutdown();
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits up to a minute for {@code executor} to end; returns whether the waiting thread was interrupted. */
    private static boolean awaitUninterruptibly(java.util.concurrent.ExecutorService executor) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!executor.isTerminated() && System.nanoTime() < deadline) {
            try {
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true; // restored by close() once the writer is closed
            }
        }
        return interrupted;
    }

    @Override
    public String toString() {
        return "LuceneRecordIndex[" + location + "]";
    }

    /** A searcher that computes the facet state of its reader once, on the first faceted search. */
    static final class FacetingSearcher extends IndexSearcher {

        static final Set<String> HIT_FIELDS = Set.of(IndexFields.ID, IndexFields.KIND, IndexFields.TYPE,
                IndexFields.TITLE, IndexFields.NUMBER, IndexFields.SOURCE, IndexFields.ISSUING_UNIT,
                IndexFields.DOMAIN, IndexFields.STATUS, IndexFields.DATE, IndexFields.INSTRUMENT);

        private static final FacetsConfig FACETS = new FacetsConfig();

        /** The facet state of this reader, built on the first faceted search; empty when nothing has facets. */
        private volatile Optional<SortedSetDocValuesReaderState> state;

        /** The same reader searched one segment after the other (see {@link #inOrder()}). */
        private final IndexSearcher inOrder;

        FacetingSearcher(IndexReader reader, Executor executor, QueryCache cache) {
            super(reader, executor);
            setQueryCache(cache);
            this.inOrder = new IndexSearcher(reader);
            inOrder.setQueryCache(cache);
        }

        /**
         * This searcher's reader without the executor, for the kNN search: Lucene's HNSW search of each segment
         * stops early against the best similarities the other segments found so far (one shared heap), so searching
         * segments concurrently makes the nearest passages depend on timing, and the same query, asked again for its
         * second page, could rank otherwise. In order, a reader always gives the same answer.
         */
        IndexSearcher inOrder() {
            return inOrder;
        }

        Map<String, List<FacetCount>> count(FacetsCollector collector) throws IOException {
            Map<String, List<FacetCount>> counts = new LinkedHashMap<>();
            Optional<SortedSetDocValuesReaderState> current = state();
            if (current.isEmpty()) {
                return counts;
            }
            Set<String> present = new java.util.HashSet<>();
            current.get().getDims().forEach(present::add);
            SortedSetDocValuesFacetCounts facets = new SortedSetDocValuesFacetCounts(current.get(), collector);
            for (String dimension : RecordDocuments.DIMENSIONS) {
                if (!present.contains(dimension)) {
                    continue;
                }
                FacetResult result = facets.getTopChildren(MAX_FACET_VALUES, dimension);
                List<FacetCount> values = new ArrayList<>();
                if (result != null) {
                    for (LabelAndValue value : result.labelValues) {
                        values.add(new FacetCount(value.label, value.value.longValue()));
                    }
                }
                counts.put(dimension, values);
            }
            return counts;
        }

        private Optional<SortedSetDocValuesReaderState> state() throws IOException {
            Optional<SortedSetDocValuesReaderState> current = state;
            if (current == null) {
                synchronized (this) {
                    if (state == null) {
                        FieldInfos fields = FieldInfos.getMergedFieldInfos(getIndexReader());
                        state = fields.fieldInfo(IndexFields.FACETS) == null ? Optional.empty()
                                : Optional.of(new DefaultSortedSetDocValuesReaderState(getIndexReader(),
                                        IndexFields.FACETS, FACETS));
                    }
                    current = state;
                }
            }
            return current;
        }
    }

    /** Exposes the highlighter's per-document objects so snippets keep their match spans. */
    private static final class SnippetHighlighter extends UnifiedHighlighter {

        private final Map<Integer, String> bodies;

        /** A highlighter of the given bodies, already read with their hits, by document id. */
        SnippetHighlighter(IndexSearcher searcher, ChineseAnalysis analysis, Map<Integer, String> bodies) {
            super(UnifiedHighlighter.builder(searcher, analysis.bigrams())
                    .withFormatter(new SnippetFormatter())
                    .withMaxLength(Integer.MAX_VALUE - 1)
                    .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                            new SentenceBreaks(), SNIPPET_LENGTH, 0.5f)));
            this.bodies = bodies;
        }

        Object[] snippets(String field, Query query, int[] docs) throws IOException {
            return highlightFieldsAsObjects(new String[] {field}, query, docs, new int[] {1}).get(field);
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter,
                int cacheCharsThreshold) throws IOException {
            if (fields.length != 1 || !fields[0].equals(IndexFields.BODY)) {
                return super.loadFieldValues(fields, docIter, cacheCharsThreshold);
            }
            List<CharSequence[]> values = new ArrayList<>();
            for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
                values.add(new CharSequence[] {bodies.get(doc)});
            }
            return values;
        }
    }

    /** Access for tests of the reader's refresh. */
    ReferenceManager<IndexSearcher> searchers() {
        return searchers;
    }
}
