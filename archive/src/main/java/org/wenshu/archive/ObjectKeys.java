package org.wenshu.archive;

/**
 * The object layout. Keys are built only from generated ids, years, counters and fixed names: never from user text,
 * so a file name cannot traverse, collide or smuggle characters into the bucket.
 */
final class ObjectKeys {

    private ObjectKeys() {
    }

    static String recordBase(int year, String recordId) {
        return "instruments/" + year + "/" + recordId + "/";
    }

    static String instrument(int year, String recordId) {
        return recordBase(year, recordId) + "instrument.pdf";
    }

    static String recordJson(int year, String recordId) {
        return recordBase(year, recordId) + "record.json";
    }

    static String event(int year, String recordId, int n, String kind) {
        return recordBase(year, recordId) + "events/" + String.format("%03d", n) + "-" + kind + ".json";
    }

    static String responseBase(int year, String recordId, String responseId) {
        return recordBase(year, recordId) + "responses/" + responseId + "/";
    }

    static String responseFile(int year, String recordId, String responseId, int n, String extension) {
        return responseBase(year, recordId, responseId) + n + "-attachment." + extension;
    }

    static String responseJson(int year, String recordId, String responseId) {
        return responseBase(year, recordId, responseId) + "response.json";
    }

    static String referenceContent(String contentSha256, String extension) {
        return "references/" + contentSha256 + "/content." + extension;
    }

    static String referenceJson(String contentSha256, String referenceId) {
        return "references/" + contentSha256 + "/sources/" + referenceId + ".json";
    }
}
