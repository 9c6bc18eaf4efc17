package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wenshu.app.api.ApiClient.FilePart;
import org.wenshu.app.api.ApiClient.Reply;

/**
 * {@code /api/v1/workpoints}: the office publishes a list; each unit sees and reports on its own points only (unit B
 * never reaches unit A's point, report or evidence); the office returns a report with a reason; malformed lists are
 * refused row by row and leave nothing behind; an exported list imports again as the same points.
 */
class WorkPointsApiIntegrationTests extends ApiIntegrationTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();

    private Map<String, Object> point(int number, String title, String lead, List<String> co, String deadline) {
        return Map.of("number", number, "title", title, "description", title + "的具体内容", "leadUnit", lead,
                "coUnits", co, "deadline", deadline);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> list) {
        return (List<Map<String, Object>>) list.get("items");
    }

    private static String idOf(List<Map<String, Object>> items, String title) {
        return (String) items.stream().filter(i -> i.get("title").equals(title)).findFirst().orElseThrow().get("id");
    }

    @Test
    void unitBNeverReachesUnitAsPointAndTheOfficeReturnsAReportWithAReason() {
        ApiFixture f = fixture();
        Reply created = api().json("POST", "/api/v1/workpoints/lists", f.admin, Map.of("year", year, "title", "接口测试清单",
                "items", List.of(point(1, "甲单位的要点", "市司法局", List.of(), year + "-12-31"),
                        point(2, "乙单位的要点", "市公安局", List.of(), "全年至少开展2次"),
                        point(3, "检察院牵头的要点", "市检察院", List.of("市司法局"), "年底前"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String listId = (String) created.json().get("id");
        String pointA = idOf(items(created.json()), "甲单位的要点");
        String pointB = idOf(items(created.json()), "乙单位的要点");
        String pointP = idOf(items(created.json()), "检察院牵头的要点");

        // a draft is the office's alone
        assertThat(api().get("/api/v1/workpoints/lists/" + listId, f.agencyA).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/workpoints/items/" + pointA, f.agencyA).status()).isEqualTo(404);
        assertThat(api().json("POST", "/api/v1/workpoints/lists/" + listId + "/publish", f.agencyA, Map.of()).status())
                .isEqualTo(403);
        Reply published = api().json("POST", "/api/v1/workpoints/lists/" + listId + "/publish", f.admin, Map.of());
        assertThat(published.json()).containsEntry("state", "PUBLISHED");

        Reply listForA = api().get("/api/v1/workpoints/lists/" + listId, f.agencyA);
        assertThat(items(listForA.json())).extracting(i -> i.get("title")).containsExactly("甲单位的要点", "检察院牵头的要点");
        assertThat(listForA.text()).doesNotContain("乙单位的要点");
        Reply itemsForA = api().get("/api/v1/workpoints/items?year=" + year, f.agencyA);
        assertThat(itemsForA.items()).extracting(i -> i.get("id")).contains(pointA, pointP).doesNotContain(pointB);
        assertThat(itemsForA.items().stream().filter(i -> i.get("id").equals(pointP)).findFirst().orElseThrow()
                .get("units").toString()).contains("市司法局").doesNotContain("市检察院");

        // the procuratorate is a member unit too: its prosecutors report on the points it leads
        Reply byProsecutor = api().multipart("/api/v1/workpoints/items/" + pointP + "/reports", f.prosecutor,
                Map.of("text", "已牵头召开专题会议"), List.of());
        assertThat(byProsecutor.status()).as(byProsecutor.toString()).isEqualTo(201);
        assertThat(byProsecutor.json().get("unit").toString()).contains("jm-procuratorate");
        assertThat(api().get("/api/v1/workpoints/items/" + pointA, f.prosecutor).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/workpoints/items/" + pointP, f.agencyA).text()).doesNotContain("已牵头召开专题会议");

        Reply sneak = api().get("/api/v1/workpoints/items/" + pointB, f.agencyA);
        assertThat(sneak.status()).isEqualTo(404);
        assertThat(sneak.contentType()).startsWith("application/problem+json");
        assertThat(sneak.text()).doesNotContain("乙单位的要点");
        Reply reportOnB = api().multipart("/api/v1/workpoints/items/" + pointB + "/reports", f.agencyA,
                Map.of("text", "越权报送"), List.of());
        assertThat(reportOnB.status()).isEqualTo(404);

        byte[] ledger = pdf("ledger");
        Reply sent = api().multipart("/api/v1/workpoints/items/" + pointA + "/reports", f.agencyA,
                Map.of("text", "已建立工作台账", "completedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()),
                List.of(new FilePart("工作台账.pdf", "application/pdf", ledger)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String reportId = (String) sent.json().get("id");
        assertThat(sent.json()).containsEntry("decision", "PENDING");
        assertThat(api().get("/api/v1/workpoints/reports/" + reportId + "/files/1", f.agencyB).status()).isEqualTo(404);
        Reply file = api().get("/api/v1/workpoints/reports/" + reportId + "/files/1", f.agencyA);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(ledger);
        assertThat(api().multipart("/api/v1/workpoints/items/" + pointA + "/reports", f.agencyA,
                Map.of("text", "再报"), List.of()).status()).isEqualTo(409);
        Reply badDate = api().multipart("/api/v1/workpoints/items/" + pointA + "/reports", f.agencyA,
                Map.of("text", "日期有误", "completedOn", "2024-13-45"), List.of());
        assertProblem(badDate, 400, "invalid-request");

        assertThat(api().json("POST", "/api/v1/workpoints/reports/" + reportId + "/return", f.agencyA,
                Map.of("reason", "自己退回")).status()).isEqualTo(403);
        assertProblem(api().json("POST", "/api/v1/workpoints/reports/" + reportId + "/return", f.admin, Map.of()),
                400, "invalid-request");
        Reply returned = api().json("POST", "/api/v1/workpoints/reports/" + reportId + "/return", f.admin,
                Map.of("reason", "请补充台账明细"));
        assertThat(returned.json()).containsEntry("decision", "RETURNED").containsEntry("reason", "请补充台账明细");

        Map<String, Object> seenByA = api().get("/api/v1/workpoints/items/" + pointA, f.agencyA).json();
        assertThat(seenByA.toString()).contains("RETURNED", "请补充台账明细");
        Reply tally = api().get("/api/v1/workpoints/tally?year=" + year + "&source=WORK_POINT", f.admin);
        assertThat(tally.text()).contains("\"shortName\":\"市司法局\"");
    }

    @Test
    void aMalformedListIsRefusedRowByRowAndNothingIsStored() {
        ApiFixture f = fixture();
        int before = api().get("/api/v1/workpoints/lists?size=200", f.admin).items().size();

        Reply json = api().json("POST", "/api/v1/workpoints/lists", f.admin, Map.of("year", year, "title", "坏清单",
                "items", List.of(point(1, "好的要点", "市司法局", List.of(), "年底前"),
                        point(1, "重复序号", "市外星局", List.of(), "尽快"))));
        byte[] sheet = WorkPointSheets.of(List.of(List.of(1, "", "无标题", "市检察院", "", "年底前"),
                List.of(2, "单位不明", "", "市检察院", "市月球办", "年底前")));
        Reply xlsx = api().multipart("/api/v1/workpoints/lists/import", f.admin, Map.of("year", String.valueOf(year),
                "title", "坏表格"), List.of(new FilePart("清单.xlsx", XLSX, sheet)), "file");

        assertProblem(json, 400, "list-refused");
        assertThat(json.text()).contains("第 2 行「序号」：序号 1 与第 1 行重复", "第 2 行「牵头单位」：没有找到单位「市外星局」",
                "第 2 行「完成时限」：完成时限「尽快」无法识别", "rows[2].牵头单位");
        assertProblem(xlsx, 400, "list-refused");
        assertThat(xlsx.text()).contains("第 3 行「工作要点」：缺少标题", "第 4 行「配合单位」：没有找到单位「市月球办」");
        assertThat(api().get("/api/v1/workpoints/lists?size=200", f.admin).items()).hasSize(before);
    }

    @Test
    void anExportedListImportsAgainAsTheSamePoints() {
        ApiFixture f = fixture();
        byte[] sheet = WorkPointSheets.of(List.of(
                List.of(1, "细化涉企法治服务保障措施", "加强对涉企诉讼活动的法律监督", "市检察院", "市公安局、市司法局", "年底前"),
                List.of(2, "健全公益诉讼线索移送机制", "制定线索移送工作规程或指引", "市检察院", "各成员单位", "6月底前"),
                List.of(3, "组织开展同堂培训", "互派人员参加岗位培训", "市检察院", "市司法局", "全年至少开展2次")));
        Reply imported = api().multipart("/api/v1/workpoints/lists/import", f.admin, Map.of("year", String.valueOf(year),
                "title", "往返测试清单"), List.of(new FilePart("清单.xlsx", XLSX, sheet)), "file");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);

        Reply exported = api().get("/api/v1/workpoints/lists/" + imported.json().get("id") + "/xlsx", f.admin);
        assertThat(exported.contentType()).startsWith(XLSX);
        // a draft list does not exist for a unit
        assertThat(api().get("/api/v1/workpoints/lists/" + imported.json().get("id") + "/xlsx", f.agencyA).status())
                .isEqualTo(404);
        Reply again = api().multipart("/api/v1/workpoints/lists/import", f.admin, Map.of("year", String.valueOf(year),
                "title", "往返测试清单（再导入）"), List.of(new FilePart("导出.xlsx", XLSX, exported.body())), "file");

        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(points(again.json())).isEqualTo(points(imported.json())).hasSize(3);
        assertThat(items(again.json()).get(1)).containsEntry("dueDate", year + "-06-30");
        assertThat(items(again.json()).get(2)).containsEntry("frequency", "全年至少开展2次").containsEntry("targetCount", 2);
    }

    private static List<String> points(Map<String, Object> list) {
        return items(list).stream().map(i -> i.get("number") + "|" + i.get("title") + "|" + i.get("description") + "|"
                + i.get("leadUnit") + "|" + i.get("coUnits") + "|" + i.get("deadline")).toList();
    }
}
