package org.wenshu.app.instruments;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.wenshu.archive.ResponseFile;
import org.wenshu.archive.StoredResponse;

/**
 * A response (回复) as the record page and the inbox show it: the structured answer, the files with download links
 * and the receipt (回执) — when it was filed and the SHA-256 of each stored object.
 */
public record ResponseView(String id, String unit, String measures, String results, String adoption,
                           String submittedAt, String responseJsonSha256, List<FileView> files) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * One attachment.
     *
     * @param href download path
     * @param size human-readable size, e.g. {@code 1.2 MB}
     */
    public record FileView(String name, String href, String size, String mediaType, String sha256) {
    }

    /** The view of {@code response}, its files downloadable under {@code base}/{responseId}/files/{n}. */
    public static ResponseView of(StoredResponse response, String base, ZoneId zone) {
        List<FileView> files = new ArrayList<>();
        for (int i = 0; i < response.files().size(); i++) {
            ResponseFile file = response.files().get(i);
            files.add(new FileView(file.originalName(), base + "/" + response.id() + "/files/" + i,
                    size(file.stored().size()), file.stored().mediaType(), file.stored().sha256()));
        }
        return new ResponseView(response.id(), response.unit().name(), response.measures(), response.results(),
                response.adoption().label(), TIME.format(response.submittedAt().atZone(zone)),
                response.responseJson().sha256(), files);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
}
