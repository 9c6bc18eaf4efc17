package org.wenshu.generator.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/** An RFC 3161 client talking HTTP to a timestamp authority; the same code serves production and the local TSA. */
public final class TsaClient implements TimestampAuthority {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI url;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public TsaClient(URI url) {
        this.url = url;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** The TSA's address. */
    public URI url() {
        return url;
    }

    @Override
    public byte[] timestamp(byte[] sha256Digest) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        // Ask for the TSA certificate in the token, so validators need nothing else to check it.
        generator.setCertReq(true);
        // A nonce with its top bit fixed always encodes to the same length; the token echoes it, and a token whose
        // length wobbled would force another sizing pass of the exact-length /Contents.
        BigInteger nonce = new BigInteger(62, random).setBit(62);
        TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, sha256Digest, nonce);
        try {
            HttpRequest post = HttpRequest.newBuilder(url)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                    .build();
            HttpResponse<byte[]> answer = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new SigningFailed("timestamp authority " + url + " answered HTTP " + answer.statusCode());
            }
            TimeStampResponse response = new TimeStampResponse(answer.body());
            // Checks status, nonce, digest and policy against our request.
            response.validate(request);
            if (response.getTimeStampToken() == null) {
                throw new SigningFailed("timestamp authority " + url + " refused: " + response.getStatusString());
            }
            return response.getTimeStampToken().getEncoded();
        } catch (IOException e) {
            throw new SigningFailed("timestamp authority " + url + " unreachable: " + e.getMessage(), e);
        } catch (TSPException e) {
            throw new SigningFailed("timestamp authority " + url + " gave an invalid answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningFailed("interrupted while waiting for timestamp authority " + url, e);
        }
    }
}
