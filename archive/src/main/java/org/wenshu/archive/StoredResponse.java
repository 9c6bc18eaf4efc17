package org.wenshu.archive;

import java.time.Instant;
import java.util.List;

/** 回复记录: a response as archived, with {@code response.json} and its attachments. */
public record StoredResponse(String id, String recordId, Unit unit, String measures, String results, Adoption adoption,
                             Instant submittedAt, List<ResponseFile> files, StoredFile responseJson) {
}
