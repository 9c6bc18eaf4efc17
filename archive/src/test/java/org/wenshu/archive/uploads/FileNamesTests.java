package org.wenshu.archive.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTests {

    @Test
    void keepsOnlyTheLastPathSegmentWithoutControlCharacters() {
        assertThat(FileNames.sanitise("C:\\Users\\张三\\..\\整改报告\u0007.pdf")).isEqualTo("整改报告_.pdf");
        assertThat(FileNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitise("...hidden.docx")).isEqualTo("hidden.docx");
        assertThat(FileNames.sanitise("回复\u202Efdp.exe")).isEqualTo("回复_fdp.exe");
    }

    @Test
    void shortensLongNamesButKeepsTheExtension() {
        String name = "很".repeat(300) + ".pdf";

        String sanitised = FileNames.sanitise(name);

        assertThat(sanitised.codePointCount(0, sanitised.length())).isEqualTo(120);
        assertThat(sanitised).endsWith("很.pdf");
    }

    @Test
    void anEmptyNameBecomesUnnamed() {
        assertThat(FileNames.sanitise("  ")).isEqualTo("unnamed");
        assertThat(FileNames.sanitise(null)).isEqualTo("unnamed");
    }
}
