package org.wenshu.batch.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.wenshu.batch.FileContent;
import org.wenshu.batch.InputPaths;

/**
 * Reads a recipient list: RFC 4180 CSV in UTF-8 (a BOM and CRLF or LF line ends accepted) or the first sheet of an
 * XLSX workbook (streamed). A file in another encoding is refused unless its encoding is named (as {@link ListEncoding}
 * accepts), so that no text is ever decoded into mojibake.
 */
public final class RecipientLists {

    /** Commons CSV names the line of a parse failure as {@code (startline N)} or {@code line: N}. */
    private static final Pattern CSV_LINE = Pattern.compile("(?:startline |line: ?)(\\d+)");

    /** The most data rows a list may have; larger lists are refused while reading, in bounded memory. */
    private final int maxRows;
    private final long maxBytes;

    public RecipientLists(int maxRows, long maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    /**
     * Reads {@code file}, by its extension {@code .csv} or {@code .xlsx}.
     *
     * @param encoding the CSV file's encoding when not UTF-8 (e.g. {@code GB18030}, any spelling of the GBK family);
     *                 decoded strictly, and only when the file is not valid UTF-8 (see {@link ListEncoding}); an XLSX
     *                 ignores it
     * @throws ListRefused naming what is wrong with the file and how to fix it: {@link ListNotUtf8} for a CSV that
     *                     is not UTF-8 when no encoding is named, {@link UnknownEncoding} for a name Java does not know
     */
    public RecipientTable read(Path file, Optional<String> encoding) {
        InputPaths.fileProblem(file, "名单文件", file.toString()).ifPresent(problem -> {
            throw new ListRefused(problem);
        });
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (Files.size(file) > maxBytes) {
                throw new ListRefused("名单文件 " + file.getFileName() + " 有 " + Files.size(file) + " 字节，超过上限 " + maxBytes);
            }
            if (name.endsWith(".xlsx")) {
                return new XlsxList(maxRows).read(file);
            }
            // Only .csv: a .txt saved by Excel ("Unicode 文本") is UTF-16 and tab-separated, not a CSV.
            if (name.endsWith(".csv")) {
                byte[] bytes = Files.readAllBytes(file);
                refuseDocument(file, bytes);
                return csv(bytes, encoding, file.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        throw new ListRefused("名单文件须为 .csv（UTF-8）或 .xlsx：" + file.getFileName()
                + (name.endsWith(".xls") ? "；旧版 .xls 请在表格软件中另存为 .xlsx"
                        : name.endsWith(".txt") ? "；文本文件请在表格软件中另存为“CSV UTF-8（逗号分隔）”" : ""));
    }

    RecipientTable csv(byte[] bytes, Optional<String> encoding, String fileName) {
        String text = decode(bytes, encoding, fileName);
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
        List<String> headers = null;
        List<RecipientTable.Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                // Row numbers as a spreadsheet opening the file shows them: one per record, the header is row 1.
                int number = Math.toIntExact(record.getRecordNumber());
                if (headers == null) {
                    if (cells.stream().allMatch(String::isBlank)) {
                        continue;
                    }
                    headers = cells.stream().map(String::strip).toList();
                    continue;
                }
                RecipientTable.Row row = new RecipientTable.Row(number, cells);
                if (!row.blank()) {
                    if (rows.size() == maxRows) {
                        throw tooManyRows(maxRows);
                    }
                    rows.add(row);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new ListRefused("CSV 文件 " + fileName + " 格式错误（RFC 4180）：" + csvProblem(e), e);
        }
        if (headers == null) {
            throw new ListRefused("名单文件 " + fileName + " 是空的：第一行应为表头（字段名或中文名称）");
        }
        return new RecipientTable(headers, rows, true);
    }

    /** Commons CSV's English message said in Chinese, with the line it names. */
    private static String csvProblem(Exception e) {
        String message = String.valueOf(e.getMessage());
        Matcher line = CSV_LINE.matcher(message);
        String at = line.find() ? "第 " + line.group(1) + " 行" : "";
        if (message.toLowerCase(Locale.ROOT).contains("eof reached before encapsulated token finished")) {
            return at + "开始的引号（\"）没有闭合：单元格内的引号须写成两个 \"\"";
        }
        if (message.toLowerCase(Locale.ROOT).contains("between encapsulated token and delimiter")) {
            return at + "引号之后紧跟了其他字符：单元格内的引号须写成两个 \"\"，整个单元格用引号括起";
        }
        return at + "无法按 CSV 解析：请在表格软件中另存为“CSV UTF-8（逗号分隔）”";
    }

    /**
     * Refuses a {@code .csv} whose bytes are a document of another format (a workbook, a PDF, an archive renamed), naming
     * what it is: decoding it in any encoding would only report a wrong encoding or mojibake headers.
     */
    private static void refuseDocument(Path file, byte[] bytes) {
        String name = file.getFileName().toString();
        FileContent.document(file, bytes).ifPresent(document -> {
            throw new ListRefused("名单文件 " + name + " 实际是 " + document.label() + "，只是扩展名为 .csv：" + switch (document) {
                case XLSX -> "请把扩展名改为 .xlsx 后重新提交（工作簿按 .xlsx 读取，不需要选择编码）";
                case XLS -> "请在表格软件中打开并另存为 .xlsx 或“CSV UTF-8（逗号分隔）”后重新提交";
                case ENCRYPTED_OFFICE -> "请在 Excel 中取消密码后另存为 .xlsx 再提交";
                case OPEN_DOCUMENT -> "请在 WPS 或 LibreOffice 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”后重新提交";
                default -> "名单须为 .xlsx 工作簿或“CSV UTF-8（逗号分隔）”文本，请提交名单本身";
            });
        });
    }

    static ListRefused tooManyRows(int maxRows) {
        return new ListRefused("名单超过 " + maxRows + " 行（上限由配置 wenshu.batch.max-rows 决定）：请拆分为多个文件");
    }

    private static String decode(byte[] bytes, Optional<String> encoding, String fileName) {
        Charset named = encoding.filter(name -> !name.isBlank()).map(ListEncoding::forReading)
                .orElse(StandardCharsets.UTF_8);
        if (!ListEncoding.readsUtf8First(named)) {
            // Only an execution started before encodings were checked names another charset: restart it reading the
            // list exactly as it was read then, so that every row keeps its content and so its idempotency key.
            return strict(bytes, named).orElseThrow(() -> new ListRefused(
                    "名单文件 " + fileName + " 不是有效的 " + named.name() + " 文本"));
        }
        // Before any decoding: UTF-16 without a BOM decodes "strictly" as GB18030 (and its ASCII-only text as UTF-8),
        // which would advise naming the wrong encoding or read mojibake.
        FileContent.utf16(bytes).ifPresent(utf16 -> {
            throw new ListRefused("名单文件 " + fileName + " 是 " + utf16 + " 编码（Excel 的“Unicode 文本”或记事本的“UTF-16”）："
                    + "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx，或用记事本“另存为”并把编码选为 UTF-8");
        });
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        byte[] body = start == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        // Valid UTF-8 is read as UTF-8 whatever encoding is named (ListEncoding.effective leaves it out of the job's
        // identity alike): a GBK text is practically never valid UTF-8, and a wrong name cannot turn a list to mojibake.
        Optional<String> utf8 = strict(body, StandardCharsets.UTF_8);
        if (utf8.isPresent()) {
            return utf8.get();
        }
        if (!named.equals(StandardCharsets.UTF_8)) {
            return strict(bytes, named).orElseThrow(() -> new ListRefused(
                    "名单文件 " + fileName + " 不是有效的 " + named.name() + " 文本：请检查所选编码，或另存为“CSV UTF-8（逗号分隔）”或 .xlsx"));
        }
        // Excel's plain "CSV" on Chinese Windows writes GBK. Guessing could print mojibake on every instrument:
        // refuse, and say how to convert or how to name the encoding.
        boolean gbk = strict(body, Charset.forName("GB18030")).isPresent();
        throw new ListNotUtf8("名单文件 " + fileName + " 不是 UTF-8 编码" + (gbk ? "，看起来是 GBK/GB18030（Excel 的“CSV（逗号分隔）”格式）" : "")
                + "：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx", gbk);
    }

    private static Optional<String> strict(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static InputStream open(Path file) throws IOException {
        return Files.newInputStream(file);
    }
}
