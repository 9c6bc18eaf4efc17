package org.wenshu.app.verification;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where the public can reach this installation ({@code wenshu.public-base-url}): the base of the verification URL
 * {@code {base}/v/{code}} that the QR code in every issued instrument's footer encodes.
 *
 * @param baseUrl absolute {@code http} or {@code https} URL without query, fragment or trailing slash, e.g.
 *                {@code https://wenshu.jingmen.gov.cn}
 */
public record PublicLinks(String baseUrl) {

    /** The embedded default, good for a single machine only. */
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080";

    /** The property naming the base URL. */
    public static final String PROPERTY = "wenshu.public-base-url";

    /**
     * The links for the configured value; in production the value must be set, and not to a loopback address, since
     * every instrument prints it for good.
     *
     * @throws IllegalStateException naming the property when the value is missing (production) or malformed
     */
    public static PublicLinks of(Optional<String> configured, boolean production) {
        if (configured.isEmpty() || configured.get().isBlank()) {
            if (production) {
                throw new IllegalStateException("the production profile needs " + PROPERTY
                        + " (WENSHU_PUBLIC_BASE_URL): the public address printed in every instrument's QR code, "
                        + "e.g. https://wenshu.example.gov.cn");
            }
            return new PublicLinks(DEFAULT_BASE_URL);
        }
        String value = configured.get().trim();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(PROPERTY + " is not a URL: " + configured.get(), e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalStateException(PROPERTY + " must be an absolute http(s) URL without query or fragment, "
                    + "e.g. https://wenshu.example.gov.cn; got " + configured.get());
        }
        if (production && (uri.getHost().equals("localhost") || uri.getHost().startsWith("127.")
                || uri.getHost().equals("[::1]"))) {
            throw new IllegalStateException(PROPERTY + " points at this machine's loopback address (" + value
                    + "): no one else can open the QR codes printed with it");
        }
        return new PublicLinks(value);
    }

    /** The public summary page of the record with verification code {@code code}. */
    public String verificationUrl(String code) {
        return baseUrl + "/v/" + code;
    }
}
