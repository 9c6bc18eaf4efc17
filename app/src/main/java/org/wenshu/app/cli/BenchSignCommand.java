package org.wenshu.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.wenshu.generator.keys.CertificatePurpose;
import org.wenshu.generator.keys.DevelopmentCa;
import org.wenshu.generator.keys.LocalTsa;
import org.wenshu.generator.signing.PadesLevel;
import org.wenshu.generator.signing.PdfSigner;
import org.wenshu.generator.signing.RevocationSource;
import org.wenshu.generator.signing.SealAppearance;
import org.wenshu.generator.signing.SignatureRequest;
import org.wenshu.generator.signing.SigningKey;
import org.wenshu.generator.signing.TsaClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wenshu bench sign}: signed documents per second at B-B, B-T and B-LT with a visible seal, against a local
 * TSA over HTTP on 127.0.0.1, with a throwaway test CA (the configured keys are not touched).
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "签名吞吐量 (signed documents per second at B-B, B-T and B-LT, local TSA).")
public class BenchSignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "5", description = "measuring time per level and thread count (default 5)")
    int seconds;

    @Option(names = "--threads", description = "signing threads for the parallel run (default: available cores)")
    Optional<Integer> threads;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600) {
            throw new ExitCodes.BadInput("--seconds must be between 1 and 600, was " + seconds);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int parallel = threads.orElse(cores);
        if (parallel < 1 || parallel > 64) {
            throw new ExitCodes.BadInput("--threads must be between 1 and 64, was " + parallel);
        }
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        DevelopmentCa ca = DevelopmentCa.create("bench", clock);
        SigningKey seal = ca.issue("荆门市人民检察院 电子印章", CertificatePurpose.SEAL);
        byte[] document = sampleInstrument();
        try (LocalTsa tsa = LocalTsa.start(ca.issue("bench TSA", CertificatePurpose.TIMESTAMPING), clock)) {
            PdfSigner signer = new PdfSigner(Optional.of(new TsaClient(tsa.url())),
                    RevocationSource.of(List.of(ca.crl())), clock);
            out.printf("wenshu bench sign: %d-byte one-page PDF, visible seal, RSA-2048, local TSA at %s, %d core(s)%n",
                    document.length, tsa.url(), cores);
            out.printf("%-6s %8s %8s %10s %16s %18s%n", "level", "threads", "docs", "docs/s", "docs/s per core",
                    "docs per CPU-s");
            List<PadesLevel> levels = List.of(PadesLevel.B_B, PadesLevel.B_T, PadesLevel.B_LT);
            // Warm up the JIT, the fonts, the seal template and the CMS length cache on every path before measuring.
            for (PadesLevel level : levels) {
                measure(signer, document, SignatureRequest.sealed(seal, level,
                        SealAppearance.drawn("荆门市人民检察院", "检察建议专用章")), 1, 2);
            }
            for (PadesLevel level : levels) {
                SignatureRequest request = SignatureRequest.sealed(seal, level,
                        SealAppearance.drawn("荆门市人民检察院", "检察建议专用章"));
                for (int threadCount : parallel == 1 ? List.of(1) : List.of(1, parallel)) {
                    Result result = measure(signer, document, request, threadCount, seconds);
                    double perSecond = result.documents() / result.seconds();
                    out.printf("%-6s %8d %8d %10.1f %16.1f %18.1f%n", level, threadCount, result.documents(), perSecond,
                            perSecond / Math.min(threadCount, cores), result.documents() / result.cpuSeconds());
                    out.flush();
                }
            }
        }
        return ExitCodes.OK;
    }

    /** Wall-clock and the signing threads' CPU time: on a shared machine, documents per CPU-second is per core. */
    private record Result(int documents, double seconds, double cpuSeconds) {
    }

    private static Result measure(PdfSigner signer, byte[] document, SignatureRequest request, int threads, int seconds)
            throws Exception {
        AtomicInteger done = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong cpuNanos = new java.util.concurrent.atomic.AtomicLong();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    long cpuStart = cpu.getCurrentThreadCpuTime();
                    while (System.nanoTime() < deadline) {
                        byte[] signed = signer.sign(document, request);
                        if (signed.length <= document.length) {
                            throw new IllegalStateException("signing produced no signature");
                        }
                        done.incrementAndGet();
                    }
                    cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(done.get(), (System.nanoTime() - start) / 1e9, Math.max(1, cpuNanos.get()) / 1e9);
    }

    /** A one-page instrument ending with the unit signature and date, as the renderer lays it out. */
    private static byte[] sampleInstrument() {
        try (PDDocument document = new PDDocument();
             InputStream font = BenchSignCommand.class.getResourceAsStream("/fonts/LXGWWenKai-Regular.ttf")) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType0Font kai = PDType0Font.load(document, font, true);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                String[] lines = {"荆门市人民检察院", "检察建议书", "荆检建〔2025〕1号", "荆门市教育局：",
                        "本院在履行法律监督职责中发现，校园周边食品安全存在隐患，", "现提出检察建议，请于两个月内书面回复。"};
                float y = 760;
                for (String line : lines) {
                    write(content, kai, 80, y, line);
                    y -= 29;
                }
                write(content, kai, 330, 480, "荆门市人民检察院");
                write(content, kai, 345, 451, "2025年3月18日");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(PDPageContentStream content, PDType0Font font, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.setFont(font, 16);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }
}
