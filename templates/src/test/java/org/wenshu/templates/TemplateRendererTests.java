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
