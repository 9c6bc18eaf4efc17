package org.wenshu.batch.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.wenshu.templates.InstrumentCatalog;

class BulkIssueParametersTests {

    private static final InstrumentCatalog CATALOG = InstrumentCatalog.standard();
    private static final String TEXT = "主送单位,标题\n市公安局,关于召开“府检联动”联席会议的通知\n";

    @TempDir
    Path dir;

    private JobParameters parameters(Path list, String... encoding) throws IOException {
        Path data = dir.resolve("data.json");
        Files.writeString(data, "{}", StandardCharsets.UTF_8);
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put(BulkIssueParameters.TYPE, "meeting-notice");
        arguments.put(BulkIssueParameters.FILE, list.toString());
        arguments.put(BulkIssueParameters.DATA, data.toString());
        if (encoding.length > 0) {
            arguments.put(BulkIssueParameters.ENCODING, encoding[0]);
        }
        return BulkIssueParameters.of(arguments, CATALOG, 0);
    }

    /** The identifying parameters by name and value (a JobParameter's equality looks at its name only). */
    private static Map<String, Object> identity(JobParameters parameters) {
        Map<String, Object> identity = new java.util.TreeMap<>();
        parameters.getIdentifyingParameters().forEach(p -> identity.put(p.name(), p.value()));
        return identity;
    }

    @Test
    void everySpellingOfTheGbkFamilyIdentifiesTheSameJobAsGb18030() throws IOException {
        Path list = dir.resolve("gbk.csv");
        Files.write(list, TEXT.getBytes(Charset.forName("GBK")));

        JobParameters canonical = parameters(list, "GB18030");

        assertThat(canonical.getString(BulkIssueParameters.ENCODING)).isEqualTo("GB18030");
        for (String spelling : List.of("gb18030", "GBK", "gbk", "GB2312", "CP936", "windows-936", "MS936", " GBK ")) {
            assertThat(identity(parameters(list, spelling))).as(spelling).isEqualTo(identity(canonical));
        }
    }

    @Test
    void aUtf8ListOrAWorkbookIsTheSameJobWhateverEncodingIsNamed() throws IOException {
        Path utf8 = dir.resolve("utf8.csv");
        Files.write(utf8, TEXT.getBytes(StandardCharsets.UTF_8));
        Path bom = dir.resolve("bom.csv");
        Files.write(bom, ("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_8));
        Path workbook = Workbooks.ordinary(dir.resolve("名单.xlsx"), List.of(List.of("主送单位"), List.of("市公安局")));

        for (Path list : List.of(utf8, bom, workbook)) {
            JobParameters none = parameters(list);

            for (String spelling : List.of("UTF-8", "utf8", "GB18030", "gbk", "")) {
                assertThat(identity(parameters(list, spelling))).as("%s with %s", list.getFileName(), spelling)
                        .isEqualTo(identity(none));
            }
            assertThat(none.getString(BulkIssueParameters.ENCODING)).isNull();
        }
    }

    @Test
    void refusesAnEncodingThatIsNotAcceptedBeforeAnyJobExists() throws IOException {
        Path list = dir.resolve("utf8.csv");
        Files.write(list, TEXT.getBytes(StandardCharsets.UTF_8));
        Path workbook = Workbooks.ordinary(dir.resolve("名单.xlsx"), List.of(List.of("主送单位"), List.of("市公安局")));

        for (Path file : List.of(list, workbook)) {
            for (String encoding : List.of("bogus", "Shift_JIS", "ISO-8859-1", "UTF-16", "名单", "Big5", "big5-hkscs")) {
                assertThatThrownBy(() -> parameters(file, encoding)).as(encoding).isInstanceOf(UnknownEncoding.class)
                        .hasMessageContaining("可用 UTF-8（默认）、GB18030（GBK、GB2312、CP936 均按 GB18030 解码）；")
                        .hasMessageNotContaining("Big5、");
            }
        }
    }

    @Test
    void refusesBig5AndEveryEncodingThatCannotWriteSimplifiedChineseSayingWhy() throws IOException {
        Path list = dir.resolve("big5.csv");
        Files.write(list, "主送機關,標題\n荊門市司法局,關於會議的通知\n".getBytes(Charset.forName("Big5")));

        for (String encoding : List.of("Big5", "big5", "Big5-HKSCS", "cp950", "Shift_JIS", "ISO-8859-1")) {
            assertThatThrownBy(() -> parameters(list, encoding)).as(encoding).isInstanceOf(UnknownEncoding.class)
                    .hasMessageContaining("写不出简体中文的表头和单位名称").hasMessageContaining("CSV UTF-8")
                    .hasMessageContaining("可用 UTF-8");
        }
    }

    @Test
    void everyAcceptedEncodingWritesEveryFieldLabelOfEveryType() {
        for (String encoding : List.of("UTF-8", "GB18030", "GBK", "GB2312", "CP936")) {
            Charset charset = ListEncoding.named(encoding);

            for (var type : CATALOG.types()) {
                for (var field : type.fields()) {
                    assertThat(charset.newEncoder().canEncode(field.label())).as("%s: %s", encoding, field.label()).isTrue();
                }
            }
            assertThat(charset.newEncoder().canEncode(ListEncoding.SIMPLIFIED)).as(encoding).isTrue();
        }
        assertThat(Charset.forName("Big5").newEncoder().canEncode("主送单位")).isFalse();
    }
}
