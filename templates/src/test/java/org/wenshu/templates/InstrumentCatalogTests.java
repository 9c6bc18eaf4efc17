package org.wenshu.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InstrumentCatalogTests {

    private final InstrumentCatalog catalog = InstrumentCatalog.standard();

    @Test
    void listsTheTypesWithChineseNames() {
        assertThat(catalog.types()).extracting(InstrumentType::id, InstrumentType::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("procuratorial-suggestion", "检察建议书"),
                org.assertj.core.groups.Tuple.tuple("procuratorial-opinion", "检察意见书"),
                org.assertj.core.groups.Tuple.tuple("meeting-notice", "联席会议通知"),
                org.assertj.core.groups.Tuple.tuple("reply-reminder", "督促回复函"),
                org.assertj.core.groups.Tuple.tuple("meeting-minutes", "会议纪要"));
    }

    @Test
    void everyUnitFieldSingleOrListNamesRegisteredUnitsButThePrintingOffice() {
        Map<String, java.util.List<String>> named = new java.util.LinkedHashMap<>();
        catalog.types().forEach(type -> named.put(type.id(), type.fields().stream()
                .filter(FieldSpec::namesRegisteredUnits).map(FieldSpec::name).toList()));

        assertThat(named).containsExactly(
                Map.entry("procuratorial-suggestion", java.util.List.of("issuingUnit", "recipient", "copiesTo")),
                Map.entry("procuratorial-opinion", java.util.List.of("issuingUnit", "recipient", "copiesTo")),
                Map.entry("meeting-notice", java.util.List.of("issuingUnit", "recipients", "attendingUnits", "copiesTo")),
                Map.entry("reply-reminder", java.util.List.of("issuingUnit", "recipient", "copiesTo")),
                Map.entry("meeting-minutes", java.util.List.of("issuingUnit", "recipients", "copiesTo")));
    }

    @Test
    void validatedValuesTellTheUnitsEachUnitFieldNames() {
        Map<String, Object> raw = new java.util.LinkedHashMap<>(Samples.meetingNotice());
        raw.put("attendingUnits", java.util.List.of("市检察院", "市公安局"));
        raw.put("copiesTo", java.util.List.of("市政府办"));
        raw.put("printedBy", "荆门市人民检察院办公室");

        FieldValues values = catalog.require("meeting-notice").validate(raw);

        assertThat(values.registeredUnits()).extractingFromEntries(entry -> entry.getKey().name(), Map.Entry::getValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("issuingUnit", java.util.List.of("荆门市“府检联动”工作领导小组办公室")),
                        org.assertj.core.groups.Tuple.tuple("recipients", java.util.List.of("市公安局", "市司法局")),
                        org.assertj.core.groups.Tuple.tuple("attendingUnits", java.util.List.of("市检察院", "市公安局")),
                        org.assertj.core.groups.Tuple.tuple("copiesTo", java.util.List.of("市政府办")));
    }

    @Test
    void unknownTypeIsReportedWithTheKnownIds() {
        assertThat(catalog.find("notice")).isEmpty();

        assertThatThrownBy(() -> catalog.require("notice"))
                .isInstanceOf(UnknownInstrumentType.class)
                .hasMessageContaining("“notice”")
                .hasMessageContaining("procuratorial-suggestion")
                .hasMessageContaining("reply-reminder");
    }

    @Test
    void anUnknownTypeWhereATypeIsIssuedOnItsOwnNamesExactlyTheTypesIssuedOnTheirOwn() {
        assertThatThrownBy(() -> catalog.requireStandalone("notice"))
                .isInstanceOf(UnknownInstrumentType.class)
                .hasMessage("未知的文书类型 “notice”；可用的类型："
                        + "procuratorial-suggestion、procuratorial-opinion、meeting-notice、reply-reminder");
    }

    @Test
    void suggestionIsDueInTwoMonthsOrFifteenDaysWhenUrgent() {
        InstrumentType suggestion = catalog.require("procuratorial-suggestion");
        Map<String, Object> urgent = Samples.suggestion();
        urgent.put("urgent", true);

        FieldValues normalValues = suggestion.validate(Samples.suggestion());
        FieldValues urgentValues = suggestion.validate(urgent);

        LocalDate delivered = LocalDate.of(2024, 3, 7);
        assertThat(suggestion.replyPeriod().dueDate(delivered, normalValues)).contains(LocalDate.of(2024, 5, 7));
        assertThat(suggestion.replyPeriod().dueDate(delivered, urgentValues)).contains(LocalDate.of(2024, 3, 22));
        assertThat(suggestion.replyPeriod().describe()).isEqualTo("收到之日起两个月内（紧急时十五日内）");
    }

    @Test
    void meetingNoticeIsDueOnItsReplyByDate() {
        InstrumentType notice = catalog.require("meeting-notice");

        FieldValues values = notice.validate(Samples.meetingNotice());

        assertThat(notice.replyPeriod().dueDate(LocalDate.of(2024, 3, 9), values)).contains(LocalDate.of(2024, 3, 15));
    }

    @Test
    void typeNumbersDocumentsWithItsCode() {
        assertThat(catalog.require("procuratorial-suggestion").number(2024, 3).text()).isEqualTo("荆检行建〔2024〕3号");
        assertThat(catalog.require("meeting-notice").number(2025, 12).text()).isEqualTo("荆府检联办〔2025〕12号");
    }

    private static final String PROCURATORATE = "荆门市人民检察院";
    private static final String OFFICE = "荆门市“府检联动”工作领导小组办公室";

    @Test
    void eachIssuingUnitNumbersEveryTypeItIssuesWithItsOwnCode() {
        InstrumentType reminder = catalog.require("reply-reminder");

        assertThat(catalog.numberCode(reminder, PROCURATORATE, java.util.Optional.empty())).isEqualTo("荆检行督");
        assertThat(catalog.numberCode(reminder, OFFICE, java.util.Optional.empty())).isEqualTo("荆府检联督");
        assertThat(catalog.numberCode(catalog.require("meeting-notice"), PROCURATORATE, java.util.Optional.empty()))
                .isEqualTo("荆检行会");
        assertThat(catalog.numberCode(catalog.require("meeting-minutes"), PROCURATORATE, java.util.Optional.empty()))
                .isEqualTo("荆检行纪");
        // No code is given to two units, across all types: each code is one unit's series.
        java.util.Map<String, java.util.Set<String>> units = new java.util.HashMap<>();
        catalog.types().forEach(type -> type.numberCodes().forEach((unit, code) ->
                units.computeIfAbsent(code, c -> new java.util.HashSet<>()).add(unit)));
        assertThat(units.values()).allSatisfy(owners -> assertThat(owners).hasSize(1));
        assertThat(catalog.codeOwner("荆检行督")).contains(PROCURATORATE);
        assertThat(catalog.codeOwner("荆府检联督")).contains(OFFICE);
    }

    @Test
    void anIssuerOfTheCatalogCannotNumberInAnotherUnitsSeries() {
        InstrumentType reminder = catalog.require("reply-reminder");

        assertThatThrownBy(() -> catalog.numberCode(reminder, OFFICE, java.util.Optional.of("荆检行督")))
                .isInstanceOf(NumberCodeNotOwn.class)
                .hasMessageContaining("发文机关代字「荆检行督」属于荆门市人民检察院")
                .hasMessageContaining("代字是「荆府检联督」");
        assertThatThrownBy(() -> catalog.numberCode(catalog.require("procuratorial-suggestion"), OFFICE,
                java.util.Optional.empty()))
                .isInstanceOf(NumberCodeNotOwn.class)
                .hasMessageContaining("没有检察建议书的发文机关代字");
        // A unit the catalog does not know keeps the usual issuer's series (the archive counts per code, no collision).
        assertThat(catalog.numberCode(reminder, "某某县人民检察院", java.util.Optional.empty())).isEqualTo("荆检行督");
    }
}
