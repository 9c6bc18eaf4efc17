package org.wenshu.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What is wrong with a path a user named as a job's input, said exactly: it does not exist, it is a folder where a
 * file is wanted (or the other way round), or it cannot be read; an empty path (which Java reads as the current folder)
 * is refused as no path.
 */
public final class InputPaths {

    private InputPaths() {
    }

    /**
     * Why {@code path} cannot be read as a file, e.g. {@code 名单文件不存在：x.csv}; empty when it can.
     *
     * @param what the file's role in Chinese, e.g. {@code 名单文件}
     * @param shown the path as the user gave it
     */
    public static Optional<String> fileProblem(Path path, String what, String shown) {
        if (shown.isBlank() || path.toString().isBlank()) {
            return Optional.of("没有给出" + what + "：路径是空的"); // an empty path is the current folder
        }
        if (!Files.exists(path)) {
            return Optional.of(what + "不存在：" + shown);
        }
        if (Files.isDirectory(path)) {
            return Optional.of(what + "须为文件，" + shown + " 是文件夹");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of(what + "须为普通文件，" + shown + " 不是（设备、管道或套接字）");
        }
        if (!Files.isReadable(path)) {
            return Optional.of(what + " " + shown + " 无法读取：当前用户没有读取权限");
        }
        return Optional.empty();
    }

    /**
     * Why {@code path} cannot be read as a folder, e.g. {@code 文件夹不存在：/data/in}; empty when it can.
     *
     * @param shown the path as the user gave it
     */
    public static Optional<String> folderProblem(Path path, String shown) {
        if (shown.isBlank() || path.toString().isBlank()) {
            // Path.of("") is the current folder: importing it by accident stores whatever lies there.
            return Optional.of("没有给出文件夹：路径是空的");
        }
        if (!Files.exists(path)) {
            return Optional.of("文件夹不存在：" + shown);
        }
        if (!Files.isDirectory(path)) {
            return Optional.of(shown + " 是文件，不是文件夹：dir= 须指定一个文件夹");
        }
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            return Optional.of("文件夹 " + shown + " 无法读取：当前用户没有读取权限");
        }
        return Optional.empty();
    }
}
