package org.wenshu.generator.fonts;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The typefaces documents are printed in (字体集), each parsed once and shared by every document.
 *
 * <p>Parsing a CJK font costs about ten times rendering a two-page document, so the parsed
 * {@link TrueTypeFont}s live as long as this set; each document only gets a thin {@link PDType0Font}
 * wrapper that embeds the subset of glyphs it used. Thread-safe once loaded.
 */
public final class FontSet implements Closeable {

    private final Map<String, LoadedFont> fonts;
    private final List<Closeable> sources;

    private FontSet(Map<String, LoadedFont> fonts, List<Closeable> sources) {
        this.fonts = Collections.unmodifiableMap(fonts);
        this.sources = List.copyOf(sources);
    }

    /** The fonts shipped with wenshu: AR PL UMing (Song), WenQuanYi Zen Hei (Hei), LXGW WenKai (Kai). */
    public static List<FontSource> bundledSources() {
        String uming = "classpath:fonts/uming.ttc";
        return List.of(
                new FontSource("wenshu-fangsong", uming, "AR PL UMing CN"),
                new FontSource("wenshu-xiaobiaosong", uming, "AR PL UMing CN"),
                new FontSource("wenshu-heiti", "classpath:fonts/wqy-zenhei.ttc", "WenQuanYi Zen Hei"),
                new FontSource("wenshu-kaiti", "classpath:fonts/LXGWWenKai-Regular.ttf", ""));
    }

    /** Loads the shipped fonts. */
    public static FontSet bundled() {
        return load(bundledSources());
    }

