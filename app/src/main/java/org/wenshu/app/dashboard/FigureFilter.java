package org.wenshu.app.dashboard;

import java.time.LocalDate;
import java.util.Optional;

import org.wenshu.app.api.InputInvalid;
import org.wenshu.archive.Archive;
import org.wenshu.archive.Unit;
import org.wenshu.archive.UnitNotFound;

/**
 * What the figures cover: one year of document numbers (发文年度) or all, and one unit (issuing it or 主送) or all.
 *
 * @param year 2000 up to the current year, when present
 * @param unit the unit, when present
 */
public record FigureFilter(Optional<Integer> year, Optional<Unit> unit) {

    /** The first year figures can be asked for. */
    public static final int FIRST_YEAR = 2000;

    /** Every record. */
    public static FigureFilter all() {
        return new FigureFilter(Optional.empty(), Optional.empty());
    }

    /**
     * Parses the filter as typed: {@code year} digits, {@code unit} an id, full or short name; blank means all.
     *
     * @throws InputInvalid naming the parameter ({@code year} or {@code unit}) and what is wrong with it
     */
    public static FigureFilter parse(String year, String unit, Archive archive) {
        Optional<Integer> parsedYear = Optional.empty();
        if (year != null && !year.isBlank()) {
            parsedYear = Optional.of(year(year, archive.today()));
        }
        Optional<Unit> parsedUnit = Optional.empty();
        if (unit != null && !unit.isBlank()) {
            try {
                parsedUnit = Optional.of(archive.unit(unit.strip()));
            } catch (UnitNotFound e) {
                throw new InputInvalid("unit", "没有名为「" + unit.strip() + "」的单位");
            }
        }
        return new FigureFilter(parsedYear, parsedUnit);
    }

    /**
     * A year given as text: four digits from {@link #FIRST_YEAR} to {@code today}'s year.
     *
     * @throws InputInvalid for anything else, saying the allowed range
     */
    public static int year(String text, LocalDate today) {
        String value = text.strip();
        int current = today.getYear();
        if (!value.matches("\\d{4}")) {
            throw new InputInvalid("year", "年度「" + value + "」无效：请填写 " + FIRST_YEAR + "–" + current + " 之间的四位年份");
        }
        int parsed = Integer.parseInt(value);
        if (parsed < FIRST_YEAR || parsed > current) {
            throw new InputInvalid("year", "年度 " + parsed + " 超出范围：请填写 " + FIRST_YEAR + "–" + current + " 之间的年份");
        }
        return parsed;
    }
}
