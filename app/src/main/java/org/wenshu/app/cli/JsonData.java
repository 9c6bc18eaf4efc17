package org.wenshu.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.wenshu.archive.JsonSyntax;
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
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ExitCodes.BadInput("数据文件不存在：" + file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ExitCodes.BadInput("数据文件 " + file + " 不是 UTF-8 编码");
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
