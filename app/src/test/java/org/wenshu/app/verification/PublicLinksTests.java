package org.wenshu.app.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PublicLinksTests {

    @Test
    void withoutAValueOutsideProductionTheEmbeddedDefaultServes() {
        PublicLinks links = PublicLinks.of(Optional.empty(), false);

        assertThat(links.verificationUrl("7KQ2MXH9PD4R")).isEqualTo("http://127.0.0.1:8080/v/7KQ2MXH9PD4R");
    }

    @Test
    void productionRefusesToStartWithoutTheProperty() {
        assertThatThrownBy(() -> PublicLinks.of(Optional.empty(), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wenshu.public-base-url");
        assertThatThrownBy(() -> PublicLinks.of(Optional.of("  "), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wenshu.public-base-url");
    }

    @Test
    void productionRefusesALoopbackAddressThatNoOneElseCouldOpen() {
        assertThatThrownBy(() -> PublicLinks.of(Optional.of("http://127.0.0.1:8080"), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> PublicLinks.of(Optional.of("http://localhost"), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("loopback");
    }

    @Test
    void aTrailingSlashIsDroppedAndMalformedValuesAreNamed() {
        assertThat(PublicLinks.of(Optional.of("https://wenshu.example.gov.cn/"), true).verificationUrl("X"))
                .isEqualTo("https://wenshu.example.gov.cn/v/X");
        assertThat(PublicLinks.of(Optional.of("https://example.gov.cn/wenshu"), true).verificationUrl("X"))
                .isEqualTo("https://example.gov.cn/wenshu/v/X");
        assertThatThrownBy(() -> PublicLinks.of(Optional.of("wenshu.example.gov.cn"), false))
                .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> PublicLinks.of(Optional.of("ftp://example.gov.cn"), false))
                .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> PublicLinks.of(Optional.of("https://example.gov.cn/?a=1"), false))
                .hasMessageContaining("without query");
    }
}
