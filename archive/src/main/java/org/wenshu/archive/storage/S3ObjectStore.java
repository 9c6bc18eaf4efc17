package org.wenshu.archive.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SetBucketVersioningArgs;
import io.minio.SetObjectRetentionArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import io.minio.messages.VersioningConfiguration;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** Objects in one bucket of an S3 endpoint (MinIO, S3Proxy, any S3) through the MinIO Java SDK. */
public final class S3ObjectStore {

    private final S3Settings settings;
    private final MinioClient client;

    public S3ObjectStore(S3Settings settings) {
        this.settings = settings;
        OkHttpClient http = new OkHttpClient.Builder()
                .socketFactory(new NoDelaySocketFactory())
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofMinutes(2))
                .writeTimeout(Duration.ofMinutes(2))
                // Idle connections are dropped before the server drops them (S3Proxy's Jetty after 30 s): with retries
                // off, a request on a connection the server has closed fails ("unexpected end of stream").
                .connectionPool(new ConnectionPool(16, 15, TimeUnit.SECONDS))
                // A failed request is reported, never silently replayed: the archive decides what a failure means.
                .retryOnConnectionFailure(false)
                .build();
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint().toString())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(http)
                .build();
    }

    public S3Settings settings() {
        return settings;
    }

    /** Creates the bucket if it is missing, with versioning and object lock only where configured. */
    public void ensureBucket() {
        call("check bucket " + settings.bucket(), () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(settings.bucket())
                        .region(settings.region()).objectLock(settings.objectLock()).build());
                if (settings.versioning() && !settings.objectLock()) {
                    // Object lock implies versioning on MinIO; otherwise switch it on explicitly.
                    client.setBucketVersioning(SetBucketVersioningArgs.builder().bucket(settings.bucket())
                            .config(new VersioningConfiguration(VersioningConfiguration.Status.ENABLED, null)).build());
                }
            }
            return null;
        });
    }

    /** Stores {@code content} at {@code key}; metadata keys and values must be US-ASCII (S3 header rules). */
    public void put(String key, byte[] content, String contentType, Map<String, String> metadata) {
        call("put " + key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(settings.bucket())
                .object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .contentType(contentType)
                .userMetadata(metadata)
                .build()));
    }

    /** Places COMPLIANCE retention on a committed object; does nothing unless object lock is configured. */
    public void retain(String key) {
        if (!settings.objectLock()) {
            return; // S3Proxy and plain servers: never call retention APIs there (S3Proxy overwrote the object).
        }
        ZonedDateTime until = ZonedDateTime.now(ZoneOffset.UTC).plusDays(settings.objectLockRetentionDays());
        call("retain " + key, () -> {
            client.setObjectRetention(SetObjectRetentionArgs.builder().bucket(settings.bucket()).object(key)
                    .config(new Retention(RetentionMode.COMPLIANCE, until)).build());
            return null;
        });
    }

    /** The object's bytes, or empty when no object has that key. */
    public Optional<byte[]> get(String key) {
        return call("get " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(settings.bucket()).object(key).build())) {
                return Optional.of(in.readAllBytes());
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return Optional.<byte[]>empty();
                }
                throw e;
            }
        });
    }

    /** The object's size, type and metadata, or empty when no object has that key. */
    public Optional<ObjectInfo> stat(String key) {
        return call("stat " + key, () -> {
            try {
                StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(settings.bucket()).object(key).build());
                return Optional.of(new ObjectInfo(key, stat.size(), stat.contentType(), Map.copyOf(stat.userMetadata())));
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return Optional.<ObjectInfo>empty();
                }
                throw e;
            }
        });
    }

    /** Keys of all objects under {@code prefix}, in key order. */
    public List<String> list(String prefix) {
        return call("list " + prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(settings.bucket())
                    .prefix(prefix).recursive(true).build())) {
                keys.add(result.get().objectName());
            }
            keys.sort(null);
            return keys;
        });
    }

    /** Removes the object (no error if it is already gone). */
    public void delete(String key) {
        call("delete " + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(settings.bucket()).object(key).build());
            return null;
        });
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse() == null ? "" : e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || e.response() != null && e.response().code() == 404;
    }

    private interface S3Call<T> {
        T run() throws Exception;
    }

    private <T> T call(String what, S3Call<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e instanceof StorageFailure ? e : new StorageFailure("object storage: " + what + " failed: " + e, e);
        } catch (Exception e) {
            throw new StorageFailure("object storage: " + what + " failed: " + e, e);
        }
    }
}
