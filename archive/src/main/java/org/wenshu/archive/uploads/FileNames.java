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

    /** The lower-case extension without the dot, or "" when the name has none. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
