package org.wenshu.generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.verapdf.core.EncryptedPdfException;
import org.verapdf.core.ModelParsingException;
import org.verapdf.core.ValidationException;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.wenshu.generator.fonts.FontSet;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Shared, expensive test fixtures: the parsed fonts, the shipped examples, the PDF/A validator. */
public final class Fixtures {

    /** A Chinese character or punctuation mark: full-width, with no space beside it in Chinese text. */
    private static final String CHINESE = "[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF“”‘’《》—…]";

    private static FontSet fonts;

    private Fixtures() {
    }

    /** The shipped fonts with their everyday subsets derived, as in a process that has printed before. */
    public static synchronized FontSet fonts() {
        if (fonts == null) {
            fonts = FontSet.bundled();
            try {
                if (!fonts.awaitEverydaySubsets(120_000)) {
                    throw new IllegalStateException("everyday font subsets not derived");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fonts;
    }

    /** The example data file shipped for a type, at the repository root. */
    public static Map<String, Object> example(String typeId) {
        Path file = Path.of("..", "examples", typeId + ".json");
        try {
            return new LinkedHashMap<>(JsonMapper.builder().build()
                    .readValue(Files.readString(file), new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text of all pages with line breaks and page numbers removed, so wrapped values read as one line. A justified
     * line that broke early before an unbreakable run has wide gaps between its characters, for which PDFBox guesses
     * spaces; Chinese text has none, so blanks next to a Chinese character or punctuation mark are dropped.
     */
    static String continuousText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            return Arrays.stream(text.split("\\R"))
                    .filter(line -> !line.matches("— \\d+ —"))
                    .collect(Collectors.joining())
                    .replaceAll("(?<=" + CHINESE + ")\\s+|\\s+(?=" + CHINESE + ")", "");
        }
    }


    /** Keeps a rendered file under target/rendered for a person to look at. */
    public static void keep(String name, byte[] pdf) {
        try {
            Path dir = Path.of("target", "rendered");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".pdf"), pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules veraPDF reports as failed when validating against PDF/A-2b; empty when compliant. */
    static synchronized List<String> pdfA2bFailures(byte[] pdf) {
        VeraGreenfieldFoundryProvider.initialise();
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            ValidationResult result = validator.validate(parser);
            List<String> failures = result.getTestAssertions().stream()
                    .filter(assertion -> assertion.getStatus() == TestAssertion.Status.FAILED)
                    .map(assertion -> assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber()
                            + ": " + assertion.getMessage())
                    .distinct()
                    .toList();
            if (!result.isCompliant() && failures.isEmpty()) {
                return List.of("not compliant without a failed assertion");
            }
            return failures;
        } catch (ModelParsingException | EncryptedPdfException | ValidationException | IOException e) {
            return List.of("veraPDF could not validate: " + e);
        }
    }
}
