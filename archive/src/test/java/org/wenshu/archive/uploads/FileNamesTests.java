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

    @Test
    void aNameWithoutAVisibleStemIsShownAsAGeneratedName() {
        assertThat(FileNames.display(".pdf", 1, "pdf")).isEqualTo("附件1.pdf");
        assertThat(FileNames.display("....pdf", 2, "pdf")).isEqualTo("附件2.pdf");
        assertThat(FileNames.display(" \u3000\u00A0.pdf", 3, "pdf")).isEqualTo("附件3.pdf");
        assertThat(FileNames.display("\u200B\u200D\uFEFF.pdf", 4, "pdf")).isEqualTo("附件4.pdf");
        assertThat(FileNames.display("\u3164\u2800.docx", 5, "docx")).isEqualTo("附件5.docx");
        assertThat(FileNames.display("C:\\扫描\\.png", 6, "png")).isEqualTo("附件6.png");
        assertThat(FileNames.display("", 7, "")).isEqualTo("附件7");
    }

    @Test
    void aNameWithAVisibleStemKeepsIt() {
        assertThat(FileNames.display("整改报告.pdf", 1, "pdf")).isEqualTo("整改报告.pdf");
        assertThat(FileNames.display("\u200B回复.pdf", 1, "pdf")).isEqualTo("_回复.pdf");
        assertThat(FileNames.display("_.pdf", 1, "pdf")).isEqualTo("_.pdf");
    }

    @Test
    void theClaimedExtensionSurvivesABlankStem() {
        assertThat(FileNames.claimedExtension("\u3000.PDF")).isEqualTo("pdf");
        assertThat(FileNames.claimedExtension(".pdf")).isEqualTo("pdf");
        assertThat(FileNames.claimedExtension("回复.docx")).isEqualTo("docx");
        assertThat(FileNames.claimedExtension("回复")).isEmpty();
    }
}
