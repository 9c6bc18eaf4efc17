package org.wenshu.batch.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.wenshu.batch.InputPaths;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.TypeIssuedElsewhere;

/**
 * The job parameters of bulk-issue from {@code key=value} arguments. The job instance is identified by the type and
 * the SHA-256 of the recipient list and the base data (not their paths) and, for a CSV that is not UTF-8, its
 * effective encoding ({@link ListEncoding#effective}, e.g. {@code GB18030} however the GBK family was spelled): the same
 * files again resume or report the same instance, a changed file is a new one. Executions started before the encoding
 * was canonical keep the spelling they were given; they restart under it.
 */
public final class BulkIssueParameters {

    public static final String TYPE = "type";
    public static final String FILE = "file";
    public static final String DATA = "data";
    public static final String FILE_SHA256 = "fileSha256";
    public static final String DATA_SHA256 = "dataSha256";
    public static final String ENCODING = "encoding";
    public static final String SKIP_LIMIT = "skipLimit";

    private static final Set<String> KNOWN = Set.of(TYPE, FILE, DATA, ENCODING, SKIP_LIMIT, "skip-limit");

    private BulkIssueParameters() {
    }

    /**
     * Checks the arguments and hashes the files.
     *
     * @throws ListRefused for a missing or unknown argument, a missing file, a bad skip limit or a type issued only
     *                     within its own workflow (会议纪要); {@link UnknownEncoding} for an encoding that is not accepted
     */
    public static JobParameters of(Map<String, String> arguments, InstrumentCatalog catalog, int defaultSkipLimit) {
        for (String key : arguments.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new ListRefused("bulk-issue 不认识参数 " + key + "；可用 type=类型 data=基础数据.json file=名单.xlsx|.csv [encoding=GB18030] [skipLimit=N]");
            }
        }
        String type = require(arguments, TYPE);
        try {
            catalog.requireStandalone(type);
        } catch (TypeIssuedElsewhere elsewhere) {
            throw new ListRefused(elsewhere.getMessage());
        }
        Path file = existing(require(arguments, FILE), "名单");
        Path data = existing(require(arguments, DATA), "基础数据");
        int skipLimit = defaultSkipLimit;
        String limit = arguments.getOrDefault(SKIP_LIMIT, arguments.get("skip-limit"));
        if (limit != null) {
            try {
                skipLimit = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                skipLimit = -1;
            }
            if (skipLimit < 0) {
                throw new ListRefused("skipLimit=" + limit + " 无效：须为不小于 0 的整数（最多跳过的行数）");
            }
        }
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(TYPE, type, true)
                .addString(FILE_SHA256, sha256(file), true)
                .addString(DATA_SHA256, sha256(data), true)
                .addString(FILE, file.toAbsolutePath().normalize().toString(), false)
                .addString(DATA, data.toAbsolutePath().normalize().toString(), false)
                .addLong(SKIP_LIMIT, (long) skipLimit, false);
        // Only the effective encoding identifies the job: every spelling of the same list's encoding (or a needless
        // one) is the same instance, never a second issue. UTF-8 stays absent, as before encodings were canonical.
        ListEncoding.effective(file, Optional.ofNullable(arguments.get(ENCODING)))
                .ifPresent(encoding -> builder.addString(ENCODING, encoding, true));
        return builder.toJobParameters();
    }

    private static String require(Map<String, String> arguments, String key) {
        String value = arguments.get(key);
        if (value == null || value.isBlank()) {
            throw new ListRefused("bulk-issue 缺少参数 " + key + "=…；例如 type=meeting-notice data=examples/meeting-notice.json file=recipients.xlsx");
        }
        return value.strip();
    }

    private static Path existing(String path, String what) {
        Path file = Path.of(path);
        InputPaths.fileProblem(file, what + "文件", path).ifPresent(problem -> {
            throw new ListRefused(problem);
        });
        return file;
    }

    /** SHA-256 (hex) of a file's bytes, read as a stream. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