    /**
     * Parses every source once; a file named by several families is read once.
     *
     * @throws FontUnusable naming the family whose font cannot be read or embedded
     */
    public static FontSet load(List<FontSource> sources) {
        Map<String, LoadedFont> fonts = new LinkedHashMap<>();
        Map<String, Object> parsedFiles = new LinkedHashMap<>();
        Map<String, LoadedFont> selected = new LinkedHashMap<>();
        List<Closeable> open = new ArrayList<>();
        try {
            for (FontSource source : sources) {
                if (fonts.containsKey(source.family())) {
                    throw new FontUnusable("字体族 " + source.family() + " 配置了两次");
                }
                Object file = parsedFiles.get(source.location());
                if (file == null) {
                    file = parse(source);
                    parsedFiles.put(source.location(), file);
                    open.add((Closeable) file);
                }
                // Families naming the same font share one parsed font, and so one embedded subset per document.
                String key = source.location() + "#" + source.member();
                LoadedFont loaded = selected.get(key);
                if (loaded == null) {
                    loaded = LoadedFont.of(source, select(source, file));
                    selected.put(key, loaded);
                }
                fonts.put(source.family(), loaded);
            }
        } catch (IOException e) {
            closeAll(open);
            throw new FontUnusable("字体文件无法读取：" + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(open);
            throw e;
        }
        return new FontSet(fonts, open);
    }

    /** The CSS family names this set provides. */
    public Set<String> families() {
        return fonts.keySet();
    }

    /** Whether any font of the set has a glyph for this code point. */
    public boolean covers(int codePoint) {
        for (LoadedFont font : fonts.values()) {
            if (font.covers(codePoint)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct code points of {@code text} that no font covers, in ascending order; whitespace is ignored. */
    public Set<Integer> uncovered(String text) {
        return uncovered(text, fonts.keySet());
    }

    /** The distinct code points of {@code text} that none of the given families' fonts covers; whitespace ignored. */
    public Set<Integer> uncovered(String text, Collection<String> families) {
        List<LoadedFont> candidates = families.stream().filter(fonts::containsKey).map(fonts::get).toList();
        Set<Integer> missing = new TreeSet<>();
        text.codePoints()
                .filter(c -> !Character.isWhitespace(c) && candidates.stream().noneMatch(font -> font.covers(c)))
                .forEach(missing::add);
        return missing;
    }

    /**
     * The families a document needs: {@code primary} (those its styles use first), then, for each character
     * of {@code text} the fonts chosen so far lack, the first family of {@code fallbackOrder} that has it.
     * Families naming an already chosen font come along for free.
     */
    public List<String> familiesFor(List<String> primary, List<String> fallbackOrder, String text) {
        List<String> chosen = new ArrayList<>();
        primary.stream().filter(fonts::containsKey).forEach(chosen::add);
        List<LoadedFont> chosenFonts = new ArrayList<>();
        chosen.forEach(family -> chosenFonts.add(fonts.get(family)));
        // A document is mostly markup and CSS in ASCII plus a few hundred distinct characters: check each once.
        BitSet checked = new BitSet();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (checked.get(c) || Character.isWhitespace(c)) {
                continue;
            }
            checked.set(c);
            if (chosenFonts.stream().noneMatch(font -> font.covers(c))) {
                fallbackOrder.stream()
                        .filter(family -> fonts.containsKey(family) && !chosen.contains(family))
                        .filter(family -> fonts.get(family).covers(c))
                        .findFirst().ifPresent(family -> {
                            chosen.add(family);
                            chosenFonts.add(fonts.get(family));
                        });
            }
        }
        Set<LoadedFont> distinctFonts = Collections.newSetFromMap(new IdentityHashMap<>());
        distinctFonts.addAll(chosenFonts);
        fonts.forEach((family, font) -> {
            if (distinctFonts.contains(font) && !chosen.contains(family)) {
                chosen.add(family);
            }
        });
        return chosen;
    }

    /**
     * Registers the given families with a renderer that writes into {@code document}.
     *
     * <p>Each registered font costs a per-document {@link PDType0Font}, whose construction walks the widths of
     * every glyph (tens of thousands in a CJK font): the dominant cost of a render. openhtmltopdf creates one for
     * every registered family named in a CSS font list, used or not, so only the families a document needs
     * (see {@link #familiesFor}) should be registered; unregistered names in a font list are skipped.
     */
    public void registerWith(PdfRendererBuilder builder, PDDocument document, Collection<String> families) {
        // Families that share a typeface share one embedded font, so its glyphs are embedded once.
        Map<TrueTypeFont, SharedFontSupplier> suppliers = new IdentityHashMap<>();
        for (String family : families) {
            LoadedFont font = fonts.get(family);
            if (font == null) {
                throw new IllegalArgumentException("unknown font family " + family);
            }
            builder.useFont(suppliers.computeIfAbsent(font.font(), shared -> new SharedFontSupplier(document, shared)),
                    family, 400, FontStyle.NORMAL, true);
        }
    }

    @Override
    public void close() {
        closeAll(sources);
    }

    private static Object parse(FontSource source) throws IOException {
        byte[] bytes = read(source);
        if (bytes.length >= 4 && bytes[0] == 't' && bytes[1] == 't' && bytes[2] == 'c' && bytes[3] == 'f') {
            return new TrueTypeCollection(new ByteArrayInputStream(bytes));
        }
        if (bytes.length >= 4 && bytes[0] == 'O' && bytes[1] == 'T' && bytes[2] == 'T' && bytes[3] == 'O') {
            // PDFBox embeds only TrueType (glyf) outlines into a CIDFontType2; CFF fonts such as Noto CJK fail at save.
            throw new FontUnusable("字体族 " + source.family() + " 的字体 " + source.location()
                    + " 是 CFF 轮廓的 OpenType 字体，PDFBox 无法嵌入；请改用 TrueType 轮廓字体（.ttf/.ttc）");
        }
        return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
    }

    private static byte[] read(FontSource source) throws IOException {
        String location = source.location();
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            try (InputStream in = FontSet.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new FontUnusable("字体族 " + source.family() + " 的字体资源不存在：" + location);
                }
                return in.readAllBytes();
            }
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new FontUnusable("字体族 " + source.family() + " 的字体文件不存在：" + path.toAbsolutePath());
        }
        return Files.readAllBytes(path);
    }

    private static TrueTypeFont select(FontSource source, Object file) throws IOException {
        if (file instanceof TrueTypeFont font) {
            return font;
        }
        TrueTypeCollection collection = (TrueTypeCollection) file;
        List<String> names = new ArrayList<>();
        TrueTypeFont[] chosen = new TrueTypeFont[1];
        collection.processAllFonts(font -> {
            String postScript = font.getName();
            String familyName = font.getNaming() == null ? null : font.getNaming().getFontFamily();
            names.add(postScript);
            boolean wanted = source.member().isBlank()
                    ? chosen[0] == null
                    : source.member().equals(postScript) || source.member().equals(familyName);
            if (wanted && chosen[0] == null) {
                chosen[0] = font;
            }
        });
        if (chosen[0] == null) {
            throw new FontUnusable("字体集合 " + source.location() + " 中没有 “" + source.member() + "”；可选："
                    + String.join("、", names));
        }
        return chosen[0];
    }

    private static void closeAll(List<Closeable> closeables) {
        for (Closeable closeable : closeables) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // Closing an in-memory font buffer cannot fail in a way worth reporting.
            }
        }
    }

    /** A parsed font and its Unicode lookup. */
    private record LoadedFont(TrueTypeFont font, CmapLookup cmap) {

        static LoadedFont of(FontSource source, TrueTypeFont font) throws IOException {
            CmapLookup cmap = font.getUnicodeCmapLookup(false);
            if (cmap == null) {
                throw new FontUnusable("字体族 " + source.family() + " 的字体没有 Unicode 字符映射表");
            }
            if (font.getGlyph() == null) {
                throw new FontUnusable("字体族 " + source.family() + " 的字体没有 TrueType 字形表（glyf），PDFBox 无法嵌入");
            }
            // Horizontal Chinese text needs no glyph substitution (GSUB serves vertical forms and Latin ligatures),
            // and PDFBox's GSUB pass re-tokenises every string it shows: about a sixth of a render.
            font.setEnableGsub(false);
            // Read the tables every document needs now, so concurrent renders only ever read initialised tables.
            font.getHorizontalMetrics();
            font.getHorizontalHeader();
            font.getHeader();
            font.getMaximumProfile();
            font.getOS2Windows();
            font.getPostScript();
            font.getNaming();
            font.getIndexToLocation();
            return new LoadedFont(font, cmap);
        }

        boolean covers(int codePoint) {
            return cmap.getGlyphId(codePoint) > 0;
        }
    }

    /** Wraps the shared font for one document the first time layout asks for it. */
    private static final class SharedFontSupplier extends PDFontSupplier {

        private final PDDocument document;
        private final TrueTypeFont font;
        private PDFont embedded;

        SharedFontSupplier(PDDocument document, TrueTypeFont font) {
            super(null);
            this.document = document;
            this.font = font;
        }

        @Override
        public PDFont supply() {
            if (embedded == null) {
                try {
                    embedded = PDType0Font.load(document, font, true);
                } catch (IOException e) {
                    throw new FontUnusable("字体无法嵌入：" + e.getMessage(), e);
                }
            }
            return embedded;
        }
    }
}
