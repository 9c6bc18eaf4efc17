package org.wenshu.archive.meetings;

import java.util.List;
import java.util.stream.Collectors;

import org.wenshu.archive.ArchiveRefusal;

/** An attendance reply with missing or malformed values; every problem at once, each naming its field. */
public final class ReplyInvalid extends ArchiveRefusal {

    /**
     * One problem.
     *
     * @param field the submission's field: {@code decision}, {@code leaveReason}, {@code attendees} or
     *              {@code attendees[i].name} / {@code attendees[i].position} (0-based i)
     */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    public ReplyInvalid(List<Problem> problems) {
        super(problems.stream().map(Problem::message).collect(Collectors.joining("；")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
