package org.wenshu.archive.meetings;

import java.util.Arrays;
import java.util.Optional;

/** What an invited unit answers to a meeting notice (参会回执): it attends, or asks for leave (请假). */
public enum Decision {
    /** 参会: with the names and positions of who comes. */
    ATTEND("参会"),
    /** 请假: with the reason, which is required. */
    LEAVE("请假");

    private final String label;

    Decision(String label) {
        this.label = label;
    }

    /** The Chinese word shown in forms and tables. */
    public String label() {
        return label;
    }

    /** The decision named by its constant ({@code ATTEND}) or its Chinese word ({@code 参会}); empty otherwise. */
    public static Optional<Decision> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        return Arrays.stream(values()).filter(d -> d.name().equalsIgnoreCase(value) || d.label.equals(value)).findFirst();
    }
}
