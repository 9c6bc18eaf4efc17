package org.wenshu.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.wenshu.search.analysis.ChineseAnalysis;
import org.wenshu.search.analysis.IndexFields;

/**
 * The folders of new index generations (新一代索引) built beside the live index, {@code <index>-generations/<name>/
 * <part>}: each part is an ordinary Lucene index written by one thread, committed as it goes, so that a rebuild
 * killed half-way resumes from the parts' last commits while the live index, untouched, keeps serving.
 */
final class IndexGenerations {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,80}");

    private final Path root;
    private final ChineseAnalysis analysis;

    IndexGenerations(Path index, ChineseAnalysis analysis) {
        Path absolute = index.toAbsolutePath();
        this.root = absolute.resolveSibling(absolute.getFileName() + "-generations");
        this.analysis = analysis;
    }

    /** Opens part {@code part} of generation {@code generation}: created empty, or as last committed. */
    RecordIndex.IndexPart open(String generation, String part) {
        Path folder = folder(generation).resolve(name(part, "part"));
        try {
            Files.createDirectories(folder);
            Directory directory = FSDirectory.open(folder);
            IndexWriterConfig config = new IndexWriterConfig(analysis.indexing())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64)
                    // Merging is left to the live index once the parts are added to it: here it would only
                    // compete with the other parts' analysis for the same cores.
                    .setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
            IndexWriter writer;
            try {
                writer = new IndexWriter(directory, config);
            } catch (LockObtainFailedException e) {
                directory.close();
                throw new IndexLocked(folder.toString(), e);
            }
            writer.setLiveCommitData(Map.of(IndexFields.SCHEMA_KEY, Integer.toString(IndexFields.SCHEMA_VERSION)).entrySet());
            return new LucenePart(folder, directory, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index part " + folder, e);
        }
    }

    /** The committed parts of {@code generation}, in name order; empty if it has none. */
    List<Path> parts(String generation) {
        Path folder = folder(generation);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.sorted().toList()) {
                try (Directory directory = FSDirectory.open(child)) {
                    if (DirectoryReader.indexExists(directory)) {
                        parts.add(child);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list index generation " + folder, e);
        }
        return parts;
    }

    /** Deletes every generation folder except {@code keep}'s. */
    void discard(Optional<String> keep) {
        if (!Files.isDirectory(root)) {
            return;
        }
        Optional<Path> kept = keep.map(this::folder);
        try (Stream<Path> generations = Files.list(root)) {
            for (Path generation : generations.toList()) {
                if (kept.isEmpty() || !generation.equals(kept.get())) {
                    delete(generation);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up index generations in " + root, e);
        }
    }

    private Path folder(String generation) {
        return root.resolve(name(generation, "generation"));
    }

    private static String name(String name, String what) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("invalid index " + what + " name: " + name);
        }
        return name;
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** One part: a private IndexWriter on its own folder. */
    private static final class LucenePart implements RecordIndex.IndexPart {

        private final Path folder;
        private final Directory directory;
        private final IndexWriter writer;

        LucenePart(Path folder, Directory directory, IndexWriter writer) {
            this.folder = folder;
            this.directory = directory;
            this.writer = writer;
        }

        @Override
        public void index(IndexedRecord record) {
            try {
                // By id, as the live index does: a record written again after a restart replaces the first copy.
                writer.updateDocuments(new Term(IndexFields.BLOCK, record.id()), List.of(RecordDocuments.toDocument(record)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot index " + record.id() + " into " + folder, e);
            }
        }

        @Override
        public void commit() {
            try {
                writer.commit();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot commit index part " + folder, e);
            }
        }

        @Override
        public long size() {
            return writer.getDocStats().numDocs;
        }

        @Override
        public void close() {
            try {
                // Uncommitted documents are dropped, not committed: what a part holds is what its caller committed.
                writer.rollback();
                directory.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close index part " + folder, e);
            }
        }
    }
}
