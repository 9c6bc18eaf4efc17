package org.wenshu.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The yearly report's template: house layout, numbered sections, inline SVG charts placed as given, text escaped. */
class ReportTemplateTests {

    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><path d=\"M0 0L10 10\"/></svg>";

    private final TemplateRenderer renderer = new TemplateRenderer();

    private static ReportDocument report(List<List<String>> rows) {
        return new ReportDocument("荆门市“府检联动”工作领导小组办公室", 2024, LocalDate.of(2025, 1, 6),
                List.of("2024年度，纳入统计的府检联动文书共3件。"),
                List.of(new ReportDocument.Section("各单位按期回复率", List.of("单位", "按期回复率"), rows, Optional.of(SVG)),
                        new ReportDocument.Section("逾期趋势", List.of("月份", "件数"), List.of(), Optional.empty())),
                List.of(new ReportDocument.LapseGroup("荆门市司法局",
                        List.of(List.of("荆检行建〔2024〕4号", "关于J1的检察建议", "2024-05-01", "—", "逾期未回复")))));
    }

    @Test
    void printsSummarySectionsChartsAndLapsesInTheHouseLayout() throws Exception {
        InstrumentXhtml rendered = renderer.render(report(List.of(List.of("市公安局", "66.7%"))));

        Document document = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(rendered.xhtml().getBytes(StandardCharsets.UTF_8)));
        String text = document.getDocumentElement().getTextContent();
        assertThat(rendered.metadata()).isEqualTo(new InstrumentMetadata("supervision-report", "府检联动工作情况报告",
                "2024年度府检联动工作情况报告", "荆门市“府检联动”工作领导小组办公室", "", LocalDate.of(2025, 1, 6)));
        assertThat(text).contains("统计截至2025年1月6日", "2024年度府检联动工作情况报告", "一、总体情况",
                "二、各单位按期回复率", "市公安局66.7%", "三、逾期趋势", "无", "四、逾期和未回复文书清单",
                "（一）荆门市司法局", "荆检行建〔2024〕4号", "逾期未回复", "特此报告。");
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength()).isEqualTo(1);
        assertThat(rendered.fontFamilies()).contains("wenshu-heiti", "wenshu-kaiti");
        assertThat(rendered.fields()).extracting(PrintedField::text).anyMatch(t -> t.contains("市公安局66.7%"));
    }

    @Test
    void escapesCellTextAndRefusesChartsWithScriptsOrImages() {
        InstrumentXhtml rendered = renderer.render(report(List.of(List.of("<b>单位</b>&", "1"))));

        assertThat(rendered.xhtml()).contains("&lt;b&gt;单位&lt;/b&gt;&amp;").doesNotContain("<b>单位");
        assertThatThrownBy(() -> new ReportDocument.Section("图", List.of("a"), List.of(), Optional.of(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportDocument.Section("图", List.of("a"), List.of(), Optional.of(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"x.png\"/></svg>")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
