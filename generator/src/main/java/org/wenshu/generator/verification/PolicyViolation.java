package org.wenshu.generator.verification;

/**
 * A signature that breaks a rule of the {@link SignaturePolicy} (违反验证策略); it makes the signature not valid.
 *
 * @param rule   the rule broken
 * @param detail what was found, in Chinese, naming the algorithm, key size, usage, /SubFilter or offsets
 */
public record PolicyViolation(SignaturePolicy.Rule rule, String detail) {

    /** One line for reports: the rule in Chinese, then the detail. */
    public String text() {
        return "违反验证策略「" + rule.title() + "」(" + rule.id() + ")：" + detail;
    }
}
