package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.archive.DeliveryMethod;
import org.wenshu.archive.InstrumentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wenshu deliver}: records how and when an instrument was delivered. */
@Command(name = "deliver", mixinStandardHelpOptions = true, description = "登记送达 (record delivery)")
public class DeliverCommand extends RecordChangeCommand {

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

    public DeliverCommand(ObjectProvider<IndexUpdates> indexUpdates, ObjectProvider<Archive> archives) {
        super(archives, indexUpdates);
    }

    @Override
    public Integer call() {
        DeliveryMethod deliveryMethod = DeliveryMethod.parse(method).orElseThrow(() -> new ExitCodes.BadInput(
                "送达方式「" + method + "」无效：可选 直接送达、邮寄送达、电子送达、宣告送达"));
        LocalDate on = date == null ? archive().today() : parseDate(date, "送达日期");
        InstrumentRecord updated = archive().deliver(record, deliveryMethod, on, Optional.ofNullable(note), unit);
        return changed("已登记送达", updated);
    }

    static LocalDate parseDate(String text, String what) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ExitCodes.BadInput(org.wenshu.app.api.TypedValues.nonexistentDate(text)
                    ? what + "「" + text + "」不存在（该月没有这一天）" : what + "「" + text + "」无效：格式为 yyyy-MM-dd");
        }
    }
}
