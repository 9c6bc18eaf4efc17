package org.wenshu.search.semantic;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.UncheckedIOException;
import java.io.UTFDataFormatException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SentenceEmbedder} that remembers every vector it computed in an append-only file (向量缓存) outside the
 * index, keyed by the SHA-256 of the model identity and the exact text embedded (passages and queries apart, a
 * query keyed with the model's retrieval instruction implied): rebuilding an index, or evaluating rankings on the same
 * corpus again, embeds only texts it has not seen. The file is a header ({@link DataOutputStream#writeUTF} of
 * {@code wenshu-vectors <model> <dimensions>}) followed by records of {@code [32-byte key][dimensions × float32,
 * big-endian]}; every record is written through to the file as soon as it is computed, so a killed process loses at
 * most the record being written, and a torn or damaged tail (a record cut short, or a vector that is not of unit
 * length) is cut off when the file is opened again. A file of another model or dimension is replaced.
 */
public final class CachingEmbedder implements SentenceEmbedder {

    private static final int KEY_BYTES = 32;
    private static final byte PASSAGE = 0;
    private static final byte QUERY = 1;

    private final SentenceEmbedder model;
    private final Path file;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private final AtomicInteger computed = new AtomicInteger();
    private DataOutputStream out;

    private CachingEmbedder(SentenceEmbedder model, Path file) {
        this.model = model;
        this.file = file;
    }

    /**
     * Caches {@code model}'s vectors in {@code file} (created with its folders if missing); throws
     * {@link UncheckedIOException} when the file cannot be read or written.
     */
    public static CachingEmbedder over(SentenceEmbedder model, Path file) {
        CachingEmbedder cache = new CachingEmbedder(model, file);
        try {
            String header = "wenshu-vectors " + model.model() + " " + model.dimensions();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.isRegularFile(file) && header.equals(headerOf(file))) {
                long valid = cache.load();
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    if (channel.size() > valid) {
                        channel.truncate(valid);
                    }
                }
                cache.out = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(file, StandardOpenOption.APPEND), 4096));
            } else {
                cache.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 4096));
                cache.out.writeUTF(header);
                cache.out.flush();
            }
            return cache;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the vector cache " + file, e);
        }
    }

    private static String headerOf(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return in.readUTF();
        } catch (EOFException | UTFDataFormatException e) {
            return "";
        }
    }

    /** Reads every whole, sound record; returns the file offset just after the last of them. */
    private long load() throws IOException {
        int dimensions = model.dimensions();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            long valid = 2 + in.readUnsignedShort();
            in.skipNBytes(valid - 2);
            byte[] key = new byte[KEY_BYTES];
            while (true) {
                float[] vector = new float[dimensions];
                try {
                    in.readFully(key);
                    double norm = 0;
                    for (int i = 0; i < dimensions; i++) {
                        vector[i] = in.readFloat();
                        norm += (double) vector[i] * vector[i];
                    }
                    if (!(Math.abs(norm - 1) < 0.01)) {
                        // Not a vector this cache wrote (a torn write appended to): the rest is not trusted.
                        return valid;
                    }
                } catch (EOFException e) {
                    return valid;
                }
                vectors.put(HexFormat.of().formatHex(key), vector);
                valid += KEY_BYTES + 4L * dimensions;
            }
        }
    }

    /** True when the vector of {@code passage} is in the cache. */
    public boolean contains(String passage) {
        return vectors.containsKey(HexFormat.of().formatHex(key(PASSAGE, passage)));
    }

    /** Texts (passages and queries) whose vectors are in the cache. */
    public int size() {
        return vectors.size();
    }

    /** Texts this instance had to embed with the model (not found in the cache) since it was opened. */
    public int computed() {
        return computed.get();
    }

    /** The file the vectors are kept in. */
    public Path file() {
        return file;
    }

    @Override
    public String model() {
        return model.model();
    }

    @Override
    public int dimensions() {
        return model.dimensions();
    }

    @Override
    public float[] embedPassage(String passage) {
        return cached(PASSAGE, passage);
    }

    @Override
    public float[] embedQuery(String query) {
        return cached(QUERY, query);
    }

    private float[] cached(byte kind, String text) {
        byte[] key = key(kind, text);
        String hex = HexFormat.of().formatHex(key);
        float[] known = vectors.get(hex);
        if (known != null) {
            return known;
        }
        float[] vector = kind == PASSAGE ? model.embedPassage(text) : model.embedQuery(text);
        computed.incrementAndGet();
        vectors.put(hex, vector);
        synchronized (this) {
            try {
                out.write(key);
                for (float v : vector) {
                    out.writeFloat(v);
                }
                // Written through at once: a process killed during a long embedding run loses one record at most.
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the vector cache " + file, e);
            }
        }
        return vector;
    }

    /**
     * The key of a text: SHA-256 over the model identity, a zero byte, the kind (passage 0, query 1; the query's
     * vector is the model's with its retrieval instruction) and the UTF-8 text. A passage's key is the same as
     * before queries were cached (no kind byte), so older cache files stay valid.
     */
    private byte[] key(byte kind, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(model.model().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            if (kind != PASSAGE) {
                digest.update(new byte[] {(byte) 0, kind});
            }
            return digest.digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Writes what is buffered to the file (every record is written through already). */
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the vector cache " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // Every record was flushed when it was written.
        }
        model.close();
    }
}
