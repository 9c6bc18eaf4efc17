package org.wenshu.generator.signing;

/** Issues RFC 3161 timestamp tokens (时间戳) over a SHA-256 digest. */
public interface TimestampAuthority {

    /** Returns the DER-encoded TimeStampToken (a CMS ContentInfo) for the given SHA-256 digest. */
    byte[] timestamp(byte[] sha256Digest);
}
