package org.wenshu.generator.fonts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
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
 *
 * <p>Embedding costs a document time in proportion to the number of glyphs in the font (PDFBox lists the
 * width of every glyph, then maps every glyph id up to the highest used), and the shipped CJK fonts have
 * 27,000 to 45,000 glyphs. So each font also gets an everyday subset (常用字子集): its glyphs for the
 * characters of GB 2312, about 7,500, derived once in the background (about a second of one core) when a
 * process prints its second document, so a one-off print does not pay for it. A document whose
 * characters that font would print all lie in the everyday subset embeds from it; one with a rarer
 * character (堃, 喆, 𠮷) embeds from the whole font. The glyphs, and so the printed page, are the same.
 */
public final class FontSet implements Closeable {

    private static final System.Logger LOG = System.getLogger(FontSet.class.getName());

    /**
     * Tables of an everyday subset: those the subsetter rebuilds for the kept glyphs and the hinting programs.
     * Tables indexed by glyph id that it cannot rebuild (GSUB, GPOS, vmtx) are left out.
     */
    private static final List<String> SUBSET_TABLES =
            List.of("head", "hhea", "maxp", "loca", "glyf", "hmtx", "cmap", "OS/2", "name", "post",
                    "cvt ", "fpgm", "prep", "gasp");

    private final Set<String> families;
    private final List<FontSource> pending;
    private final boolean everydaySubsets;
    private final AtomicBoolean subsettingStarted = new AtomicBoolean();
    private final AtomicInteger documents = new AtomicInteger();
    private volatile Parsed parsed;
    private volatile boolean closed;

    /** The parsed fonts by family, the open font buffers and the thread deriving the everyday subsets. */
    private record Parsed(Map<String, LoadedFont> fonts, List<Closeable> sources, Thread subsetting) {
    }

