package org.wenshu.templates;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.core.XHTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * Turns validated field values into the XHTML of an instrument (文书排版), through the type's Freemarker
 * template {@code <type-id>.ftlh} and the shared layout macros. Thread-safe; create once and share.
 */
public final class TemplateRenderer {

    /**
     * The CSS font families the templates use, one per typeface role of GB/T 9704: 仿宋 for the body, 小标宋
     * for the issuing unit and title, 黑体 for headings, 楷体 for sub-headings. Every family list in the
     * stylesheet names all of them, then {@link #FALLBACK_FONT_FAMILY}, so a character missing from one
     * typeface is printed in the next that has it.
     */
    public static final List<String> FONT_FAMILIES =
            List.of("wenshu-fangsong", "wenshu-xiaobiaosong", "wenshu-heiti", "wenshu-kaiti");

    /** An optional extra family tried last, for characters none of the role typefaces covers. */
    public static final String FALLBACK_FONT_FAMILY = "wenshu-fallback";

    private final Configuration freemarker;

    /** A renderer over the templates shipped in this module. */
    public TemplateRenderer() {
        this.freemarker = configuration();
    }

    /**
     * Validates raw values (as parsed from JSON) against the type, then renders them.
     *
     * @throws FieldsInvalid listing every problem with the values
     */
    public InstrumentXhtml render(InstrumentType type, Map<String, ?> values) {
        return render(type.validate(values));
    }

    /**
     * Validates raw values against the type, then renders them with {@code mark} (the verification code and its QR
     * code) in the footer of every page, opposite the page number.
     *
     * @throws FieldsInvalid listing every problem with the values
     */
    public InstrumentXhtml render(InstrumentType type, Map<String, ?> values, VerificationMark mark) {
        return render(type.validate(values), java.util.Optional.of(mark));
    }

    /** Renders values that already passed validation. */
    public InstrumentXhtml render(FieldValues values) {
        return render(values, java.util.Optional.empty());
    }

    /** Renders values that already passed validation, with the verification mark in the footer when given. */
    public InstrumentXhtml render(FieldValues values, java.util.Optional<VerificationMark> mark) {
        InstrumentType type = values.type();
        StringWriter xhtml = new StringWriter(16 * 1024);
        try {
            Template template = freemarker.getTemplate(type.id() + ".ftlh");
            Map<String, Object> model = model(values);
            mark.ifPresent(m -> model.put("verification", m.model()));
            template.process(model, xhtml);
        } catch (IOException e) {
            throw new UncheckedIOException("template of " + type.id() + " cannot be read", e);
        } catch (TemplateException e) {
            // Field values never reach template syntax, so this is a bug in a template, not bad input.
            throw new IllegalStateException("template of " + type.id() + " failed: " + e.getMessageWithoutStackTop(), e);
        }
        String document = xhtml.toString();
        return new InstrumentXhtml(document, metadata(values), printedFields(values), familiesUsed(document));
    }

