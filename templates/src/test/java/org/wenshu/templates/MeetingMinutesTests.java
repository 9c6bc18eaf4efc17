package org.wenshu.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** 会议纪要: resolutions (议定事项) are typed, checked one by one and printed as one sentence each. */
class MeetingMinutesTests {

    private final InstrumentType minutes = InstrumentCatalog.standard().require(InstrumentCatalog.MEETING_MINUTES);

    @Test
    void resolutionsComeBackTypedWithTheirUnitsAndDeadlines() {
        FieldValues values = minutes.validate(Samples.meetingMinutes());

        assertThat(values.resolutions("resolutions")).containsExactly(
                new Resolution("制定线索移送工作规程", "市检察院", List.of("市司法局", "市公安局"), LocalDate.of(2024, 6, 30)),
                new Resolution("组织同堂培训", "市司法局", List.of(), LocalDate.of(2024, 5, 31)));
        assertThat(values.printed().get("resolutions")).isEqualTo(
                "制定线索移送工作规程。牵头单位：市检察院；配合单位：市司法局、市公安局；完成时限：2024年6月30日前。\n"
                        + "组织同堂培训。牵头单位：市司法局；完成时限：2024年5月31日前。");
        assertThat(values.asJson().get("resolutions")).asList().first().isEqualTo(Map.of("title", "制定线索移送工作规程",
                "leadUnit", "市检察院", "coUnits", List.of("市司法局", "市公安局"), "deadline", "2024-06-30"));
    }

    @Test
    void aClosingFullStopOfATitleIsNotPrintedTwice() {
        Map<String, Object> values = Samples.meetingMinutes();
        values.put("resolutions", List.of(Samples.resolution("组织同堂培训。", "市司法局", List.of(), "2024-05-31")));

        assertThat(minutes.validate(values).resolutions("resolutions").get(0).printed()).startsWith("组织同堂培训。牵头单位");
    }

    @Test
    void reportsEveryProblemOfEveryResolutionNamingItsRow() {
        Map<String, Object> values = Samples.meetingMinutes();
        Map<String, Object> bad = new LinkedHashMap<>(Samples.resolution("", "市检察院", List.of("市检察院"), "2024/06/30"));
        bad.put("owner", "x");
        Map<String, Object> early = Samples.resolution("补报材料", "市公安局", List.of("市司法局", "市司法局"), "2024-03-01");
        List<Object> resolutions = new ArrayList<>(List.of(bad, early, "一句话", Samples.resolution("第四项", "", List.of(), "2024-06-30")));
        values.put("resolutions", resolutions);

        FieldsInvalid failure = catchThrowableOfType(FieldsInvalid.class, () -> minutes.validate(values));

        assertThat(failure.problems()).extracting(FieldInvalid::field).containsOnly("resolutions");
        assertThat(failure.getMessage())
                .contains("第 1 项含未知字段「owner」")
                .contains("第 1 项的事项必须填写")
                .contains("第 1 项的配合单位「市检察院」已是牵头单位")
                .contains("第 1 项的完成时限应为日期")
                .contains("第 2 项的配合单位「市司法局」重复")
                .contains("第 3 项应为对象")
                .contains("第 4 项的牵头单位必须填写");
    }

    @Test
    void aDeadlineBeforeTheMinutesWereWrittenIsRefused() {
        Map<String, Object> values = Samples.meetingMinutes();
        values.put("resolutions", List.of(Samples.resolution("补报材料", "市公安局", List.of(), "2024-03-01")));

        FieldsInvalid failure = catchThrowableOfType(FieldsInvalid.class, () -> minutes.validate(values));

        assertThat(failure.getMessage()).contains("议定事项 (resolutions)：第 1 项的完成时限2024年3月1日早于成文日期2024年3月22日");
    }

    @Test
    void aMissingResolutionListAndMinutesBeforeTheMeetingAreRefused() {
        Map<String, Object> values = Samples.meetingMinutes();
        values.remove("resolutions");
        values.put("date", "2024-03-19");

        FieldsInvalid failure = catchThrowableOfType(FieldsInvalid.class, () -> minutes.validate(values));

        assertThat(failure.getMessage()).contains("议定事项 (resolutions)：必须填写").contains("成文日期不能早于会议日期");
    }

    @Test
    void minutesPrintTheResolutionsTheAttendeesAndTheDistributionButNoReplyRequest() {
        InstrumentXhtml xhtml = new TemplateRenderer().render(minutes, Samples.meetingMinutes());

        assertThat(xhtml.xhtml())
                .contains("2024年3月20日（星期三），会议在荆门市人民检察院第一会议室召开，由市政府分管副市长主持。")
                .contains("会议通知：荆府检联办〔2024〕1号。")
                .contains("（一）制定线索移送工作规程。牵头单位：市检察院；配合单位：市司法局、市公安局；完成时限：2024年6月30日前。")
                .contains("（二）组织同堂培训。牵头单位：市司法局；完成时限：2024年5月31日前。")
                .contains("市司法局：李某某 副局长")
                .contains("分送：市公安局，市司法局。")
                .doesNotContain("回复");
        assertThat(minutes.replyPeriod()).isInstanceOf(ReplyPeriod.None.class);
    }
}
