package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class VerificationCodesTests {

    @Test
    void codesAreTwelveLettersOfTheUnambiguousAlphabet() {
        VerificationCodes codes = new VerificationCodes();

        String code = codes.next();

        assertThat(code).hasSize(12).matches("[2-9A-HJ-NP-Z]{12}");
    }

    @Test
    void tenThousandCodesAreDistinctAndUseEveryLetter() {
        VerificationCodes codes = new VerificationCodes();
        Set<String> seen = new HashSet<>();
        Set<Character> letters = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            String code = codes.next();
            seen.add(code);
            code.chars().forEach(c -> letters.add((char) c));
        }

        assertThat(seen).hasSize(10_000);
        assertThat(letters).hasSize(32);
    }

    @Test
    void normalisingAcceptsWhatAVisitorTypesAndRefusesWhatCannotBeACode() {
        assertThat(VerificationCodes.normalise("abcd-efgh-jk23")).contains("ABCDEFGHJK23");
        assertThat(VerificationCodes.normalise(" ABCD EFGH JK23 ")).contains("ABCDEFGHJK23");
        assertThat(VerificationCodes.normalise("ABCDEFGHJK2O")).isEmpty(); // O is not in the alphabet
        assertThat(VerificationCodes.normalise("ABCDEFGHJK2")).isEmpty();
        assertThat(VerificationCodes.normalise("x".repeat(100))).isEmpty();
        assertThat(VerificationCodes.normalise(null)).isEmpty();
    }
}