    private FontSet(List<FontSource> sources, boolean everydaySubsets) {
        Set<String> names = new LinkedHashSet<>();
        for (FontSource source : sources) {
            if (!names.add(source.family())) {
                throw new FontUnusable("字体族 " + source.family() + " 配置了两次");
            }
        }
        this.families = Collections.unmodifiableSet(names);
        this.pending = List.copyOf(sources);
        this.everydaySubsets = everydaySubsets;
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
     * Parses every source once; a file named by several families is read once. Everyday subsets are derived in
     * the background.
     *
     * @throws FontUnusable naming the family whose font cannot be read or embedded
     */
    public static FontSet load(List<FontSource> sources) {
        return load(sources, true);
    }

    /**
     * Parses every source once, deriving everyday subsets in the background or, with {@code everydaySubsets}
     * false, embedding from the whole fonts always.
     *
     * @throws FontUnusable naming the family whose font cannot be read or embedded
     */
    public static FontSet load(List<FontSource> sources, boolean everydaySubsets) {
        FontSet set = new FontSet(sources, everydaySubsets);
        set.parsed();
        return set;
    }

    /**
     * A set that parses its fonts on first use (printing, coverage checks) or {@link #parseNow()}, so that a process
     * that may never print does not spend seconds and tens of megabytes of heap on CJK fonts at start. Only the cheap
     * checks run now: every family named once and every font file or resource present.
     *
     * @throws FontUnusable naming the family configured twice or whose font file or resource does not exist
     */
    public static FontSet lazy(List<FontSource> sources) {
        for (FontSource source : sources) {
            requireExists(source);
        }
        return new FontSet(sources, true);
    }

    /**
     * Parses the fonts now if that has not happened yet (a lazily created set warmed up in the background).
     *
     * @throws FontUnusable naming the family whose font cannot be read or embedded
     */
    public void parseNow() {
        parsed();
    }

    private Parsed parsed() {
        Parsed current = parsed;
        if (current == null) {
            synchronized (this) {
                current = parsed;
                if (current == null) {
                    if (closed) {
                        throw new IllegalStateException("the font set is closed");
                    }
                    current = parseAll(pending, everydaySubsets);
                    parsed = current;
                }
            }
        }
        return current;
    }

    private Parsed parseAll(List<FontSource> sources, boolean everydaySubsets) {
        Map<String, LoadedFont> fonts = new LinkedHashMap<>();
        Map<String, Object> parsedFiles = new LinkedHashMap<>();
        Map<String, LoadedFont> selected = new LinkedHashMap<>();
        List<Closeable> open = new ArrayList<>();
        try {
            for (FontSource source : sources) {
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
        Set<LoadedFont> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        if (everydaySubsets) {
            distinct.addAll(fonts.values());
        }
        List<LoadedFont> toDerive = List.copyOf(distinct);
        Thread subsetting = new Thread(() -> deriveEverydaySubsets(toDerive), "wenshu-font-subsets");
        subsetting.setDaemon(true);
        return new Parsed(Collections.unmodifiableMap(fonts), List.copyOf(open), subsetting);
    }

    /** The CSS family names this set provides (known without parsing the fonts). */
    public Set<String> families() {
        return families;
    }

    /** Whether any font of the set has a glyph for this code point. */
    public boolean covers(int codePoint) {
        for (LoadedFont font : parsed().fonts().values()) {
            if (font.covers(codePoint)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct code points of {@code text} that no font covers, in ascending order; whitespace is ignored. */
    public Set<Integer> uncovered(String text) {
        return uncovered(text, families);
    }

    /** The distinct code points of {@code text} that none of the given families' fonts covers; whitespace ignored. */
    public Set<Integer> uncovered(String text, Collection<String> families) {
        Map<String, LoadedFont> fonts = parsed().fonts();
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
        Map<String, LoadedFont> fonts = parsed().fonts();
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
     * Registers the given families with a renderer that writes {@code text} into {@code document}.
     *
     * <p>Each registered font costs a per-document {@link PDType0Font}, whose construction walks the widths of
     * every glyph (tens of thousands in a CJK font): the dominant cost of a render. openhtmltopdf creates one for
     * every registered family named in a CSS font list, used or not, so only the families a document needs
     * (see {@link #familiesFor}) should be registered; unregistered names in a font list are skipped. Where the
     * font's everyday subset is ready and holds every character of {@code text} the font has, that subset is
     * embedded instead of the whole font.
     */
    public void registerWith(PdfRendererBuilder builder, PDDocument document, Collection<String> families,
                             String text) {
        Map<String, LoadedFont> fonts = parsed().fonts();
        if (documents.incrementAndGet() == 2) {
            startSubsetting();
        }
        BitSet characters = characters(text);
        // Families that share a typeface share one embedded font, so its glyphs are embedded once.
        Map<LoadedFont, SharedFontSupplier> suppliers = new IdentityHashMap<>();
        for (String family : families) {
            LoadedFont font = fonts.get(family);
            if (font == null) {
                throw new IllegalArgumentException("unknown font family " + family);
            }
            builder.useFont(suppliers.computeIfAbsent(font,
                            shared -> new SharedFontSupplier(document, shared.fontFor(characters))),
                    family, 400, FontStyle.NORMAL, true);
        }
    }

    /**
     * Derives the everyday subsets now if no second document has yet, and waits for them; a render before they
     * are ready embeds from the whole font.
     *
     * @param timeoutMillis how long to wait for the background derivation
     * @return whether every font now has its everyday subset (false for a set loaded without them)
     */
    public boolean awaitEverydaySubsets(long timeoutMillis) throws InterruptedException {
        Parsed current = parsed();
        startSubsetting();
        current.subsetting().join(timeoutMillis);
        return !current.subsetting().isAlive() && current.fonts().values().stream().allMatch(font -> font.everyday != null);
    }

    private void startSubsetting() {
        if (subsettingStarted.compareAndSet(false, true)) {
            parsed().subsetting().start();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        Parsed current = parsed;
        if (current != null) {
            current.subsetting().interrupt();
            closeAll(current.sources());
        }
    }

    private void deriveEverydaySubsets(List<LoadedFont> toDerive) {
        BitSet everyday = everydayCharacters();
        for (LoadedFont font : toDerive) {
            if (closed) {
                return;
            }
            try {
                font.everyday = EverydaySubset.of(font, everyday);
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return; // the font buffers went away under the subsetter
                }
                // Documents keep embedding from the whole font: slower, the same result.
                LOG.log(System.Logger.Level.WARNING, "no everyday subset of a font, embedding from the whole font: " + e, e);
            }
        }
    }

    /**
     * ASCII, the characters of GB 2312 and the punctuation blocks (Latin-1, general punctuation, CJK symbols,
     * full-width forms), whose dashes and dots encoders map differently (— U+2014 is not in GB 2312, which has
     * ― U+2015): everyday official text, a fifth of a CJK font's glyphs.
     */
    static BitSet everydayCharacters() {
        BitSet characters = new BitSet(0x10000);
        characters.set(0x20, 0x7F);
        characters.set(0xA0, 0x100);
        characters.set(0x2000, 0x2070);
        characters.set(0x3000, 0x3040);
        characters.set(0xFF00, 0xFFF0);
        if (Charset.isSupported("GB2312")) {
            CharsetEncoder gb2312 = Charset.forName("GB2312").newEncoder();
            for (char c = 0x80; c < 0xFFFF; c++) {
                if (!Character.isSurrogate(c) && gb2312.canEncode(c)) {
                    characters.set(c);
                }
            }
        }
        return characters;
    }

    private static BitSet characters(String text) {
        BitSet characters = new BitSet(0x10000);
        text.codePoints().forEach(characters::set);
        return characters;
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

    private static void requireExists(FontSource source) {
        String location = source.location();
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            if (FontSet.class.getClassLoader().getResource(resource) == null) {
                throw new FontUnusable("字体族 " + source.family() + " 的字体资源不存在：" + location);
            }
        } else if (!Files.isRegularFile(Path.of(location))) {
            throw new FontUnusable("字体族 " + source.family() + " 的字体文件不存在：" + Path.of(location).toAbsolutePath());
        }
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

    /** A parsed font, its Unicode lookup and, once derived, its everyday subset. */
    private static final class LoadedFont {

        final TrueTypeFont font;
        final CmapLookup cmap;
        volatile EverydaySubset everyday;

        private LoadedFont(TrueTypeFont font, CmapLookup cmap) {
            this.font = font;
            this.cmap = cmap;
        }

        static LoadedFont of(FontSource source, TrueTypeFont font) throws IOException {
            CmapLookup cmap = font.getUnicodeCmapLookup(false);
            if (cmap == null) {
                throw new FontUnusable("字体族 " + source.family() + " 的字体没有 Unicode 字符映射表");
            }
            if (font.getGlyph() == null) {
                throw new FontUnusable("字体族 " + source.family() + " 的字体没有 TrueType 字形表（glyf），PDFBox 无法嵌入");
            }
            prepare(font);
            return new LoadedFont(font, cmap);
        }

        /**
         * Horizontal Chinese text needs no glyph substitution (GSUB serves vertical forms and Latin ligatures),
         * and PDFBox's GSUB pass re-tokenises every string it shows: about a sixth of a render. The tables every
         * document needs are read now, so concurrent renders only ever read initialised tables.
         */
        static void prepare(TrueTypeFont font) throws IOException {
            font.setEnableGsub(false);
            font.getHorizontalMetrics();
            font.getHorizontalHeader();
            font.getHeader();
            font.getMaximumProfile();
            font.getOS2Windows();
            font.getPostScript();
            font.getNaming();
            font.getIndexToLocation();
        }

        boolean covers(int codePoint) {
            return cmap.getGlyphId(codePoint) > 0;
        }

        /** The everyday subset if it is ready and has every character of {@code characters} this font has. */
        TrueTypeFont fontFor(BitSet characters) {
            EverydaySubset subset = everyday;
            if (subset == null) {
                return font;
            }
            for (int c = characters.nextSetBit(0); c >= 0; c = characters.nextSetBit(c + 1)) {
                if (!subset.characters.get(c) && covers(c)) {
                    return font;
                }
            }
            return subset.font;
        }
    }

    /** The glyphs of a font for the everyday characters it has, as a font of its own (same outlines and widths). */
    private record EverydaySubset(TrueTypeFont font, BitSet characters) {

        static EverydaySubset of(LoadedFont whole, BitSet everyday) throws IOException {
            TTFSubsetter subsetter = new TTFSubsetter(whole.font, SUBSET_TABLES);
            BitSet included = new BitSet();
            for (int c = everyday.nextSetBit(0); c >= 0; c = everyday.nextSetBit(c + 1)) {
                if (whole.covers(c)) {
                    subsetter.add(c);
                    included.set(c);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 << 20);
            subsetter.writeToStream(bytes);
            // Parsed like a font embedded in a PDF: glyph names (post) are optional there and so in the subset.
            TrueTypeFont font = new TTFParser(true).parse(new RandomAccessReadBuffer(bytes.toByteArray()));
            LoadedFont.prepare(font);
            return new EverydaySubset(font, included);
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
