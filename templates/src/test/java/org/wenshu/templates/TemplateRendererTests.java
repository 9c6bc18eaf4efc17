package org.wenshu.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class TemplateRendererTests {

    private final InstrumentCatalog catalog = InstrumentCatalog.standard();
    private final TemplateRenderer renderer = new TemplateRenderer();

    @Test
    void rendersWellFormedXhtmlWithMetadata() throws Exception {
        InstrumentXhtml rendered = renderer.render(catalog.require("procuratorial-suggestion"), Samples.suggestion());

        Document document = parse(rendered.xhtml());
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/1999/xhtml");
        assertThat(document.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("关于规范涉企社区矫正对象外出审批管理工作的检察建议");
        assertThat(rendered.metadata()).isEqualTo(new InstrumentMetadata("procuratorial-suggestion", "检察建议书",
                "关于规范涉企社区矫正对象外出审批管理工作的检察建议", "荆门市人民检察院", "荆检行建〔2024〕3号",
                java.time.LocalDate.of(2024, 3, 5)));
        assertThat(document.getDocumentElement().getTextContent())
                .contains("荆门市司法局：")
                .contains("一、严格执行审批期限规定。")
                .contains("二、依法适用简化批准程序。")
                .contains("自收到本检察建议书之日起两个月内")
                .contains("2024年3月5日")
                .contains("抄送：荆门市人民政府办公室。")
                .doesNotContain("加急");
    }

    @Test
    void verificationQrCodeIsOnePathCoveringExactlyTheDarkModules() throws Exception {
        VerificationMark mark = VerificationMark.of("7KQ2MXH9PD4R", "https://wenshu.example.cn/v/7KQ2MXH9PD4R");

        InstrumentXhtml rendered = renderer.render(catalog.require("procuratorial-suggestion"), Samples.suggestion(), mark);

        Document document = parse(rendered.xhtml());
        assertThat(document.getElementsByTagNameNS("*", "svg").getLength()).isZero();
        org.w3c.dom.NodeList objects = document.getElementsByTagNameNS("*", "object");
        assertThat(objects.getLength()).isEqualTo(1);
        org.w3c.dom.Element object = (org.w3c.dom.Element) objects.item(0);
        assertThat(object.getAttribute("type")).isEqualTo(VerificationMark.OBJECT_TYPE);
        assertThat(object.getAttribute("data-modules")).isEqualTo(Integer.toString(mark.modules()));
        String data = object.getAttribute("data-path");
        boolean[][] filled = new boolean[mark.modules()][mark.modules()];
        java.util.regex.Matcher run = java.util.regex.Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(data);
        int end = 0;
        while (run.find()) {
            assertThat(run.start()).as("runs follow one another").isEqualTo(end);
            end = run.end();
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int width = Integer.parseInt(run.group(3));
            assertThat(run.group(4)).isEqualTo(run.group(3));
            for (int dx = 0; dx < width; dx++) {
                assertThat(filled[y][x + dx]).as("module %d,%d filled once", x + dx, y).isFalse();
                filled[y][x + dx] = true;
            }
        }
        assertThat(end).as("the path is nothing but runs").isEqualTo(data.length());
        for (int y = 0; y < mark.modules(); y++) {
            for (int x = 0; x < mark.modules(); x++) {
                assertThat(filled[y][x]).as("module %d,%d", x, y).isEqualTo(mark.dark(x, y));
            }
        }
    }

    @Test
    void urgentSuggestionIsMarkedAndDueInFifteenDays() throws Exception {
        Map<String, Object> values = Samples.suggestion();
        values.put("urgent", true);

        InstrumentXhtml rendered = renderer.render(catalog.require("procuratorial-suggestion"), values);

        assertThat(parse(rendered.xhtml()).getDocumentElement().getTextContent())
                .contains("加急")
                .contains("自收到本检察建议书之日起十五日内");
    }

    @Test
    void templateSyntaxAndMarkupInValuesStayText() throws Exception {
        Map<String, Object> values = Samples.suggestion();
        values.put("recipient", "<script>alert(1)</script>");
        values.put("legalBasis", "${7*7}");
        values.put("problems", "<#assign x=1>${x}");

        InstrumentXhtml rendered = renderer.render(catalog.require("procuratorial-suggestion"), values);

        assertThat(rendered.xhtml())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("${7*7}")
                .contains("&lt;#assign x=1&gt;${x}")
                .doesNotContain("<script>");
        Document document = parse(rendered.xhtml());
        assertThat(document.getElementsByTagName("script").getLength()).isZero();
        assertThat(document.getDocumentElement().getTextContent())
                .contains("<script>alert(1)</script>：")
                .contains("根据${7*7}的规定")
                .contains("<#assign x=1>${x}")
                .doesNotContain("49");
    }

    @Test
    void printedFieldsCarryTheirLabels() {
        InstrumentXhtml rendered = renderer.render(catalog.require("meeting-notice"), Samples.meetingNotice());

        assertThat(rendered.fields()).contains(
                new PrintedField("meetingDate", "会议日期", "2024年3月20日"),
                new PrintedField("recipients", "主送单位", "市公安局\n市司法局"));
    }

    @Test
    void meetingNoticeNamesTheWeekday() throws Exception {
        InstrumentXhtml rendered = renderer.render(catalog.require("meeting-notice"), Samples.meetingNotice());

        assertThat(parse(rendered.xhtml()).getDocumentElement().getTextContent())
                .contains("2024年3月20日（星期三）上午9:00")
                .contains("市公安局、市司法局：");
    }

    private static Document parse(String xhtml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xhtml)));
    }
}
