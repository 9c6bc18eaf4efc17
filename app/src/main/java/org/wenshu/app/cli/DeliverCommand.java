package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.archive.DeliveryMethod;
import org.wenshu.archive.InstrumentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu deliver}: records how and when an instrument was delivered. */
@Command(name = "deliver", description = "登记送达 (record delivery)")
public class DeliverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORD", description = "记录号或发文字号")
    String record;

    @Option(names = "--method", required = true, description = "直接送达 / 邮寄送达 / 电子送达 / 宣告送达")
    String method;

    @Option(names = "--date", description = "送达日期 yyyy-MM-dd（默认今天）")
    String date;

    @Option(names = "--note", description = "备注")
    String note;

    @Option(names = "--unit", defaultValue = "市检察院", description = "操作单位（发文单位），默认 ${DEFAULT-VALUE}")
    String unit;

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final ObjectProvider<Archive> archives;
    private final ObjectProvider<IndexUpdates> indexUpdates;

    public DeliverCommand(ObjectProvider<IndexUpdates> indexUpdates, ObjectProvider<Archive> archives) {
        this.archives = archives;
        this.indexUpdates = indexUpdates;
    }

    @Override
    public Integer call() {
        DeliveryMethod deliveryMethod = DeliveryMethod.parse(method).orElseThrow(() -> new ExitCodes.BadInput(
                "送达方式「" + method + "」无效：可选 直接送达、邮寄送达、电子送达、宣告送达"));
        LocalDate on = date == null ? archive().today() : parseDate(date, "送达日期");
        InstrumentRecord updated = archive().deliver(record, deliveryMethod, on, Optional.ofNullable(note), unit);
        indexUpdates.getObject().afterChange();
        if (json) {
            ArchiveViews.printJson(spec.commandLine().getOut(), ArchiveViews.record(updated, archive().today()));
        } else {
            ArchiveViews.printRecord(spec.commandLine().getOut(), "已登记送达", updated, archive().today());
        }
        return ExitCodes.OK;
    }

    static LocalDate parseDate(String text, String what) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ExitCodes.BadInput(what + "「" + text + "」无效：格式为 yyyy-MM-dd");
        }
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
