package org.wenshu.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentNumberTests {

    @Test
    void readsTheStandardFormat() {
        assertThat(DocumentNumber.parse("荆检行建〔2024〕3号")).contains(new DocumentNumber("荆检行建", 2024, 3));
        assertThat(new DocumentNumber("荆检行建", 2024, 13).text()).isEqualTo("荆检行建〔2024〕13号");
    }

    @ParameterizedTest
    @ValueSource(strings = {"荆检行建[2024]3号", "荆检行建（2024）3号", "荆检行建〔24〕3号", "荆检行建〔2024〕03号",
            "荆检行建〔2024〕第3号", "荆检行建〔2024〕3", "〔2024〕3号", "JJ〔2024〕3号", "荆检行建〔2024〕0号"})
    void rejectsWhatGbT9704DoesNotAllow(String text) {
        assertThat(DocumentNumber.parse(text)).isEmpty();
    }
}
