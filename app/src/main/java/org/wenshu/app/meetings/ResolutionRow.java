package org.wenshu.app.meetings;

/**
 * One resolution row of the minutes form as typed: title, lead unit, co-operating units (separated by 、 or commas)
 * and deadline ({@code yyyy-MM-dd}).
 */
public record ResolutionRow(String title, String leadUnit, String coUnits, String deadline) {

    static ResolutionRow empty() {
        return new ResolutionRow("", "", "", "");
    }

    boolean blank() {
        return title.isBlank() && leadUnit.isBlank() && coUnits.isBlank() && deadline.isBlank();
    }
}
