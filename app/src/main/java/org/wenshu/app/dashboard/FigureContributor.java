package org.wenshu.app.dashboard;

import java.util.List;

import org.wenshu.archive.RecordFigures;

/**
 * A source of further figure sections (e.g. work points, meetings): every contributor bean's tables follow the core
 * sections on the dashboard, in its JSON and in the yearly report.
 */
@FunctionalInterface
public interface FigureContributor {

    /** The sections for the instruments in {@code scope}, already narrowed to what the viewer may see. */
    List<FigureTable> tables(RecordFigures.Scope scope);

    /**
     * The sections for {@code scope}, given the reply figures per agency the core sections already show (so a section
     * that repeats them prints the same numbers); by default {@link #tables(RecordFigures.Scope)}.
     */
    default List<FigureTable> tables(RecordFigures.Scope scope, List<AgencyFigures> agencies) {
        return tables(scope);
    }
}
