package org.wenshu.archive.uploads;

import java.text.Normalizer;
import java.util.Locale;

/** Sanitises uploaded file names for display and metadata; they never become part of an object key. */
public final class FileNames {

    private static final int MAX_LENGTH = 120;

    private FileNames() {
    }

    /** The last path segment, NFC-normalised, without control or reserved characters, at most 120 characters. */
    public static String sanitise(String name) {
        String value = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFC);
        int slash = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\'));
        value = value.substring(slash + 1);
        StringBuilder clean = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || "<>:\"|?*".indexOf(cp) >= 0 || Character.getType(cp) == Character.FORMAT) {
                clean.append('_');
            } else {
                clean.appendCodePoint(cp);
            }
        });
        String result = clean.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1);
        }
        if (result.codePointCount(0, result.length()) > MAX_LENGTH) {
            String extension = extension(result);
            int keep = MAX_LENGTH - extension.length() - 1;
            result = result.substring(0, result.offsetByCodePoints(0, keep)) + (extension.isEmpty() ? "" : "." + extension);
        }
        return result.isEmpty() ? "unnamed" : result;
    }

    /**
     * The name shown for the file at {@code position} (from 1) of an upload: the sanitised name, or {@code 附件N.ext}
     * when its stem has nothing visible (only dots, spaces, invisible or control characters, or nothing at all).
     *
     * @param extension the extension to give a generated name, without the dot; "" for none
     */
    public static String display(String name, int position, String extension) {
        String original = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFC);
        original = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
        int dot = original.lastIndexOf('.');
        String stem = dot < 0 ? original : original.substring(0, dot);
        if (stem.codePoints().anyMatch(FileNames::isVisible)) {
            return sanitise(name);
        }
        return "附件" + position + (extension.isEmpty() ? "" : "." + extension);
    }

    /** Whether a character shows as a mark: not a space, dot, control, format (Cf) or blank filler letter. */
    private static boolean isVisible(int c) {
        int type = Character.getType(c);
        return !(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '.' || type == Character.CONTROL
                || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK || BLANK_LETTERS.indexOf(c) >= 0);
    }

    /** Letters and symbols that render as nothing (Hangul fillers, braille blank). */
    private static final String BLANK_LETTERS = "\u115F\u1160\u3164\uFFA0\u2800";

    /** The lower-case extension the uploader gave, also when the stem is blank ({@code .pdf} claims "pdf"). */
    public static String claimedExtension(String name) {
        String extension = extension(sanitise(name));
        if (!extension.isEmpty() || name == null) {
            return extension;
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        String raw = extension(last);
        return raw.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c)) ? raw : "";
    }

    /** The lower-case extension without the dot, or "" when the name has none. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
