package org.wenshu.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.wenshu.archive.JsonSyntax;
import org.wenshu.batch.FileContent;
import org.wenshu.batch.InputPaths;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads an instrument's field values from a JSON file, turning every problem into a message with a position. */
final class JsonData {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // A key given twice is almost always a copy-paste mistake; silently keeping the last would hide it.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonData() {
    }

    static Map<String, Object> read(Path file) {
        InputPaths.fileProblem(file, "数据文件", file.toString()).ifPresent(problem -> {
            throw new ExitCodes.BadInput(problem);
        });
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            // JSON is UTF-8 (RFC 8259): say what the file is instead of a syntax error at some column or a bare "not UTF-8".
            FileContent.document(file, bytes).ifPresent(document -> {
                throw new ExitCodes.BadInput("数据文件 " + file + " 实际是 " + document.label()
                        + "，不是 JSON：数据文件须为 UTF-8 编码的 JSON 文本（字段名: 值，如 examples/meeting-notice.json）");
            });
            FileContent.notUtf8(file, bytes).ifPresent(reason -> {
                throw new ExitCodes.BadInput("数据文件 " + file + " " + reason + "：数据文件须为 UTF-8 编码的 JSON，"
                        + "请用文本编辑器打开后另存为 UTF-8 再试");
            });
            text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ExitCodes.BadInput("数据文件不存在：" + file);
        } catch (IOException e) {
            // A missing path or a folder was told apart above (InputPaths): what is left is the disk or permissions.
            throw new ExitCodes.BadInput("数据文件无法读取：" + file + "（没有读取权限或磁盘错误）");
        }
        if (text.startsWith("\uFEFF")) {
            // Windows editors save UTF-8 with a byte-order mark, which JSON does not allow but means nothing here.
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new ExitCodes.BadInput("数据文件 " + file + " 是空的；应为 JSON 对象，如 {\"title\": \"…\"}");
        }
        try {
            Object value = MAPPER.readValue(text, Object.class);
            if (!(value instanceof Map<?, ?>)) {
                throw new ExitCodes.BadInput("数据文件 " + file + " 的顶层应为 JSON 对象 {…}，字段名为键");
            }
            return MAPPER.convertValue(value, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            throw new ExitCodes.BadInput("数据文件 " + file + " 不是有效的 JSON：" + JsonSyntax.describe(e));
        }
    }
}
