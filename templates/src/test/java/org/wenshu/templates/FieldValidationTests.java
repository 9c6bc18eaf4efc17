package org.wenshu.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FieldValidationTests {

    private final InstrumentCatalog catalog = InstrumentCatalog.standard();
    private final InstrumentType suggestion = catalog.require("procuratorial-suggestion");

    @Test
    void validValuesComeBackTyped() {
        FieldValues values = suggestion.validate(Samples.suggestion());

        assertThat(values.date("date")).contains(LocalDate.of(2024, 3, 5));
        assertThat(values.list("suggestions")).containsExactly("严格执行审批期限规定。", "依法适用简化批准程序。");
        assertThat(values.flag("urgent")).isFalse();
        assertThat(values.printed()).containsEntry("date", "2024年3月5日");
    }

    @Test
    void forIssuingADocumentDateAfterTodayIsRefusedWhileOtherDatesMayBeAhead() {
        Map<String, Object> values = Samples.suggestion();
        LocalDate written = LocalDate.of(2024, 3, 5);

        FieldValues sameDay = suggestion.validate(values, written);
        FieldsInvalid dayBefore = catchThrowableOfType(FieldsInvalid.class,
                () -> suggestion.validate(values, written.minusDays(1)));
        FieldValues readBack = suggestion.validate(values);
        FieldValues notice = catalog.require("meeting-notice").validate(Samples.meetingNotice(), LocalDate.of(2024, 3, 8));

        assertThat(sameDay.date("date")).contains(written);
        assertThat(dayBefore.problems()).extracting(FieldInvalid::field, FieldInvalid::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("date", "2024年3月5日晚于今天（2024年3月4日），成文日期不能是将来的日期"));
        assertThat(readBack.date("date")).as("values checked without an issuing day").contains(written);
        assertThat(notice.date("meetingDate")).as("a meeting is called ahead").contains(LocalDate.of(2024, 3, 20));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, Object> values = Samples.suggestion();
        values.remove("recipient");
        values.remove("facts");
        values.put("documentNumber", "荆检行建[2024]03号");
        values.put("date", "2024/03/05");
        values.put("kind", "其他");
        values.put("urgent", "yes");
        values.put("suggestions", "一条建议");
        values.put("title", "标".repeat(61));
        values.put("recpient", "荆门市司法局");

        FieldsInvalid failure = catchThrowableOfType(FieldsInvalid.class, () -> suggestion.validate(values));

        assertThat(failure.problems()).extracting(FieldInvalid::field).containsExactlyInAnyOrder(
                "recpient", "documentNumber", "kind", "urgent", "title", "recipient", "facts", "suggestions", "date");
        assertThat(failure.getMessage())
                .contains("有 9 处需要修改")
                .contains("主送机关 (recipient)：必须填写")
                .contains("查明的事实 (facts)：必须填写")
                .contains("发文字号 (documentNumber)：“荆检行建[2024]03号”不是有效的发文字号")
                .contains("成文日期 (date)：应为日期，格式 年-月-日，如 2024-03-05")
                .contains("建议类别 (kind)：应为以下之一：社会治理、纠正违法、公益诉讼诉前、再审")
                .contains("紧急 (urgent)：应为 true 或 false")
                .contains("建议事项 (suggestions)：应为列表")
                .contains("标题 (title)：标题不能超过 60 个字（现有 61 个）")
                .contains("recpient (recpient)：未知字段");
    }

    @Test
    void aDateNoCalendarHasIsSaidNotToExist() {
        Map<String, Object> values = Samples.suggestion();
        values.put("date", "2024-02-30");

        FieldsInvalid failure = catchThrowableOfType(FieldsInvalid.class, () -> suggestion.validate(values));

        assertThat(failure.problems()).extracting(FieldInvalid::field).containsExactly("date");
        assertThat(failure.getMessage()).contains("成文日期 (date)：日期 2024-02-30 不存在").doesNotContain("格式");
    }

    @Test
    void rejectsControlCharactersAndLineBreaksInSingleLineFields() {
        Map<String, Object> values = Samples.suggestion();
        values.put("recipient", "荆门市\n司法局");
        values.put("legalBasis", "第二十七条\u0000");

        FieldsInvalid failure = catchThrowableOfType(FieldsInvalid.class, () -> suggestion.validate(values));

        assertThat(failure.problems()).extracting(FieldInvalid::field, FieldInvalid::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("recipient", "不能换行（多段内容请写在多段文本字段中）"),
                org.assertj.core.groups.Tuple.tuple("legalBasis", "法律依据含有不可打印的字符：U+0000"));
    }

    @Test
    void refusesInvisibleCharactersInUnitNamesAndOtherValuesNamingFieldAndCodePoint() {
        Map<String, Object> values = Samples.suggestion();
        values.put("recipient", "荆门市\u200B司法局");
        values.put("copiesTo", List.of("荆门市人民政府办公室", "\uFEFF荆门市人民政府办公室"));
        values.put("issuingUnit", "荆门市人民检察院\u202E");
        values.put("title", "关于\u2060规范\u00AD管理的检察建议");

        FieldsInvalid failure = catchThrowableOfType(FieldsInvalid.class, () -> suggestion.validate(values));

        assertThat(failure.problems()).extracting(FieldInvalid::field, FieldInvalid::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("recipient", "主送机关含有不可见字符：U+200B（零宽空格）；请删除后重新输入"),
                org.assertj.core.groups.Tuple.tuple("copiesTo", "第 2 项含有不可见字符：U+FEFF（字节顺序标记 BOM）；请删除后重新输入"),
                org.assertj.core.groups.Tuple.tuple("issuingUnit",
                        "发文机关含有不可见字符：U+202E（从右到左覆盖控制符）；请删除后重新输入"),
                org.assertj.core.groups.Tuple.tuple("title",
                        "标题含有不可见字符：U+2060（词连接符）、U+00AD（软连字符）；请删除后重新输入"));
    }

    @Test
    void everyFormatCharacterIsRefusedInAUnitName() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (Character.getType(c) != Character.FORMAT) {
                continue;
            }
            Map<String, Object> values = Samples.suggestion();
            values.put("recipient", "荆门市" + Character.toString(c) + "司法局");

            FieldsInvalid failure = catchThrowableOfType(FieldsInvalid.class, () -> suggestion.validate(values));

            assertThat(failure).as("U+%04X", c).isNotNull();
            assertThat(failure.problems()).singleElement().extracting(FieldInvalid::reason).asString()
                    .contains(String.format("U+%04X", c));
        }
    }

    @Test
    void countsLengthInCharactersNotUtf16Units() {
        Map<String, Object> values = Samples.suggestion();
        values.put("title", "𠮷".repeat(60));

        FieldValues valid = suggestion.validate(values);

        assertThat(valid.text("title")).contains("𠮷".repeat(60));
    }

    @Test
    void checksTheOrderOfDates() {
        InstrumentType notice = catalog.require("meeting-notice");
        Map<String, Object> values = Samples.meetingNotice();
        values.put("replyBy", "2024-03-25");

        FieldsInvalid failure = catchThrowableOfType(FieldsInvalid.class, () -> notice.validate(values));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("meetingDate");
            assertThat(problem.reason()).isEqualTo("会议日期不能早于回执截止日期（2024年3月20日 早于 2024年3月25日）");
        });
    }

    @Test
    void listItemsAreCheckedOneByOne() {
        InstrumentType notice = catalog.require("meeting-notice");
        Map<String, Object> values = Samples.meetingNotice();
        values.put("recipients", List.of("市公安局", "市公安局", " "));

        FieldsInvalid failure = catchThrowableOfType(FieldsInvalid.class, () -> notice.validate(values));

        assertThat(failure.problems()).extracting(FieldInvalid::reason)
                .containsExactly("第 2 项“市公安局”重复", "第 3 项应为非空文本");
    }

    @Test
    void paragraphsAreNormalised() {
        Map<String, Object> values = Samples.suggestion();
        values.put("facts", "  第一段。\r\n\r\n  第二段。  \n");

        FieldValues valid = suggestion.validate(values);

        assertThat(valid.text("facts")).contains("第一段。\n第二段。");
    }
}
