package org.wenshu.archive;

/**
 * Produces the signed instrument PDF for a number the register has reserved. It may throw: the archive then voids
 * the number with the failure as reason.
 */
@FunctionalInterface
public interface InstrumentProducer {

    byte[] produce(DocumentNumber number);

    /**
     * Produces the PDF for {@code number}, printing {@code verificationCode} (the record's 核验码, see
     * {@link VerificationCodes}) in it; the archive always calls this one. By default the code is not printed: a
     * producer that prints it overrides this, e.g. through {@link #printingCode(CodePrinting)}.
     */
    default byte[] produce(DocumentNumber number, String verificationCode) {
        return produce(number);
    }

    /** Produces a PDF that prints the verification code. */
    @FunctionalInterface
    interface CodePrinting {

        byte[] produce(DocumentNumber number, String verificationCode);
    }

    /** A producer that prints the record's verification code; asked without a code, it refuses. */
    static InstrumentProducer printingCode(CodePrinting printing) {
        return new InstrumentProducer() {
            @Override
            public byte[] produce(DocumentNumber number) {
                throw new IllegalStateException("该文书须印核验码：请通过档案发文 (Archive.issue) 生成");
            }

            @Override
            public byte[] produce(DocumentNumber number, String verificationCode) {
                return printing.produce(number, verificationCode);
            }
        };
    }
}
