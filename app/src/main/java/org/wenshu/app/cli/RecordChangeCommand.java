package org.wenshu.app.cli;

import java.util.concurrent.Callable;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that changes an instrument record (issue, deliver, close, withdraw): it reaches the archive only when it
 * runs (picocli creates every command for each command line), brings the search index up to date after the change,
 * and prints the changed record as text or JSON.
 */
abstract class RecordChangeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final ObjectProvider<Archive> archives;
    private final ObjectProvider<IndexUpdates> indexUpdates;

    RecordChangeCommand(ObjectProvider<Archive> archives, ObjectProvider<IndexUpdates> indexUpdates) {
        this.archives = archives;
        this.indexUpdates = indexUpdates;
    }

    /** The archive, started on first use. */
    Archive archive() {
        return archives.getObject();
    }

    /** Indexes the change and prints {@code record} under {@code heading} (e.g. 已发文). */
    Integer changed(String heading, InstrumentRecord record) {
        indexUpdates.getObject().afterChange();
        if (json) {
            ArchiveViews.printJson(spec.commandLine().getOut(), ArchiveViews.record(record, archive().today()));
        } else {
            ArchiveViews.printRecord(spec.commandLine().getOut(), heading, record, archive().today());
        }
        return ExitCodes.OK;
    }
}
