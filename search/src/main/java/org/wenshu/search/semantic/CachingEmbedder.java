package org.wenshu.search.semantic;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SentenceEmbedder} that remembers the vector of every passage it embedded in an append-only file
 * (向量缓存), keyed by the SHA-256 of model and passage: rebuilding an index, or evaluating rankings on the same
 * corpus again, embeds only passages it has not seen. Queries are not cached. The file holds records of
 * {@code [32-byte key][dimensions × float32, big-endian]} after a header line naming the model; a file of another
 * model is replaced.
 */
public final class CachingEmbedder implements SentenceEmbedder {

    private final SentenceEmbedder model;
    private final Path file;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private final DataOutputStream out;

    private CachingEmbedder(SentenceEmbedder model, Path file, DataOutputStream out) {
        this.model = model;
        this.file = file;
        this.out = out;
    }

    /** Caches {@code model}'s passage vectors in {@code file} (created if missing). */
    public static CachingEmbedder over(SentenceEmbedder model, Path file) {
        try {
            String header = "wenshu-vectors " + model.model() + " " + model.dimensions();
            CachingEmbedder cache;
            if (Files.isRegularFile(file) && header.equals(headerOf(file))) {
                cache = new CachingEmbedder(model, file, new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(file, StandardOpenOption.APPEND))));
                cache.load(header);
            } else {
                Files.createDirectories(file.toAbsolutePath().getParent());
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
                out.writeUTF(header);
                out.flush();
                cache = new CachingEmbedder(model, file, out);
            }
            return cache;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the vector cache " + file, e);
        }
    }

    private static String headerOf(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return in.readUTF();
        } catch (EOFException e) {
            return "";
        }
    }

    private void load(String header) throws IOException {
        int dimensions = model.dimensions();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            in.readUTF();
            byte[] key = new byte[32];
            while (true) {
                try {
                    in.readFully(key);
                    float[] vector = new float[dimensions];
                    for (int i = 0; i < dimensions; i++) {
                        vector[i] = in.readFloat();
                    }
                    vectors.put(HexFormat.of().formatHex(key), vector);
                } catch (EOFException e) {
                    // A record cut short by a crash is dropped; it is embedded again when asked for.
                    return;
                }
            }
        }
    }

    /** True when the vector of {@code passage} is in the cache. */
    public boolean contains(String passage) {
        return vectors.containsKey(HexFormat.of().formatHex(key(passage)));
    }

    /** Passages whose vectors are in the cache. */
    public int size() {
        return vectors.size();
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
        byte[] key = key(passage);
        String hex = HexFormat.of().formatHex(key);
        float[] known = vectors.get(hex);
        if (known != null) {
            return known;
        }
        float[] vector = model.embedPassage(passage);
        vectors.put(hex, vector);
        synchronized (out) {
            try {
                out.write(key);
                for (float v : vector) {
                    out.writeFloat(v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the vector cache " + file, e);
            }
        }
        return vector;
    }

    private byte[] key(String passage) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(model.model().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return digest.digest(passage.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public float[] embedQuery(String query) {
        return model.embedQuery(query);
    }

    /** Writes what is buffered to the file. */
    public void flush() {
        synchronized (out) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the vector cache " + file, e);
            }
        }
    }

    @Override
    public void close() {
        flush();
        try {
            out.close();
        } catch (IOException e) {
            // Everything was flushed above.
        }
        model.close();
    }
}
