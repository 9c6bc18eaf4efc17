package org.wenshu.archive.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The embedded default object store: an S3 endpoint on 127.0.0.1 served in-process by S3Proxy from a directory
 * (jclouds provider {@code filesystem-nio2}). It has no versioning and no object lock.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final S3Credentials credentials;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, S3Credentials credentials) {
        this.proxy = proxy;
        this.context = context;
        this.credentials = credentials;
    }

    /** Serves {@code directory} on a free loopback port. */
    public static EmbeddedS3 start(Path directory, S3Credentials credentials) {
        return start(directory, credentials, 0);
    }

    /** Serves {@code directory} on {@code port} of 127.0.0.1 (0 = a free port). */
    public static EmbeddedS3 start(Path directory, S3Credentials credentials, int port) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create object directory " + directory, e);
        }
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
        return new EmbeddedS3(proxy, context, credentials);
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
        }
    }
}
