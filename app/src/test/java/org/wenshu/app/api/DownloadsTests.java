package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class DownloadsTests {

    @Test
    void aChineseNameGetsAnRfc8187NameAndAnAsciiFallback() {
        String disposition = Downloads.attachment("荆检行建〔2026〕1号.pdf", "application/pdf", new byte[] {1})
                .getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);

        assertThat(disposition).isEqualTo("attachment; filename=\"_____2026_1_.pdf\"; "
                + "filename*=UTF-8''%E8%8D%86%E6%A3%80%E8%A1%8C%E5%BB%BA%E3%80%942026%E3%80%951%E5%8F%B7.pdf");
    }

    @Test
    void quotesBackslashesAndControlCharactersNeverReachTheQuotedName() {
        assertThat(Downloads.asciiFallback("a\"b\\c\r\nd.pdf")).isEqualTo("a_b_c__d.pdf");
    }
}
