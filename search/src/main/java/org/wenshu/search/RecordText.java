package org.wenshu.search;

import java.util.List;
import java.util.Objects;

/**
 * A record's whole indexed text (全文), for reading a hit in full: its metadata as a {@link Hit} (without a snippet),
 * the body exactly as indexed (line breaks kept) and the recipient units.
 *
 * @param hit            the record's metadata; {@code hit.snippet()} is empty and {@code hit.score()} 0
 * @param body           full text as indexed; for imported references the text extracted from the file
 * @param recipientUnits recipient units (主送单位), empty for responses to no one and for references
 */
public record RecordText(Hit hit, String body, List<String> recipientUnits) {

    public RecordText {
        Objects.requireNonNull(hit, "hit");
        body = body == null ? "" : body;
        recipientUnits = List.copyOf(recipientUnits);
    }
}
