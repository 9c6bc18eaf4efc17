package org.wenshu.archive;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * 核验码: short random codes printed on each issued instrument, 12 characters of a 32-letter alphabet without 0, 1, I
 * and O (60 bits from {@link SecureRandom}), so they can be read aloud and typed from paper, and reveal nothing about
 * the record id or the document number.
 */
public final class VerificationCodes {

    /** The alphabet: digits 2-9 and the Latin capitals except I and O, 32 letters, so each draws exactly 5 bits. */
    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /** Characters per code. */
    public static final int LENGTH = 12;

    private final SecureRandom random;

    /** Codes from a fresh {@link SecureRandom}. */
    public VerificationCodes() {
        this(new SecureRandom());
    }

    VerificationCodes(SecureRandom random) {
        this.random = random;
    }

    /** A new code, {@link #LENGTH} characters of {@link #ALPHABET}. */
    public String next() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The code as stored for what a visitor typed: upper case, without spaces and hyphens; empty when it cannot be a
     * code (wrong length or a letter outside the alphabet).
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }
}
