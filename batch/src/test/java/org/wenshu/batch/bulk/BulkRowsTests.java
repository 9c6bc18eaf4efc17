package org.wenshu.batch.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenshu.archive.DocumentNumber;
import org.wenshu.archive.IssueRequest;
import org.wenshu.archive.UnitNotFound;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.templates.FieldInvalid;
import org.wenshu.templates.FieldsInvalid;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checks {@link BulkRows} makes without the archive: ragged rows and the base data's own mistakes. The lists
 * below name most units in columns; the base data's are looked up in {@link #REGISTER}, a few units standing in
 * for the archive's.
 */
class BulkRowsTests {

    private static final InstrumentType NOTICE = InstrumentCatalog.standard().require("meeting-notice");
    /** The units of the shipped example the base data keeps (参会单位), as registered units. */
    private static final java.util.Set<String> UNITS = java.util.Set.of("市检察院", "市公安局", "市司法局", "市政数局",
            "市教育局", "市卫健委", "市人社局", "市乡村振兴局", "市民政局", "市农业农村局");
    /** Today for the base data's 成文日期, some months after the example's. */
    private static final java.time.LocalDate TODAY = java.time.LocalDate.of(2024, 6, 1);
    private static final BulkRows.Register REGISTER = new BulkRows.Register() {
        @Override
        public void requireUnit(String reference) {
            if (!UNITS.contains(reference)) {
                throw new UnitNotFound(reference);
            }
        }

        @Override
        public java.time.LocalDate today() {
            return TODAY;
        }
    };

    @TempDir
    Path dir;

    private final List<Map<String, Object>> requested = new ArrayList<>();

