package org.wenshu.archive.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wenshu.archive.RequestInvalid;
import org.wenshu.archive.Unit;

/** Importing the office's XLSX list, exporting it back, and refusing a malformed sheet row by row. */
class WorkPointSheetIntegrationTests {

    private final TrackingFixture fixture = new TrackingFixture();
    private final TrackedItems tracked = fixture.tracked;

    @AfterEach
    void close() {
        fixture.close();
    }

    private static byte[] committedSample() throws IOException {
        try (InputStream in = WorkPointSheetIntegrationTests.class.getResourceAsStream("/workpoints/2024-work-points.xlsx")) {
            assertThat(in).as("committed sample").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void importsTheSeedListWithItsThirteenPointsAndUnits() throws IOException {
        ItemList list = tracked.importList(2024, SeedWorkPoints.TITLE, "府检联动办", committedSample(), "office");

        List<TrackedItem> items = tracked.items(ItemQuery.all().inList(list.id()));
        assertThat(list.state()).isEqualTo(ListState.DRAFT);
        assertThat(list.itemCount()).isEqualTo(13);
        assertThat(items).extracting(TrackedItem::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        TrackedItem first = items.get(0);
        assertThat(first.title()).isEqualTo("细化涉企法治服务保障措施");
        assertThat(first.lead().shortName()).isEqualTo("市检察院");
        assertThat(first.coUnits()).extracting(Unit::shortName).containsExactly("市公安局", "市司法局");
        assertThat(first.deadline()).isEqualTo(Deadline.on(LocalDate.of(2024, 12, 31)));
        TrackedItem members = items.get(6);
        assertThat(members.coUnits()).extracting(Unit::shortName).contains("市公安局", "市农业农村局")
                .doesNotContain("市检察院", "市政府", "府检联动办").hasSize(9);
        TrackedItem training = items.get(12);
        assertThat(training.deadline()).isEqualTo(new Deadline(LocalDate.of(2024, 12, 31), Optional.of("全年至少开展2次"), 2));
        assertThat(items.get(10).coUnits()).hasSize(6);
    }

    @Test
    void exportingAndImportingAgainGivesTheSamePoints() throws IOException {
        ItemList original = tracked.importList(2024, SeedWorkPoints.TITLE, "府检联动办", committedSample(), "office");

        byte[] exported = tracked.export(original.id());
        ItemList again = tracked.importList(2024, SeedWorkPoints.TITLE + "（导出再导入）", "府检联动办", exported, "office");

        assertThat(points(again)).isEqualTo(points(original)).hasSize(13);
        assertThat(WorkPointSheet.read(exported).drafts().get(6).coUnits()).containsExactly("各成员单位");
        assertThat(WorkPointSheet.read(exported).drafts()).extracting(ItemDraft::title)
                .isEqualTo(SeedWorkPoints.POINTS.stream().map(ItemDraft::title).toList());
    }

    private List<String> points(ItemList list) {
        return tracked.items(ItemQuery.all().inList(list.id())).stream().map(i -> i.number() + "|" + i.title() + "|"
                + i.description() + "|" + i.lead().id() + "|" + i.coUnits().stream().map(Unit::id).toList() + "|"
                + i.deadline()).toList();
    }

    @Test
    void refusesAMalformedSheetRowByRowAndStoresNothing() {
        List<ItemDraft> rows = new ArrayList<>(SeedWorkPoints.POINTS.subList(0, 3));
        rows.add(new ItemDraft(4, "", "无标题", "市检察院", List.of(), "年底前"));
        rows.add(new ItemDraft(5, "外星合作", "", "市外星局", List.of("市公安局、市月球办"), "年底前"));
        rows.add(new ItemDraft(6, "时限不明", "", "市检察院", List.of(), "尽快"));
        rows.add(new ItemDraft(2, "重复序号", "", "市检察院", List.of(), "2024-06-30"));
        long eventsBefore = fixture.archive.auditEvents(0, 10000).size();

        assertThatThrownBy(() -> tracked.importList(2024, "坏清单", "府检联动办", SeedWorkPoints.sheet(rows), "office"))
                .isInstanceOfSatisfying(ListRefused.class, refused -> assertThat(refused.problems())
                        .extracting(RowProblem::describe).containsExactly(
                                "第 6 行「工作要点」：缺少标题",
                                "第 7 行「牵头单位」：没有找到单位「市外星局」（可用单位编号、全称或简称）",
                                "第 7 行「配合单位」：没有找到单位「市月球办」（可用单位编号、全称或简称）",
                                "第 8 行「完成时限」：完成时限「尽快」无法识别：请填写日期（如 2024-06-30、2024年6月30日、6月底前）或频次（如 全年至少开展2次）",
                                "第 9 行「序号」：序号 2 与第 4 行重复"));

        assertThat(tracked.lists(Optional.empty(), false)).isEmpty();
        assertThat(fixture.jdbc().queryForObject("SELECT COUNT(*) FROM tracked_items", Integer.class)).isZero();
        assertThat(fixture.archive.auditEvents(0, 10000)).hasSize((int) eventsBefore);
    }

    @Test
    void refusesAnUnreadableNumberButStillChecksTheRestOfTheRow() {
        byte[] sheet = SeedWorkPoints.sheet(List.of(new ItemDraft(0, "", "", "市检察院", List.of(), "年底前")));

        assertThatThrownBy(() -> tracked.importList(2024, "坏清单", "府检联动办", sheet, "office"))
                .isInstanceOfSatisfying(ListRefused.class, refused -> assertThat(refused.problems())
                        .extracting(RowProblem::describe).containsExactly("第 3 行「序号」：序号「0」不是正整数",
                                "第 3 行「工作要点」：缺少标题"));
    }

    @Test
    void refusesAFileThatIsNoWorkbookHasNoHeaderOrNoRows() throws IOException {
        byte[] noRows = SeedWorkPoints.sheet(List.of());
        byte[] noHeader;
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var row = workbook.createSheet().createRow(0);
            row.createCell(0).setCellValue("名称");
            row.createCell(1).setCellValue("单位");
            workbook.write(out);
            noHeader = out.toByteArray();
        }
        byte[] headerless = noHeader;

        assertThatThrownBy(() -> tracked.importList(2024, "x", "府检联动办", "序号,工作要点\n1,a".getBytes(), "office"))
                .isInstanceOf(RequestInvalid.class).hasMessage("清单文件不是有效的 .xlsx 工作簿");
        assertThatThrownBy(() -> tracked.importList(2024, "x", "府检联动办", headerless, "office"))
                .isInstanceOf(RequestInvalid.class).hasMessageStartingWith("没有找到表头行");
        assertThatThrownBy(() -> tracked.importList(2024, "x", "府检联动办", noRows, "office"))
                .isInstanceOf(RequestInvalid.class).hasMessageContaining("没有工作要点");
        assertThat(tracked.lists(Optional.empty(), false)).isEmpty();
    }
}
