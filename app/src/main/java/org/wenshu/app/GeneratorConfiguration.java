package org.wenshu.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.generator.fonts.FontSet;
import org.wenshu.generator.fonts.FontSource;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.TemplateRenderer;

/** Wires the instrument catalog, the templates and the PDF renderer with its configured fonts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GeneratorConfiguration.GeneratorProperties.class)
public class GeneratorConfiguration {

    @Bean
    InstrumentCatalog instrumentCatalog() {
        return InstrumentCatalog.standard();
    }

    @Bean
    TemplateRenderer templateRenderer() {
        return new TemplateRenderer();
    }

    /**
     * The fonts, parsed on the first print or by the server's warm-up after it is ready: parsing the CJK fonts is
     * the largest single cost of a start, and a command that prints nothing never pays it. A missing font file still
     * stops the start; a font that cannot be parsed fails the first print and the warm-up, naming the family.
     */
    @Bean(destroyMethod = "close")
    FontSet fontSet(GeneratorProperties properties) {
        return FontSet.lazy(properties.fontSources());
    }

    @Bean
    PdfRenderer pdfRenderer(FontSet fontSet) {
        return new PdfRenderer(fontSet);
    }

    /**
     * {@code wenshu.generator.*}: the fonts documents are printed in. Each entry of {@code fonts} replaces the
     * shipped font of one family, e.g. a licensed 仿宋_GB2312 for the body:
     * <pre>
     * wenshu.generator.fonts.wenshu-fangsong.location: /opt/fonts/FangSong_GB2312.ttf
     * wenshu.generator.fonts.wenshu-xiaobiaosong.location: /opt/fonts/FZXiaoBiaoSong.ttf
     * wenshu.generator.fonts.wenshu-fallback.location: classpath:fonts/LXGWWenKai-Regular.ttf
     * </pre>
     * Families: {@code wenshu-fangsong} (body), {@code wenshu-xiaobiaosong} (issuing unit, title),
     * {@code wenshu-heiti} (headings), {@code wenshu-kaiti} (sub-headings), {@code wenshu-fallback} (optional,
     * tried last for characters the others lack).
     *
     * @param fonts font per family name; families not named keep the shipped font
     */
    @ConfigurationProperties("wenshu.generator")
    public record GeneratorProperties(Map<String, FontProperties> fonts) {

        public GeneratorProperties {
            fonts = fonts == null ? Map.of() : new LinkedHashMap<>(fonts);
        }

        /** The shipped fonts with the configured ones put in their place, plus configured extra families. */
        List<FontSource> fontSources() {
            List<FontSource> sources = new ArrayList<>();
            for (FontSource shipped : FontSet.bundledSources()) {
                FontProperties configured = fonts.get(shipped.family());
                sources.add(configured == null ? shipped : configured.source(shipped.family()));
            }
            fonts.forEach((family, configured) -> {
                if (family.equals(TemplateRenderer.FALLBACK_FONT_FAMILY)) {
                    sources.add(configured.source(family));
                } else if (sources.stream().noneMatch(source -> source.family().equals(family))) {
                    throw new IllegalArgumentException("wenshu.generator.fonts." + family + "：未知的字体族；可配置 "
                            + String.join("、", TemplateRenderer.FONT_FAMILIES) + "、" + TemplateRenderer.FALLBACK_FONT_FAMILY);
                }
            });
            return sources;
        }
    }

    /**
     * One font: a file path or {@code classpath:} resource, and the member of a TrueType collection.
     *
     * @param location file path or {@code classpath:fonts/…}
     * @param member   name of the font inside a .ttc; blank for a single font
     */
    public record FontProperties(String location, String member) {

        FontSource source(String family) {
            if (location == null || location.isBlank()) {
                throw new IllegalArgumentException("wenshu.generator.fonts." + family + ".location 未设置");
            }
            return new FontSource(family, location, member);
        }
    }
}
