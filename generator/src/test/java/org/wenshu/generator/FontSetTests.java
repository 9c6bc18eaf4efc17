package org.wenshu.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenshu.generator.fonts.FontSet;
import org.wenshu.generator.fonts.FontSource;
import org.wenshu.generator.fonts.FontUnusable;

class FontSetTests {

    private static final List<String> PRIMARY = List.of("wenshu-fangsong", "wenshu-xiaobiaosong");
    private static final List<String> FALLBACK_ORDER =
            List.of("wenshu-fangsong", "wenshu-xiaobiaosong", "wenshu-heiti", "wenshu-kaiti");

    @TempDir
    Path directory;

    @Test
    void shippedFontsCoverRareNamesAndOnlyKaiCoversTheSupplementaryOne() {
        FontSet fonts = Fixtures.fonts();

        assertThat(fonts.uncovered("堃喆昇𠮷〔〕—“”")).isEmpty();
        assertThat(fonts.familiesFor(PRIMARY, FALLBACK_ORDER, "荆门市人民检察院堃喆昇〔2024〕")).containsExactly(PRIMARY.toArray(String[]::new));
        assertThat(fonts.familiesFor(PRIMARY, FALLBACK_ORDER, "住𠮷祥路")).containsExactly(
                "wenshu-fangsong", "wenshu-xiaobiaosong", "wenshu-kaiti");
        assertThat(fonts.uncovered("a\uD80C\uDC00b \n")).containsExactly(0x13000);
    }

    @Test
    void unknownCollectionMemberIsReportedWithTheAvailableNames() {
        FontSource source = new FontSource("wenshu-heiti", "classpath:fonts/wqy-zenhei.ttc", "SimHei");

        assertThatThrownBy(() -> FontSet.load(List.of(source)))
                .isInstanceOf(FontUnusable.class)
                .hasMessageContaining("没有 “SimHei”")
                .hasMessageContaining("WenQuanYiZenHei");
    }

    @Test
    void missingFontFileNamesFamilyAndPath() {
        FontSource source = new FontSource("wenshu-fangsong", directory.resolve("FangSong_GB2312.ttf").toString(), "");

        assertThatThrownBy(() -> FontSet.load(List.of(source)))
                .isInstanceOf(FontUnusable.class)
                .hasMessageContaining("wenshu-fangsong")
                .hasMessageContaining("FangSong_GB2312.ttf");
    }

    @Test
    void cffOpenTypeFontIsRefusedBeforeItCanFailAtSave() throws IOException {
        Path otf = directory.resolve("NotoSansCJK-Regular.otf");
        Files.write(otf, new byte[] {'O', 'T', 'T', 'O', 0, 1, 0, 0});

        assertThatThrownBy(() -> FontSet.load(List.of(new FontSource("wenshu-heiti", otf.toString(), ""))))
                .isInstanceOf(FontUnusable.class)
                .hasMessageContaining("CFF");
    }

    @Test
    void rendererRefusesAFontSetMissingARoleFamily() {
        try (FontSet onlyKai = FontSet.load(List.of(
                new FontSource("wenshu-kaiti", "classpath:fonts/LXGWWenKai-Regular.ttf", "")))) {

            assertThatThrownBy(() -> new PdfRenderer(onlyKai))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("wenshu-fangsong");
        }
    }

    @Test
    void lazySetNamesItsFamiliesAndPrintsOnceParsedOnFirstUse() {
        try (FontSet fonts = FontSet.lazy(FontSet.bundledSources())) {

            assertThat(fonts.families()).containsExactly(
                    "wenshu-fangsong", "wenshu-xiaobiaosong", "wenshu-heiti", "wenshu-kaiti");
            assertThat(fonts.uncovered("荆门市人民检察院堃喆𠮷")).isEmpty();
            assertThat(fonts.uncovered("a\uD80C\uDC00b")).containsExactly(0x13000);
        }
    }

    @Test
    void lazySetRefusesAMissingFontFileAtOnce() {
        FontSource source = new FontSource("wenshu-fangsong", directory.resolve("FangSong_GB2312.ttf").toString(), "");

        assertThatThrownBy(() -> FontSet.lazy(List.of(source)))
                .isInstanceOf(FontUnusable.class)
                .hasMessageContaining("wenshu-fangsong")
                .hasMessageContaining("FangSong_GB2312.ttf");
        assertThatThrownBy(() -> FontSet.lazy(List.of(new FontSource("wenshu-heiti", "classpath:fonts/SimHei.ttf", ""))))
                .isInstanceOf(FontUnusable.class)
                .hasMessageContaining("classpath:fonts/SimHei.ttf");
    }

    @Test
    void lazySetRefusesAFamilyConfiguredTwice() {
        FontSource kai = new FontSource("wenshu-kaiti", "classpath:fonts/LXGWWenKai-Regular.ttf", "");

        assertThatThrownBy(() -> FontSet.lazy(List.of(kai, kai)))
                .isInstanceOf(FontUnusable.class)
                .hasMessageContaining("配置了两次");
    }

    @Test
    void lazySetReportsAnUnusableFontWhenFirstParsedAndAgainOnTheNextUse() throws IOException {
        Path otf = directory.resolve("NotoSansCJK-Regular.otf");
        Files.write(otf, new byte[] {'O', 'T', 'T', 'O', 0, 1, 0, 0});

        try (FontSet fonts = FontSet.lazy(List.of(new FontSource("wenshu-heiti", otf.toString(), "")))) {

            assertThat(fonts.families()).containsExactly("wenshu-heiti");
            assertThatThrownBy(fonts::parseNow).isInstanceOf(FontUnusable.class).hasMessageContaining("CFF");
            assertThatThrownBy(() -> fonts.uncovered("字")).isInstanceOf(FontUnusable.class).hasMessageContaining("CFF");
        }
    }
}
