package org.wenshu.generator.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.wenshu.generator.signing.SigningKey;

/**
 * An RFC 3161 timestamp authority served over HTTP on 127.0.0.1, for the dev profile, tests and benchmarks; clients
 * reach it through the same {@code TsaClient} as a production TSA URL.
 */
public final class LocalTsa implements AutoCloseable {

    /** A policy OID under the "example" arc: marks these tokens as test tokens. */
    private static final ASN1ObjectIdentifier TEST_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1");

    private final HttpServer server;
    private final ExecutorService executor;
    private final TimeStampResponseGenerator responses;
    private final Clock clock;
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    private LocalTsa(HttpServer server, ExecutorService executor, TimeStampResponseGenerator responses, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.responses = responses;
        this.clock = clock;
    }

    /** Starts a TSA signing with {@code tsaKey} (a certificate with the timeStamping key purpose) on a free port. */
    public static LocalTsa start(SigningKey tsaKey, Clock clock) {
        try {
            DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder().build()
                    .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", tsaKey.privateKey(),
                            tsaKey.certificate()),
                    sha256, TEST_POLICY);
            tokens.addCertificates(new JcaCertStore(tsaKey.chain()));
            // Whole seconds keep token lengths stable, so signatures rarely need a second sizing pass.
            tokens.setResolution(TimeStampTokenGenerator.R_SECONDS);
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
            // The JDK server writes headers and body in separate segments; with Nagle's algorithm on, the body waits
            // for the client's delayed ACK (~40 ms per timestamp). The flag is read once, when the server classes load.
            if (System.getProperty("sun.net.httpserver.nodelay") == null) {
                System.setProperty("sun.net.httpserver.nodelay", "true");
            }
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "local-tsa");
                thread.setDaemon(true);
                return thread;
            });
            LocalTsa tsa = new LocalTsa(server, executor, responses, clock);
            server.createContext("/tsa", tsa::handle);
            server.setExecutor(executor);
            server.start();
            return tsa;
        } catch (OperatorCreationException | TSPException | CertificateEncodingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot set up the local TSA: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1 for the local TSA: " + e.getMessage(), e);
        }
    }

    /** The URL to give a {@code TsaClient}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(64 * 1024);
            }
            byte[] answer;
            try {
                TimeStampRequest request = new TimeStampRequest(body);
                TimeStampResponse response;
                // The token generator is not documented as thread-safe.
                synchronized (responses) {
                    response = responses.generate(request, BigInteger.valueOf(serial.incrementAndGet()),
                            new Date(clock.millis()));
                }
                answer = response.getEncoded();
            } catch (IOException | TSPException | IllegalArgumentException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