    /**
     * Renders the yearly supervision report (府检联动工作情况报告) in the house layout; its charts are placed as inline
     * SVG, every other text escaped.
     */
    public InstrumentXhtml render(ReportDocument report) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("title", report.title());
        f.put("issuingUnit", report.issuingUnit());
        f.put("documentNumber", "统计截至" + ChineseNumbers.date(report.statisticsDate()));
        f.put("date", ChineseNumbers.date(report.statisticsDate()));
        List<Map<String, Object>> sections = new ArrayList<>();
        List<PrintedField> printed = new ArrayList<>();
        printed.add(new PrintedField("issuingUnit", "发文机关", report.issuingUnit()));
        report.summary().forEach(p -> printed.add(new PrintedField("summary", "总体情况", p)));
        for (ReportDocument.Section section : report.sections()) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("caption", section.caption());
            model.put("columns", section.columns());
            model.put("rows", section.rows());
            section.svg().ifPresent(svg -> model.put("svg", svg));
            sections.add(model);
            printed.add(new PrintedField("sections", section.caption(), section.caption() + String.join("", section.columns())
                    + section.rows().stream().flatMap(List::stream).reduce("", String::concat)));
        }
        List<Map<String, Object>> lapses = new ArrayList<>();
        for (ReportDocument.LapseGroup group : report.lapses()) {
            lapses.add(Map.of("unit", group.unit(), "rows", group.rows()));
            printed.add(new PrintedField("lapses", group.unit(), group.unit()
                    + group.rows().stream().flatMap(List::stream).reduce("", String::concat)));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("f", f);
        model.put("typeName", ReportDocument.TYPE_NAME);
        model.put("fontFamilies", fontFamilyList());
        model.put("ordinals", ordinals());
        model.put("issuerFontSize", issuerFontSize(report.issuingUnit()));
        model.put("summary", report.summary());
        model.put("sections", sections);
        model.put("lapses", lapses);
        StringWriter xhtml = new StringWriter(64 * 1024);
        try {
            freemarker.getTemplate(ReportDocument.TYPE_ID + ".ftlh").process(model, xhtml);
        } catch (IOException e) {
            throw new UncheckedIOException("template of " + ReportDocument.TYPE_ID + " cannot be read", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template of " + ReportDocument.TYPE_ID + " failed: " + e.getMessageWithoutStackTop(), e);
        }
        String document = xhtml.toString();
        return new InstrumentXhtml(document, new InstrumentMetadata(ReportDocument.TYPE_ID, ReportDocument.TYPE_NAME,
                report.title(), report.issuingUnit(), "", report.statisticsDate()), printed, familiesUsed(document));
    }

    private static Configuration configuration() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setTemplateLoader(new ClassTemplateLoader(TemplateRenderer.class, "/org/wenshu/templates"));
        configuration.setDefaultEncoding("UTF-8");
        configuration.setLocale(Locale.SIMPLIFIED_CHINESE);
        // Field values are untrusted: every ${} is escaped for XHTML, and templates cannot reach Java.
        configuration.setRecognizeStandardFileExtensions(false);
        configuration.setOutputFormat(XHTMLOutputFormat.INSTANCE);
        configuration.setAutoEscapingPolicy(Configuration.ENABLE_IF_DEFAULT_AUTO_ESCAPING_POLICY);
        configuration.setAPIBuiltinEnabled(false);
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setNumberFormat("computer");
        return configuration;
    }

    /** The data model: field values already in print form, so templates only place and escape them. */
    private static Map<String, Object> model(FieldValues values) {
        InstrumentType type = values.type();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldSpec field : type.fields()) {
            Object value = values.asMap().get(field.name());
            if (value == null) {
                continue;
            }
            fields.put(field.name(), switch (field.type()) {
                case MULTILINE -> List.of(((String) value).split("\n"));
                case DATE -> ChineseNumbers.date((LocalDate) value);
                // Templates print each resolution's own sentence, so the PDF says exactly what Resolution.printed() says.
                case RESOLUTION_LIST -> ((List<?>) value).stream().map(r -> ((Resolution) r).printed()).toList();
                default -> value;
            });
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("f", fields);
        model.put("typeName", type.name());
        model.put("fontFamilies", fontFamilyList());
        model.put("weekday", weekdays(values));
        model.put("ordinals", ordinals());
        model.put("issuerFontSize", issuerFontSize(values.text(InstrumentCatalog.ISSUING_UNIT_FIELD).orElse("")));
        if (type.replyPeriod() instanceof ReplyPeriod.Within within) {
            model.put("replyWithin", within.words(values));
        }
        return model;
    }

    /** The CSS family lists, one per role: the role's own family first, then all others as fallback. */
    private static Map<String, String> fontFamilyList() {
        Map<String, String> lists = new LinkedHashMap<>();
        for (String role : FONT_FAMILIES) {
            List<String> chain = new ArrayList<>();
            chain.add(role);
            FONT_FAMILIES.stream().filter(other -> !other.equals(role)).forEach(chain::add);
            chain.add(FALLBACK_FONT_FAMILY);
            lists.put(role.substring("wenshu-".length()), String.join(", ", chain));
        }
        return lists;
    }

    /** The weekday of every date field, e.g. 星期三, printed beside meeting dates. */
    private static Map<String, String> weekdays(FieldValues values) {
        Map<String, String> weekdays = new LinkedHashMap<>();
        values.asMap().forEach((field, value) -> {
            if (value instanceof LocalDate date) {
                weekdays.put(field, date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.SIMPLIFIED_CHINESE));
            }
        });
        return weekdays;
    }

    /**
     * GB/T 9704 leaves the size of the issuing unit's name to taste; 30 pt unless the name would not fit on one
     * line of the 156 mm text block (442 pt, letters 2 pt apart).
     */
    private static int issuerFontSize(String issuingUnit) {
        int characters = Math.max(1, issuingUnit.codePointCount(0, issuingUnit.length()));
        return Math.max(16, Math.min(30, 440 / characters - 2));
    }

    private static List<String> ordinals() {
        List<String> ordinals = new ArrayList<>();
        for (int i = 1; i <= 99; i++) {
            ordinals.add(ChineseNumbers.ordinal(i));
        }
        return ordinals;
    }

    /**
     * The role families the layout actually uses in this document. Body and title typefaces always; 黑体 and
     * 楷体 only where headings or an urgency mark were printed. Class attributes come from the templates
     * alone: field values are escaped, so they cannot forge one.
     */
    private static List<String> familiesUsed(String xhtml) {
        List<String> families = new ArrayList<>(List.of("wenshu-fangsong", "wenshu-xiaobiaosong"));
        if (xhtml.contains("class=\"heading\"") || xhtml.contains("class=\"urgency\"")) {
            families.add("wenshu-heiti");
        }
        if (xhtml.contains("class=\"subheading\"")) {
            families.add("wenshu-kaiti");
        }
        return families;
    }

    private static InstrumentMetadata metadata(FieldValues values) {
        InstrumentType type = values.type();
        return new InstrumentMetadata(type.id(), type.name(),
                values.text(InstrumentCatalog.TITLE_FIELD).orElse(type.name()),
                values.text(InstrumentCatalog.ISSUING_UNIT_FIELD).orElse(""),
                values.text(InstrumentCatalog.DOCUMENT_NUMBER_FIELD).orElse(""),
                values.date(InstrumentCatalog.DATE_FIELD).orElse(LocalDate.EPOCH));
    }

    private static List<PrintedField> printedFields(FieldValues values) {
        Map<String, String> printed = values.printed();
        return values.type().fields().stream()
                .filter(field -> printed.containsKey(field.name()))
                .map(field -> new PrintedField(field.name(), field.label(), printed.get(field.name())))
                .toList();
    }
}
