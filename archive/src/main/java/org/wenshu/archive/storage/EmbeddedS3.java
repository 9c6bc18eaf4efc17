package org.wenshu.archive.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The embedded default object store: an S3 endpoint on 127.0.0.1 served in-process by S3Proxy from a directory
 * (jclouds provider {@code filesystem-nio2}). It has no versioning and no object lock.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedS3.class.getName());
    /** The attribute S3Proxy writes to every object file once its content is complete. */
    static final String CONTENT_MD5 = "user.content-md5";
    /** S3Proxy's in-progress upload file: the object's file name, a dash and a random UUID. */
    private static final Pattern UPLOAD_FILE =
            Pattern.compile(".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final long UPLOAD_SETTLE_MILLIS = 1_000;
    /** Beside another live endpoint, an upload file unchanged this long is abandoned (no upload pauses that long). */
    static final long SHARED_UPLOAD_SETTLE_MILLIS = 10 * 60_000;

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final S3Credentials credentials;
    private final ObjectDirectoryUsers.Use use;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, S3Credentials credentials, ObjectDirectoryUsers.Use use) {
        this.proxy = proxy;
        this.context = context;
        this.credentials = credentials;
        this.use = use;
    }

    /** Serves {@code directory} on a free loopback port. */
    public static EmbeddedS3 start(Path directory, S3Credentials credentials) {
        return start(directory, credentials, 0);
    }

    /**
     * Serves {@code directory} on {@code port} of 127.0.0.1 (0 = a free port). Several endpoints, in one process or
     * several (a command line beside {@code wenshu serve}), may serve one directory: S3Proxy writes each object to a
     * temporary file and renames it into place.
     */
    public static EmbeddedS3 start(Path directory, S3Credentials credentials, int port) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create object directory " + directory, e);
        }
        ObjectDirectoryUsers.Use use = ObjectDirectoryUsers.enter(directory,
                () -> removeAbandonedUploads(directory, UPLOAD_SETTLE_MILLIS));
        if (!use.alone()) {
            // Another endpoint may be writing right now: only uploads unchanged for minutes count as abandoned.
            removeAbandonedUploads(directory, SHARED_UPLOAD_SETTLE_MILLIS);
        }
        try {
            return serve(directory, credentials, port, use);
        } catch (RuntimeException e) {
            use.close();
            throw e;
        }
    }

    private static EmbeddedS3 serve(Path directory, S3Credentials credentials, int port, ObjectDirectoryUsers.Use use) {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2")
                .credentials("local", "local")
                .overrides(properties)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKey(), credentials.secretKey())
                // Current AWS clients ask for flexible checksums (x-amz-checksum-mode) on every GET; S3Proxy answers
                // NotImplemented unless told to ignore headers it does not know.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.close();
            throw new IllegalStateException("interrupted while starting S3Proxy", e);
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("cannot start the embedded S3 endpoint on port " + port + ": " + e.getMessage(), e);
        }
        return new EmbeddedS3(proxy, context, credentials, use);
    }

    /**
     * Deletes what uploads cut short by a crash left behind. S3Proxy writes an object to a sibling file named
     * {@code <name>-<uuid>}, then its attributes, then renames it; a process killed before the attributes leaves a
     * file that S3Proxy 2.6 cannot list (HTTP 500 "Unable to get size of extended attribute 'user.content-md5'"), so
     * every listing of that prefix, and with it {@code reconcile} after the crash, would fail. An upload may be
     * starting right now: a candidate is removed only once it has stayed unchanged and without its attributes for
     * {@code settleMillis} ({@value #UPLOAD_SETTLE_MILLIS} ms when no other endpoint serves the directory,
     * {@value #SHARED_UPLOAD_SETTLE_MILLIS} ms beside a live one, whose uploads may stall under load). Costs one
     * walk of the directory's names per start (the attributes of name-matching files only); the embedded store is
     * the single-machine default, a production archive runs on MinIO.
     */
    static void removeAbandonedUploads(Path directory, long settleMillis) {
        Map<Path, FileTime> candidates = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (UPLOAD_FILE.matcher(file.getFileName().toString()).matches() && !hasObjectAttributes(file)) {
                    candidates.put(file, Files.getLastModifiedTime(file));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return; // S3Proxy reports what it cannot read; nothing here is worth failing the start for
        }
        if (candidates.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (settleMillis > UPLOAD_SETTLE_MILLIS) {
            candidates.values().removeIf(modified -> now - modified.toMillis() < settleMillis);
            if (candidates.isEmpty()) {
                return;
            }
        }
        long newest = candidates.values().stream().mapToLong(FileTime::toMillis).max().orElse(0);
        long wait = newest + UPLOAD_SETTLE_MILLIS - now;
        if (wait > 0) {
            try {
                Thread.sleep(Math.min(wait, UPLOAD_SETTLE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        candidates.forEach((file, modified) -> {
            try {
                if (Files.exists(file) && !hasObjectAttributes(file)
                        && Files.getLastModifiedTime(file).equals(modified)) {
                    Files.delete(file);
                    LOG.log(System.Logger.Level.INFO, "removed an upload abandoned by a crash: " + file);
                }
            } catch (IOException e) {
                // gone meanwhile (renamed by its live upload), or not ours to delete
            }
        });
    }

    private static boolean hasObjectAttributes(Path file) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
            // Without user attributes at all, S3Proxy lists files without reading any: nothing to clean then.
            return view == null || view.list().contains(CONTENT_MD5);
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public int port() {
        return proxy.getPort();
    }

    public S3Credentials credentials() {
        return credentials;
    }

    /** Settings to reach this endpoint through the MinIO SDK. */
    public S3Settings settings(String bucket) {
        return S3Settings.plain(endpoint(), credentials, bucket);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        } finally {
            context.close();
            use.close();
        }
    }
}
