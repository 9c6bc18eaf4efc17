package org.wenshu.batch.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientListsTests {

    private final RecipientLists lists = new RecipientLists(10_000, 50L * 1024 * 1024);

    @TempDir
    Path dir;

    @Test
    void readsRfc4180CsvWithBomCrlfAndQuotedCellsNumberingRowsAsASpreadsheetDoes() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "主送单位,标题\r\n市公安局,\"关于召开会议的通知，请回复\"\r\n\r\n市司法局,\"第一段\r\n第二段 \"\"引号\"\"\"\r\n";
        Path file = dir.resolve("名单.csv");
        Files.write(file, concat(bom, text.getBytes(StandardCharsets.UTF_8)));

        RecipientTable table = lists.read(file, Optional.empty());

        assertThat(table.headers()).containsExactly("主送单位", "标题");
        assertThat(table.rows()).extracting(RecipientTable.Row::number).containsExactly(2, 4);
        assertThat(table.rows().get(0).cells()).containsExactly("市公安局", "关于召开会议的通知，请回复");
        assertThat(table.rows().get(1).cells()).containsExactly("市司法局", "第一段\r\n第二段 \"引号\"");
    }

    @Test
    void refusesGbkCsvNamingTheEncodingAndDecodesItExactlyWhenAsked() throws IOException {
        String text = "主送单位,标题\n市公安局,关于召开“府检联动”联席会议的通知\n";
        Path file = dir.resolve("gbk.csv");
        Files.write(file, text.getBytes(Charset.forName("GBK")));

        assertThatThrownBy(() -> lists.read(file, Optional.empty())).isInstanceOf(ListRefused.class)
                .hasMessageContaining("不是 UTF-8").hasMessageContaining("GBK").hasMessageContaining("encoding=GB18030");
        RecipientTable decoded = lists.read(file, Optional.of("GB18030"));

        assertThat(decoded.rows().get(0).cells()).containsExactly("市公安局", "关于召开“府检联动”联席会议的通知");
    }

    @Test
    void readsAValidUtf8ListAsUtf8WhateverEncodingIsNamed() throws IOException {
        String text = "主送单位,标题\n市公安局,关于召开“府检联动”联席会议的通知\n";
        Path plain = dir.resolve("utf8.csv");
        Files.write(plain, text.getBytes(StandardCharsets.UTF_8));
        Path bom = dir.resolve("bom.csv");
        Files.write(bom, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)));

        for (Path file : List.of(plain, bom)) {
            for (String encoding : List.of("GB18030", "gbk", "UTF-8", "utf8", "Big5")) {
                RecipientTable table = lists.read(file, Optional.of(encoding));

                assertThat(table.headers()).as("%s as %s", file.getFileName(), encoding).containsExactly("主送单位", "标题");
                assertThat(table.rows().get(0).cells()).as("%s as %s", file.getFileName(), encoding)
                        .containsExactly("市公安局", "关于召开“府检联动”联席会议的通知");
            }
        }
    }

    @Test
    void decodesEverySpellingOfTheGbkFamilyAsGb18030() throws IOException {
        // 䶮 (U+4DAE, in personal names) is in GB18030 but not in GBK or GB2312.
        String text = "主送单位,标题,联系人\n市公安局,关于召开“府检联动”联席会议的通知,刘䶮\n";
        Path file = dir.resolve("gb18030.csv");
        Files.write(file, text.getBytes(Charset.forName("GB18030")));

        for (String encoding : List.of("GB18030", "gb18030", "GBK", "gbk", "GB2312", "CP936", "cp936", "windows-936",
                "MS936", "EUC-CN", " GBK ")) {
            RecipientTable table = lists.read(file, Optional.of(encoding));

            assertThat(table.rows().get(0).cells()).as(encoding)
                    .containsExactly("市公安局", "关于召开“府检联动”联席会议的通知", "刘䶮");
        }
    }

    @Test
    void refusesAGbkListNamingHowToNameItsEncodingOnTheCommandLineOnly() throws IOException {
        Path file = dir.resolve("gbk.csv");
        Files.write(file, "主送单位,标题\n市公安局,关于编码的通知\n".getBytes(Charset.forName("GBK")));

        assertThatThrownBy(() -> lists.read(file, Optional.empty())).isInstanceOfSatisfying(ListNotUtf8.class, refused -> {
            assertThat(refused.looksGb18030()).isTrue();
            assertThat(refused.getMessage()).contains("encoding=GB18030");
            assertThat(refused.reason()).contains("不是 UTF-8", "GBK", "CSV UTF-8").doesNotContain("encoding", "命令");
        });
    }

    @Test
    void refusesAnEncodingJavaDoesNotKnowListingTheAcceptedOnes() throws IOException {
        Path file = dir.resolve("gbk.csv");
        Files.write(file, "主送单位,标题\n市公安局,关于编码的通知\n".getBytes(Charset.forName("GBK")));

        assertThatThrownBy(() -> lists.read(file, Optional.of("bogus"))).isInstanceOf(UnknownEncoding.class)
                .hasMessageContaining("encoding=bogus").hasMessageContaining("UTF-8").hasMessageContaining("GB18030")
                .hasMessageNotContaining("Big5");
    }

    @Test
    void readsAListAsAnExecutionStartedBeforeEncodingsWereCheckedNamedIt() throws IOException {
        // Such an execution restarts with its stored encoding: each row must decode as it did, to keep its key.
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "主送单位,标题\nCafé,Zoë\n".getBytes(StandardCharsets.UTF_8));

        RecipientTable table = lists.read(file, Optional.of("ISO-8859-1"));

        assertThat(table.rows().get(0).cells()).containsExactly("CafÃ©", "ZoÃ«");
    }

    @Test
    void refusesUtf16AndUnknownFileTypes() throws IOException {
        Path utf16 = dir.resolve("utf16.csv");
        Files.write(utf16, "主送单位\n市公安局\n".getBytes(StandardCharsets.UTF_16));
        Path xls = dir.resolve("old.xls");
        Files.write(xls, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> lists.read(utf16, Optional.empty())).hasMessageContaining("UTF-16");
        assertThatThrownBy(() -> lists.read(xls, Optional.empty())).hasMessageContaining(".xlsx");
    }

    @Test
    void readsTheFirstSheetOfAnXlsxWithDatesAsIsoDates() throws IOException {
        Path file = Workbooks.ordinary(dir.resolve("名单.xlsx"), List.of(
                List.of("主送单位", "会议日期", "标题"),
                Arrays.asList("市公安局", LocalDate.of(2024, 3, 20), null),
                List.of(),
                List.of("市司法局", LocalDate.of(2024, 3, 21), "第二份")));

        RecipientTable table = lists.read(file, Optional.empty());

        assertThat(table.headers()).containsExactly("主送单位", "会议日期", "标题");
        assertThat(table.rows()).extracting(RecipientTable.Row::number).containsExactly(2, 4);
        assertThat(table.rows().get(0).cells()).containsExactly("市公安局", "2024-03-20");
        assertThat(table.rows().get(1).cells()).containsExactly("市司法局", "2024-03-21", "第二份");
    }

    /** Formula and error cells in every form a workbook may hold them, then a typed row; as written by Excel. */
    static Path formulasAndErrors(Path file) throws IOException {
        return Workbooks.sheet(file, "<row r=\"1\">" + Workbooks.text("A1", "主送单位") + Workbooks.text("B1", "标题") + "</row>"
                // no cached value: read as an empty cell, the base data's title would stand in
                + "<row r=\"2\">" + Workbooks.text("A2", "市公安局") + "<c r=\"B2\"><f>A1&amp;\"x\"</f></c></row>"
                + "<row r=\"3\">" + Workbooks.text("A3", "市司法局")
                + "<c r=\"B3\" t=\"str\"><f>A1&amp;\"x\"</f><v>关于召开会议的通知</v></c></row>"
                + "<row r=\"4\">" + Workbooks.text("A4", "市教育局") + "<c r=\"B4\" t=\"e\"><v>#REF!</v></c></row>"
                + "<row r=\"5\">" + Workbooks.text("A5", "市民政局") + "<c r=\"B5\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>"
                + "<row r=\"6\"><c r=\"A6\"><f>1+1</f><v>2</v></c>" + Workbooks.text("B6", "关于召开会议的通知")
                + "<c r=\"C6\"><f>NOW()</f></c></row>"
                + "<row r=\"7\"><c r=\"C7\"><f t=\"shared\" ref=\"C6:C7\" si=\"0\"/></c></row>"
                + "<row r=\"8\">" + Workbooks.text("A8", "市卫健委") + Workbooks.text("B8", "关于召开会议的通知") + "</row>");
    }

    @Test
    void marksEveryFormulaAndErrorCellOfAnXlsxWhateverItsCachedValue() throws IOException {
        Path file = formulasAndErrors(dir.resolve("公式.xlsx"));

        RecipientTable table = lists.read(file, Optional.empty());

        String formula = "单元格是公式，请改为文字或数字";
        assertThat(table.rows()).extracting(RecipientTable.Row::number, RecipientTable.Row::refusedCells).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, Map.of(1, formula)),
                org.assertj.core.groups.Tuple.tuple(3, Map.of(1, formula)),
                org.assertj.core.groups.Tuple.tuple(4, Map.of(1, "单元格是错误值 #REF!，请改为文字或数字")),
                org.assertj.core.groups.Tuple.tuple(5, Map.of(1, formula)),
                org.assertj.core.groups.Tuple.tuple(6, Map.of(0, formula, 2, formula)),
                org.assertj.core.groups.Tuple.tuple(7, Map.of(2, formula)),
                org.assertj.core.groups.Tuple.tuple(8, Map.of()));
    }

    @Test
    void refusesAFormulaInTheHeaderOfAnXlsx() throws IOException {
        Path file = Workbooks.sheet(dir.resolve("表头公式.xlsx"), "<row r=\"1\">" + Workbooks.text("A1", "主送单位")
                + "<c r=\"B1\" t=\"str\"><f>\"标\"&amp;\"题\"</f><v>标题</v></c></row>"
                + "<row r=\"2\">" + Workbooks.text("A2", "市公安局") + Workbooks.text("B2", "关于召开会议的通知") + "</row>");

        assertThatThrownBy(() -> lists.read(file, Optional.empty())).isInstanceOf(ListRefused.class)
                .hasMessage("表头第 2 列（B1）：单元格是公式，请改为文字或数字（表头须写字段名或中文名称）");
    }

    @Test
    void refusesAPasswordProtectedWorkbook() throws Exception {
        Path plain = Workbooks.ordinary(dir.resolve("plain.xlsx"), List.of(List.of("主送单位"), List.of("市公安局")));
        Path file = Workbooks.encrypted(plain, dir.resolve("加密.xlsx"));

        assertThatThrownBy(() -> lists.read(file, Optional.empty())).isInstanceOf(ListRefused.class)
                .hasMessageContaining("受密码保护");
    }

    @Test
    void refusesAZipBombBeforeInflatingIt() throws IOException {
        Path file = Workbooks.zipBomb(dir.resolve("bomb.xlsx"), 200);
        assertThat(Files.size(file)).isLessThan(2L * 1024 * 1024);

        assertThatThrownBy(() -> lists.read(file, Optional.empty())).isInstanceOf(ListRefused.class)
                .hasMessageContaining("zip 炸弹");
    }

    @Test
    void refusesAMillionRowSheetInASmallHeapWithinSeconds() throws Exception {
        Path file = Workbooks.manyRows(dir.resolve("million.xlsx"), 1_000_000);

        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-Dfile.encoding=UTF-8", "-cp", testClassPath(), ListProbe.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        boolean ended = probe.waitFor(60, TimeUnit.SECONDS);
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("refused in time").isTrue();
        assertThat(output).as("in a 48 MB heap").startsWith("REFUSED").contains("超过 10000 行");
    }

    @Test
    void refusesAnEmptyListAndAListLargerThanAllowed() throws IOException {
        Path empty = dir.resolve("empty.csv");
        Files.write(empty, new byte[0]);
        Path large = dir.resolve("large.csv");
        Files.writeString(large, "主送单位\n" + "市公安局\n".repeat(11), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> lists.read(empty, Optional.empty())).hasMessageContaining("空的");
        assertThatThrownBy(() -> new RecipientLists(10, 1024).read(large, Optional.empty()))
                .hasMessageContaining("超过 10 行");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
