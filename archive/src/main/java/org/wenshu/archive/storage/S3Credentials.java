package org.wenshu.archive.storage;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/** An S3 access key pair; for the embedded endpoint generated once and kept in {@code $WENSHU_HOME}. */
public record S3Credentials(String accessKey, String secretKey) {

    @Override
    public String toString() {
        return "S3Credentials[accessKey=" + accessKey + ", secretKey=***]";
    }

    /** Loads the key pair stored in {@code file}, creating it (owner-readable only) with random keys on first use. */
    public static synchronized S3Credentials generatedIn(Path file) {
        try {
            if (Files.exists(file)) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                return new S3Credentials(properties.getProperty("accessKey"), properties.getProperty("secretKey"));
            }
            SecureRandom random = new SecureRandom();
            S3Credentials credentials = new S3Credentials("wenshu-" + hex(random, 6), hex(random, 24));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".s3-credentials", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the home directory's ACL applies.
            }
            Properties properties = new Properties();
            properties.setProperty("accessKey", credentials.accessKey());
            properties.setProperty("secretKey", credentials.secretKey());
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(writer, "wenshu embedded S3 endpoint credentials (generated, keep private)");
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return credentials;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create S3 credentials in " + file, e);
        }
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
