package org.wenshu.batch;

import java.util.List;

/** Verifies the signatures of a signed PDF (implemented in {@code app} with the generator's PAdES verifier). */
@FunctionalInterface
public interface SignatureVerifier {

    /**
     * What is wrong with the signatures of {@code pdf}, one Chinese line each (e.g. {@code 签名 Signature1 无效：签名后文件被篡改});
     * empty when every signature is intact and trusted.
     */
    List<String> problems(byte[] pdf);
}