    /**
     * Records what a row would be issued with, then stops the row as a field problem would: these tests look at
     * which rows get that far, not at issuing.
     */
    private final InstrumentIssuer issuer = new InstrumentIssuer() {
        @Override
        public IssueRequest request(String typeId, Map<String, Object> fields) {
            requested.add(fields);
            throw new FieldsInvalid(typeId, List.of(new FieldInvalid("place", "会议地点", "（测试止于此）")));
        }

        @Override
        public byte[] render(IssueRequest request, DocumentNumber number) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] sign(IssueRequest request, byte[] pdf) {
            throw new UnsupportedOperationException();
        }
    };

    /** The shipped example without its number and the units the lists below give in columns. */
    private static Map<String, Object> base() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(JsonMapper.builder().build().readValue(
                Path.of("..", "examples", "meeting-notice.json").toFile(), new TypeReference<Map<String, Object>>() { }));
        fields.keySet().removeAll(List.of("documentNumber", "issuingUnit", "recipients", "copiesTo"));
        return fields;
    }

    private BulkRows rows(RecipientTable table, Map<String, Object> base) {
        return new BulkRows(NOTICE, table.headers(), base, issuer, REGISTER, table.fullRows());
    }

    private RecipientTable csv(String text) throws IOException {
        Path file = dir.resolve("名单.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new RecipientLists(100, 1 << 20).read(file, Optional.empty());
    }

    @Test
    void aShortCsvRowIsRaggedAsALongOneIs() throws IOException {
        RecipientTable table = csv("主送单位,发文机关,会议时间\n市公安局,市政府办,上午\n市公安局,上午\n市司法局\n"
                + "市教育局,市政府办,上午,多出的一列\n");
        BulkRows rows = rows(table, base());

        List<List<RowProblem>> problems = table.rows().stream().map(row -> rows.check(row).problems()).toList();

        assertThat(problems.get(1)).extracting(RowProblem::describe).containsExactly("第 3 行：有 2 列，少于表头的 3 列（列错位）");
        assertThat(problems.get(2)).extracting(RowProblem::describe).containsExactly("第 4 行：有 1 列，少于表头的 3 列（列错位）");
        assertThat(problems.get(3)).extracting(RowProblem::describe).containsExactly("第 5 行：有 4 列，多于表头的 3 列（列错位）");
        assertThat(requested).as("only the full row gets as far as its request").hasSize(1);
        assertThat(requested.get(0)).containsEntry("meetingTime", "上午");
    }

    @Test
    void anXlsxRowMayOmitItsTrailingEmptyCells() throws IOException {
        Path file = Workbooks.ordinary(dir.resolve("名单.xlsx"), List.of(
                List.of("主送单位", "发文机关", "会议时间"),
                List.of("市公安局", "市政府办"),
                List.of("市司法局")));
        RecipientTable table = new RecipientLists(100, 1 << 20).read(file, Optional.empty());
        BulkRows rows = rows(table, base());

        List<List<RowProblem>> problems = table.rows().stream().map(row -> rows.check(row).problems()).toList();

        assertThat(problems).flatExtracting(p -> p).extracting(RowProblem::reason)
                .noneMatch(reason -> reason.contains("列错位"));
        assertThat(requested).hasSize(2);
        assertThat(requested.get(0)).containsEntry("meetingTime", base().get("meetingTime"));
    }

    @Test
    void baseDataMistakesNoRowCanCorrectAreOneRefusalOfTheDataFile() throws IOException {
        RecipientTable table = csv("主送单位,发文机关\n市公安局,市政府办\n市司法局,市政府办\n");
        Map<String, Object> base = base();
        base.remove("title");
        base.put("meetingHost", "张三");
        base.put("date", "2024-02-30");

        assertThatThrownBy(() -> rows(table, base)).isInstanceOfSatisfying(BaseDataInvalid.class, refused -> {
            assertThat(refused.problems()).extracting(FieldInvalid::field)
                    .containsExactlyInAnyOrder("title", "meetingHost", "date");
            assertThat(refused.getMessage()).startsWith("基础数据")
                    .contains("标题(title)：必须填写", "meetingHost：未知字段", "2024-02-30");
        });
        assertThat(requested).isEmpty();
    }

    @Test
    void aRowMaySupplyWhatTheBaseDataLacksOrGetsWrongAcrossFields() throws IOException {
        RecipientTable table = csv("主送单位,发文机关,标题,会议日期\n市公安局,市政府办,关于会议的通知,2024-03-20\n");
        Map<String, Object> base = base();
        base.remove("title");
        base.put("meetingDate", "2024-03-10"); // before replyBy: each row gives its own date
        base.put("recipients", List.of()); // as good as missing: each row names its own

        assertThatCode(() -> rows(table, base)).doesNotThrowAnyException();

        RecipientTable noDateColumn = csv("主送单位,发文机关,标题\n市公安局,市政府办,关于会议的通知\n");
        assertThatThrownBy(() -> rows(noDateColumn, base)).isInstanceOfSatisfying(BaseDataInvalid.class,
                refused -> assertThat(refused.problems()).singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("meetingDate");
                    assertThat(p.reason()).contains("会议日期不能早于回执截止日期");
                }));
    }

    @Test
    void aValueTheBaseDataGivesForAColumnMustBeValidOnItsOwn() throws IOException {
        RecipientTable table = csv("主送单位,发文机关,会议日期\n市公安局,市政府办,2024-03-20\n市司法局,市政府办,\n");
        Map<String, Object> base = base();
        base.put("meetingDate", "2024-13-01");

        assertThatThrownBy(() -> rows(table, base)).isInstanceOfSatisfying(BaseDataInvalid.class,
                refused -> assertThat(refused.problems()).extracting(FieldInvalid::field).containsExactly("meetingDate"));
    }

    @Test
    void baseDataNamingAnUnknownUnitInAListFieldNoColumnSuppliesIsRefused() throws IOException {
        RecipientTable table = csv("主送单位,发文机关\n市公安局,市政府办\n");
        Map<String, Object> base = base();
        base.put("attendingUnits", List.of("市检察院", "市外星局"));

        assertThatThrownBy(() -> rows(table, base)).isInstanceOfSatisfying(BaseDataInvalid.class, refused -> {
            assertThat(refused.problems()).extracting(FieldInvalid::field).containsExactly("attendingUnits");
            assertThat(refused.getMessage()).contains("参会单位(attendingUnits)：", "市外星局");
        });
        assertThat(requested).isEmpty();
    }

    @Test
    void aRowWithAFormulaOrAnErrorValueInAnyCellIsSkippedNamingTheColumn() throws IOException {
        RecipientTable table = new RecipientLists(100, 1 << 20).read(
                RecipientListsTests.formulasAndErrors(dir.resolve("公式.xlsx")), Optional.empty());
        Map<String, Object> base = base();
        base.put("issuingUnit", "市检察院");
        BulkRows rows = rows(table, base);

        List<RowProblem> problems = table.rows().stream().flatMap(row -> rows.check(row).problems().stream()).toList();

        assertThat(problems).extracting(RowProblem::describe).containsExactly(
                "第 2 行 标题：单元格是公式，请改为文字或数字",
                "第 3 行 标题：单元格是公式，请改为文字或数字",
                "第 4 行 标题：单元格是错误值 #REF!，请改为文字或数字",
                "第 5 行 标题：单元格是公式，请改为文字或数字",
                "第 6 行 主送单位：单元格是公式，请改为文字或数字",
                "第 6 行 第 3 列：单元格是公式，请改为文字或数字",
                "第 7 行 第 3 列：单元格是公式，请改为文字或数字",
                "第 8 行 会议地点（基础数据）：（测试止于此）");
        assertThat(requested).as("only the typed row gets as far as its request").hasSize(1);
        assertThat(rows.contentHash(table.rows().get(1))).as("a formula's cached text is not a typed row's")
                .isNotEqualTo(rows.contentHash(new RecipientTable.Row(3, table.rows().get(1).cells())));
    }

    @Test
    void baseDataDatedAfterTodayIsRefusedWhetherOrNotADateColumnCouldCorrectIt() throws IOException {
        Map<String, Object> base = base();
        base.put("date", TODAY.plusDays(1).toString());
        RecipientTable noDateColumn = csv("主送单位,发文机关\n市公安局,市政府办\n");
        RecipientTable dateColumn = csv("主送单位,发文机关,成文日期\n市公安局,市政府办,\n");

        for (RecipientTable table : List.of(noDateColumn, dateColumn)) {
            assertThatThrownBy(() -> rows(table, base)).isInstanceOfSatisfying(BaseDataInvalid.class, refused ->
                    assertThat(refused.getMessage()).contains("成文日期(date)：2024年6月2日晚于今天（2024年6月1日），成文日期不能是将来的日期"));
        }
        assertThat(requested).isEmpty();
    }
}
