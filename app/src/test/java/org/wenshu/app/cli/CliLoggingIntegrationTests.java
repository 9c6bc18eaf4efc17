package org.wenshu.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;

/**
 * A CLI command given malformed input prints its verdict and no library stack trace: PDFBox's complaints about
 * the file go to {@code $WENSHU_HOME/logs/wenshu-cli.log} (logback-spring.xml, profile cli), not to the terminal.
 */
class CliLoggingIntegrationTests {

    @TempDir
    static Path home;

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startCli() {
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setAdditionalProfiles("cli");
        context = application.run("--wenshu.home=" + home);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void verifyOfAMalformedPdfPrintsTheVerdictAndLogsPdfBoxToTheLogFile() throws IOException {
        Path file = home.resolve("malformed.pdf");
        Files.write(file, pdf(List.of("<< /Type /Catalog /Pages 2 0 R /X " + "[".repeat(1000) + "]".repeat(1000) + " >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")));

        Terminal run = run("verify", file.toString());

        assertThat(run.code()).as(run.out() + " / " + run.err()).isNotZero();
        assertThat(run.out() + run.err()).isNotBlank();
        assertThat(run.printed()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("org.apache.pdfbox");
        assertThat(Files.readString(home.resolve("logs/wenshu-cli.log"))).contains("org.apache.pdfbox")
                .contains("\tat org.apache.pdfbox");
    }

    @Test
    void verifyOfAPageTreeTwentyThousandLevelsDeepEndsWithOneLineNotAStackTrace() throws IOException {
        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        for (int level = 0; level < 20_000; level++) {
            objects.add("<< /Type /Pages /Kids [" + (level + 3) + " 0 R] /Count 1 >>");
        }
        objects.add("<< /Type /Page /MediaBox [0 0 595 842] >>");
        Path file = home.resolve("deep.pdf");
        Files.write(file, pdf(objects));

        Terminal run = run("verify", file.toString());

        assertThat(run.code()).as(run.out() + " / " + run.err()).isNotZero();
        assertThat(run.out() + run.err()).isNotBlank().doesNotContain("\tat ");
        assertThat(run.printed()).doesNotContain("\tat ");
    }

    private record Terminal(int code, String out, String err, String printed) {
    }

    /** Runs a command line, capturing what it prints and what anything else prints to the process's terminal. */
    private static Terminal run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        try {
            int code = WenshuCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Terminal(code, out.toString(), err.toString(), terminal.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
    }

    /** A classic PDF of these object bodies (object 1 is the catalog) with a correct cross-reference table. */
    private static byte[] pdf(List<String> objects) {
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f\r\n");
        offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n\r\n", offset)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
