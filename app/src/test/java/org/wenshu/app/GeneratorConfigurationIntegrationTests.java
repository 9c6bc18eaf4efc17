package org.wenshu.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.TemplateRenderer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class GeneratorConfigurationIntegrationTests {

    @Test
    void aConfiguredFontReplacesTheShippedOneForItsFamily() throws IOException {
        try (AnnotationConfigApplicationContext context = context(Map.of(
                "wenshu.generator.fonts.wenshu-fangsong.location", "classpath:fonts/LXGWWenKai-Regular.ttf",
                "wenshu.generator.fonts.wenshu-xiaobiaosong.location", "classpath:fonts/LXGWWenKai-Regular.ttf"))) {
            InstrumentCatalog catalog = context.getBean(InstrumentCatalog.class);
            Map<String, Object> values = JsonMapper.builder().build().readValue(
                    Files.readString(Path.of("..", "examples", "reply-reminder.json")), new TypeReference<>() { });

            byte[] pdf = context.getBean(PdfRenderer.class)
                    .render(context.getBean(TemplateRenderer.class).render(catalog.require("reply-reminder"), values))
                    .content();

            assertThat(fontNames(pdf)).allMatch(name -> name.contains("LXGWWenKai"), "only LXGW WenKai embedded");
        }
    }

    @Test
    void theFallbackFamilyPrintsWhatTheRoleFontsLack() throws IOException {
        String zenHei = "classpath:fonts/wqy-zenhei.ttc";
        try (AnnotationConfigApplicationContext context = context(Map.of(
                "wenshu.generator.fonts.wenshu-kaiti.location", zenHei,
                "wenshu.generator.fonts.wenshu-fallback.location", "classpath:fonts/LXGWWenKai-Regular.ttf"))) {
            InstrumentCatalog catalog = context.getBean(InstrumentCatalog.class);
            Map<String, Object> values = JsonMapper.builder().build().readValue(
                    Files.readString(Path.of("..", "examples", "reply-reminder.json")), new TypeReference<>() { });
            values.put("request", "请说明𠮷祥路社区矫正对象外出审批情况。");

            byte[] pdf = context.getBean(PdfRenderer.class)
                    .render(context.getBean(TemplateRenderer.class).render(catalog.require("reply-reminder"), values))
                    .content();

            assertThat(fontNames(pdf)).anyMatch(name -> name.contains("LXGWWenKai"));
        }
    }

    @Test
    void anUnknownFamilyIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> context(Map.of("wenshu.generator.fonts.wenshu-songti.location", "classpath:fonts/uming.ttc")))
                .rootCause().hasMessageContaining("wenshu-songti").hasMessageContaining("wenshu-fangsong");
    }

    @Test
    void aMissingConfiguredFontStopsStartupNamingTheFile() {
        assertThatThrownBy(() -> context(Map.of("wenshu.generator.fonts.wenshu-fangsong.location", "/nonexistent/FangSong_GB2312.ttf"))
                .getBean(PdfRenderer.class))
                .rootCause().hasMessageContaining("/nonexistent/FangSong_GB2312.ttf");
    }

    private static AnnotationConfigApplicationContext context(Map<String, Object> properties) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        context.register(GeneratorConfiguration.class);
        context.refresh();
        return context;
    }

    private static Set<String> fontNames(byte[] pdf) throws IOException {
        Set<String> names = new HashSet<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    names.add(page.getResources().getFont(name).getName());
                }
            }
        }
        return names;
    }
}
