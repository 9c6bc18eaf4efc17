package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.wenshu.app.cli.WenshuCommand;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * 年度报告: the report of {@link SeededYear} shows the dashboard's figures for the same year (read back from the PDF's
 * text with PDFBox), passes veraPDF as PDF/A-2b, embeds every font, is sealed by the office, and is refused for a bad
 * year in the API, the page and the command line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPagesIntegrationTests extends PagesTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHINESE = "[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF“”‘’《》—…（）：，。、÷]";

    @Autowired
    ApplicationContext context;

    private byte[] report;
    private Map<String, Object> dashboard;

    @BeforeAll
    void setUp() throws Exception {
        ensureAccounts();
        SeededYear.ensure(context);
        HttpResponse<byte[]> response = get(ADMIN, "/api/v1/reports/2021");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        report = response.body();
        Path kept = Path.of("target", "reports");
        Files.createDirectories(kept);
        Files.write(kept.resolve("report-2021.pdf"), report);
        dashboard = JSON.readValue(get(ADMIN, "/api/v1/dashboard?year=2021").body(), new TypeReference<Map<String, Object>>() { });
    }

    private HttpResponse<byte[]> get(String username, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The text of all pages, lines joined, blanks beside Chinese characters dropped (justification gaps). */
    private static String continuousText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return String.join("\n", stripper.getText(document).lines().filter(l -> !l.matches("— \\d+ —")).toList());
        }
    }

    private static String squeezed(String text) {
        return text.replaceAll("(?<=" + CHINESE + ")[ \\t]+|[ \\t]+(?=" + CHINESE + ")", "");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFigureOfTheReportEqualsTheDashboardFigureForTheSameYear() throws IOException {
        String text = continuousText(report);

        for (Map<String, Object> agency : (List<Map<String, Object>>) dashboard.get("agencies")) {
            String name = (String) ((Map<String, Object>) agency.get("unit")).get("shortName");
            Matcher onTime = Pattern.compile("(?m)^" + name + " (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) ([\\d.]+%|—)$").matcher(text);
            assertThat(onTime.find()).as("on-time row of %s in:%n%s", name, text).isTrue();
            assertThat(List.of(onTime.group(1), onTime.group(2), onTime.group(3), onTime.group(4), onTime.group(5),
                    onTime.group(6), onTime.group(7))).containsExactly(str(agency.get("owed")), str(agency.get("answered")),
                    str(agency.get("onTime")), str(agency.get("late")), str(agency.get("overdue")), str(agency.get("pending")),
                    agency.get("onTimeRate") == null ? "—" : agency.get("onTimeRate") + "%");
            if ((Integer) agency.get("answered") > 0) {
                Map<String, Object> adoption = (Map<String, Object>) agency.get("adoption");
                Matcher kinds = Pattern.compile("(?m)^" + name + " (\\d+) (\\d+) (\\d+)$").matcher(text);
                assertThat(kinds.find()).as("adoption row of %s", name).isTrue();
                assertThat(List.of(kinds.group(1), kinds.group(2), kinds.group(3))).containsExactly(
                        str(adoption.get("ADOPTED")), str(adoption.get("PARTLY_ADOPTED")), str(adoption.get("NOT_ADOPTED")));
                Matcher days = Pattern.compile("(?m)^" + name + " (\\d+) ([\\d.]+)$").matcher(text);
                assertThat(days.find()).as("days row of %s", name).isTrue();
                assertThat(days.group(2)).isEqualTo(str(agency.get("averageDaysToReply")));
            }
        }
        Map<String, Object> states = (Map<String, Object>) dashboard.get("states");
        assertThat(text).containsPattern("(?m)^已发出 " + states.get("ISSUED") + "$")
                .containsPattern("(?m)^已回复 " + states.get("RESPONDED") + "$")
                .containsPattern("(?m)^已撤回 " + states.get("WITHDRAWN") + "$")
                .containsPattern("(?m)^合计 " + dashboard.get("total") + "$")
                .containsPattern("(?m)^其中逾期未回复 " + dashboard.get("overdue") + "$")
                .containsPattern("(?m)^2021年5月 " + ((List<Map<String, Object>>) dashboard.get("overdueTrend")).get(0).get("count") + "$");
        String summary = squeezed(text.replace("\n", ""));
        assertThat(summary).contains("纳入统计的府检联动文书共" + dashboard.get("total") + "件")
                .contains("尚待回复且已超过回复期限的文书" + dashboard.get("overdue") + "件")
                .contains("按期回复率为" + ((Map<String, Object>) dashboard.get("overall")).get("onTimeRate") + "%");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theYearlyInspectionInTheReportEqualsTheDashboardAndTheHandCountedFigures() throws IOException {
        String text = continuousText(report);
        List<String> lines = text.lines().map(ReportPagesIntegrationTests::squeezed).toList();

        // hand-counted (see SeededYear): 要点按期/逾期/未完成, 议定已完成/未完成, 移送线索, 已决定, 立案, 文书按期回复, 按期回复率, 已验收进展报告
        assertThat(text).containsPattern("(?m)^市公安局 1 1 0 0 0 2 2 1 2 66.7% 2$")
                .containsPattern("(?m)^市司法局 0 0 1 1 0 0 0 0 1 50.0% 1$")
                .containsPattern("(?m)^市政数局 0 0 0 0 0 0 0 0 0 0.0% 0$")
                .containsPattern("(?m)^市检察院 0 0 0 0 0 0 0 0 0 — 0$")
                .containsPattern("(?m)^市公安局 2 0 0 1 1 0 1$");
        int sectionsChecked = 0;
        for (Map<String, Object> section : (List<Map<String, Object>>) dashboard.get("sections")) {
            if (!List.of("inspection", "work-points", "resolutions", "leads", "inspection-evidence").contains(section.get("id"))) {
                continue;
            }
            sectionsChecked++;
            for (List<String> row : (List<List<String>>) section.get("rows")) {
                assertThat(lines).as("row %s of %s in:%n%s", row, section.get("id"), text)
                        .contains(squeezed(String.join(" ", row)));
            }
        }
        assertThat(sectionsChecked).isEqualTo(5);
        assertThat(squeezed(text.replace("\n", ""))).contains(
                "市公安局工作要点第1项建立线索移送台账2021-06-10 2021-06-12",
                "市司法局议定事项第1项建立议定事项督办台账2021-07-01 2021-07-02");
    }

    private static String str(Object number) {
        return String.valueOf(number);
    }

    @Test
    void theReportReadsExactlyAsWrittenInChinese() throws IOException {
        String text = squeezed(continuousText(report).replace("\n", ""));
        Map<String, String> numbers = new java.util.HashMap<>();
        SeededYear.ensure(context).forEach((key, record) -> numbers.put(key, record.number().text()));

        assertThat(text).startsWith("荆门市“府检联动”工作领导小组办公室")
                .contains("2021年度府检联动工作情况报告")
                .contains("一、总体情况")
                .contains("2021年度，纳入统计的府检联动文书共8件，其中已发出1件、已送达1件、已回复4件、已办结1件、已撤回1件。")
                .contains("各成员单位应回复事项7项，已回复4项，其中按期回复3项、逾期回复1项；逾期未回复2项，未到期0项。"
                        + "按期回复率为50.0%（按期回复÷（已回复+逾期未回复））。")
                .contains("从回复情况看，采纳2项、部分采纳1项、未采纳1项（以各单位最近一次回复为准）；自送达之日起平均33.0天作出回复。")
                .contains("逾期未回复的单位有：荆门市政务服务和大数据管理局1项、荆门市司法局1项。")
                .contains("二、文书办理状态", "三、各单位按期回复率", "四、各领域每月发文数", "七、各单位平均回复用时（自送达之日起）",
                        "八、2021年度检查：各成员单位执行情况", "九、2021年度工作要点落实情况", "十、2021年度联席会议议定事项落实情况",
                        "十一、2021年度线索移送及处理情况（按移送单位）", "十二、2021年度检查佐证：已验收的进展报告（每单位最近5份）",
                        "十三、逾期和未回复文书清单", "（一）荆门市政务服务和大数据管理局")
                .contains(numbers.get("D1"), numbers.get("J1"), numbers.get("P2"))
                .doesNotContain(numbers.get("P1"))
                .contains("特此报告。")
                .doesNotContain("#", "\uFFFD");
    }

    @Test
    void theReportIsPdfA2bWithOnlyEmbeddedFontsVectorChartsAndTheOfficeSeal() throws IOException {
        List<String> failures = pdfA2bFailures(report);
        List<String> fonts = new ArrayList<>();
        List<String> images = new ArrayList<>();
        String signer;
        try (PDDocument document = Loader.loadPDF(report)) {
            for (PDPage page : document.getPages()) {
                collect(page.getResources(), fonts, images, 0);
            }
            List<PDSignature> signatures = document.getSignatureDictionaries();
            assertThat(signatures).hasSize(1);
            signer = signatures.get(0).getName();
        }

        assertThat(failures).isEmpty();
        assertThat(fonts).isNotEmpty().allMatch(f -> f.endsWith(" embedded"));
        assertThat(images).as("charts are vector graphics, not images").isEmpty();
        assertThat(signer).contains("荆门市“府检联动”工作领导小组办公室");
    }

    /** Every font (name + embedded or not) and image in the resources, descending into form XObjects. */
    private static void collect(PDResources resources, List<String> fonts, List<String> images, int depth) throws IOException {
        if (resources == null || depth > 8) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            fonts.add(font.getName() + (font.isEmbedded() ? " embedded" : " NOT embedded"));
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject object = resources.getXObject(name);
            if (object instanceof PDImageXObject) {
                images.add(name.getName());
            } else if (object instanceof PDFormXObject form) {
                collect(form.getResources(), fonts, images, depth + 1);
            }
        }
    }

    private static synchronized List<String> pdfA2bFailures(byte[] pdf) {
        VeraGreenfieldFoundryProvider.initialise();
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            ValidationResult result = validator.validate(parser);
            return result.getTestAssertions().stream().filter(a -> a.getStatus() != TestAssertion.Status.PASSED)
                    .map(a -> a.getRuleId().getClause() + " " + a.getMessage()).distinct().toList();
        } catch (Exception e) {
            return List.of("veraPDF could not validate: " + e);
        }
    }

    @Test
    void theReportsPageOffersOneClickDownloadsToTheOfficeOnly() throws IOException, InterruptedException {
        PageSession office = signedIn(ADMIN);

        Page page = office.get("/reports");
        Page download = office.get("/reports/2021.pdf");
        Page badYear = office.get("/reports/1999.pdf");
        Page refused = signedIn(PROSECUTOR).get("/reports");
        HttpResponse<byte[]> prosecutorApi = get(PROSECUTOR, "/api/v1/reports/2021");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/reports/2021.pdf\"", "2021年度报告（PDF）");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(download.header("Content-Disposition")).contains("attachment", "filename*=UTF-8''2021");
        assertThat(badYear.status()).isEqualTo(400);
        assertThat(badYear.body()).contains("role=\"alert\"", "年度 1999 超出范围");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(prosecutorApi.statusCode()).isEqualTo(403);
    }

    @Test
    void aBadYearIsAProblemInTheApi() throws IOException, InterruptedException {
        HttpResponse<byte[]> future = get(ADMIN, "/api/v1/reports/2999");
        HttpResponse<byte[]> word = get(ADMIN, "/api/v1/reports/last");

        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(new String(future.body(), StandardCharsets.UTF_8)).contains("年度 2999 超出范围");
        assertThat(word.statusCode()).isEqualTo(400);
        assertThat(new String(word.body(), StandardCharsets.UTF_8)).contains("年度「last」无效");
    }

    @Test
    void theCommandLineWritesTheReportAndRefusesABadYearWithExitCode2() throws IOException {
        Path out = Files.createTempDirectory("wenshu-report").resolve("report.pdf");

        String[] bad = run("report", "--year", "1999", "--out", out.toString());
        String[] word = run("report", "--year", "twenty", "--out", out.toString());
        String[] missingDirectory = run("report", "--year", "2021", "--out", out.resolveSibling("none").resolve("r.pdf").toString());
        String[] good = run("report", "--year", "2021", "--out", out.toString());

        assertThat(bad[0]).isEqualTo("2");
        assertThat(bad[2]).contains("--year", "年度 1999 超出范围");
        assertThat(word[0]).isEqualTo("2");
        assertThat(word[2]).contains("年度「twenty」无效");
        assertThat(missingDirectory[0]).isEqualTo("2");
        assertThat(missingDirectory[2]).contains("输出目录不存在");
        assertThat(good[0]).as(good[2]).isEqualTo("0");
        assertThat(good[1]).contains("2021年度府检联动工作情况报告", "文书 8 件", "逾期未回复 2 件");
        assertThat(continuousText(Files.readAllBytes(out))).isEqualTo(continuousText(report));
    }

    private String[] run(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = WenshuCommand.execute(context, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
