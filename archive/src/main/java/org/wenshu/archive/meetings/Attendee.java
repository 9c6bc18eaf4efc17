package org.wenshu.archive.meetings;

/**
 * One person a unit sends to a meeting (参会人员).
 *
 * @param name     the person's name, 1–30 characters
 * @param position their position (职务), 1–60 characters, e.g. 副局长
 */
public record Attendee(String name, String position) {
}
