package org.wenshu.archive.storage;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how objects are stored: an S3 endpoint, its credentials and bucket, and what the server supports.
 *
 * <p>{@code versioning} and {@code objectLockRetentionDays} are configuration, never probed: S3Proxy has neither,
 * and its legal-hold call was seen to replace an object's content, so a probe could damage real records.
 *
 * @param objectLockRetentionDays 0 when the server has no object lock; otherwise COMPLIANCE retention in days
 */
public record S3Settings(URI endpoint, String region, String accessKey, String secretKey, String bucket,
                         boolean versioning, int objectLockRetentionDays) {

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(bucket, "bucket");
        if (objectLockRetentionDays < 0) {
            throw new IllegalArgumentException("objectLockRetentionDays must not be negative");
        }
    }

    /** Settings for a server without versioning or object lock (the embedded S3Proxy). */
    public static S3Settings plain(URI endpoint, S3Credentials credentials, String bucket) {
        return new S3Settings(endpoint, "us-east-1", credentials.accessKey(), credentials.secretKey(), bucket, false, 0);
    }

    public boolean objectLock() {
        return objectLockRetentionDays > 0;
    }
}
