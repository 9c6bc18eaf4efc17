package org.wenshu.archive.uploads;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an uploaded JPEG or PNG completely before it is accepted, in bounded memory: the pixel count is checked
 * from the header, pixels are decoded subsampled to at most {@value #MAX_DECODED_PIXELS} output pixels, any decoder
 * warning (a truncated or corrupt scan) refuses the file, and a JPEG must end with its EOI marker (ITU-T T.81).
 * PNG chunks (ISO/IEC 15948) are walked first: lengths, CRCs, IEND, and the inflated size of compressed metadata
 * (zTXt, compressed iTXt, iCCP) is bounded, as a few kilobytes of it can inflate to gigabytes.
 */
final class ImageInspection {

    /** Decoded output pixels (RGBA: 16 MiB); larger images are decoded subsampled. */
    static final long MAX_DECODED_PIXELS = 4_000_000L;
    /** Inflated bytes of all compressed PNG metadata together. */
    static final long MAX_METADATA_BYTES = 1L << 20;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageInspection() {
    }

    /** Refuses the image with the reason, or returns normally when it decodes cleanly within the limits. */
    static void check(String fileName, String mediaType, byte[] content, UploadLimits limits) {
        if (mediaType.equals(UploadInspector.PNG)) {
            checkPngChunks(fileName, content);
        } else {
            checkJpegEnd(fileName, content);
        }
        decode(fileName, content, limits);
    }

    private static void decode(String fileName, byte[] content, UploadLimits limits) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new FileRefused(fileName, "文件已损坏：无法读取图像");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                // Metadata is ignored: the PNG reader would otherwise inflate every text chunk into memory.
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener(new Warnings(warnings));
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > limits.maxPixels()) {
                    throw new FileRefused(fileName, "图像 " + width + "×" + height + " 像素，超过上限 " + limits.maxPixels() + " 像素");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) width * height / MAX_DECODED_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                reader.read(0, param); // decodes every scan line: a truncated or damaged image fails or warns here
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) {
                throw new FileRefused(fileName, "文件已损坏：图像数据不完整或有误（" + warnings.get(0) + "）");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof FileRefused refused) {
                throw refused;
            }
            throw new FileRefused(fileName, "文件已损坏：图像无法解码（" + e.getMessage() + "）");
        }
    }

    /** A JPEG ends with EOI (FF D9); zero bytes some writers pad after it are allowed. */
    private static void checkJpegEnd(String fileName, byte[] content) {
        int end = content.length;
        while (end > 0 && content[end - 1] == 0) {
            end--;
        }
        if (end < 4 || (content[end - 2] & 0xFF) != 0xFF || (content[end - 1] & 0xFF) != 0xD9) {
            throw new FileRefused(fileName, "文件已损坏：JPEG 图像不完整（缺少结束标记 EOI），可能在传输中被截断");
        }
    }

    private static void checkPngChunks(String fileName, byte[] content) {
        ByteBuffer png = ByteBuffer.wrap(content);
        for (byte expected : PNG_SIGNATURE) {
            if (!png.hasRemaining() || png.get() != expected) {
                throw new FileRefused(fileName, "文件已损坏：PNG 文件头无效");
            }
        }
        long metadata = 0;
        boolean first = true;
        while (true) {
            if (png.remaining() < 12) {
                throw new FileRefused(fileName, "文件已损坏：PNG 图像不完整（缺少结束块 IEND），可能在传输中被截断");
            }
            long length = Integer.toUnsignedLong(png.getInt());
            byte[] type = new byte[4];
            png.get(type);
            String name = new String(type, StandardCharsets.ISO_8859_1);
            if (length > png.remaining() - 4) {
                throw new FileRefused(fileName, "文件已损坏：PNG 数据块 " + printable(name) + " 不完整，可能在传输中被截断");
            }
            byte[] data = new byte[(int) length];
            png.get(data);
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data);
            if ((int) crc.getValue() != png.getInt()) {
                throw new FileRefused(fileName, "文件已损坏：PNG 数据块 " + printable(name) + " 的校验值（CRC）不符");
            }
            if (first && !name.equals("IHDR")) {
                throw new FileRefused(fileName, "文件已损坏：PNG 的第一个数据块不是 IHDR");
            }
            first = false;
            metadata += switch (name) {
                case "zTXt", "iCCP" -> inflatedAfterKeyword(fileName, name, data, 1, metadata);
                case "iTXt" -> iTxt(fileName, data, metadata);
                case "tEXt" -> data.length;
                default -> 0;
            };
            if (metadata > MAX_METADATA_BYTES) {
                throw metadataBomb(fileName, name);
            }
            if (name.equals("IEND")) {
                return;
            }
        }
    }

    /** Compressed iTXt: keyword NUL, flag 1, method, language NUL, translated keyword NUL, then zlib data. */
    private static long iTxt(String fileName, byte[] data, long sofar) {
        int keyword = indexOf(data, 0);
        if (keyword < 0 || keyword + 2 >= data.length || data[keyword + 1] == 0) {
            return data.length;
        }
        int language = indexOf(data, keyword + 3);
        int translated = language < 0 ? -1 : indexOf(data, language + 1);
        if (translated < 0) {
            throw new FileRefused(fileName, "文件已损坏：PNG 的 iTXt 数据块格式有误");
        }
        return inflate(fileName, "iTXt", data, translated + 1, sofar);
    }

    /** zTXt and iCCP: keyword NUL, method byte(s), then zlib data. */
    private static long inflatedAfterKeyword(String fileName, String chunk, byte[] data, int methodBytes, long sofar) {
        int keyword = indexOf(data, 0);
        if (keyword < 0) {
            throw new FileRefused(fileName, "文件已损坏：PNG 的 " + chunk + " 数据块格式有误");
        }
        return inflate(fileName, chunk, data, keyword + 1 + methodBytes, sofar);
    }

    private static long inflate(String fileName, String chunk, byte[] data, int offset, long sofar) {
        if (offset > data.length) {
            throw new FileRefused(fileName, "文件已损坏：PNG 的 " + chunk + " 数据块格式有误");
        }
        Inflater inflater = new Inflater();
        inflater.setInput(data, offset, data.length - offset);
        byte[] output = new byte[64 * 1024];
        long total = 0;
        try {
            while (!inflater.finished()) {
                int produced = inflater.inflate(output);
                total += produced;
                if (sofar + total > MAX_METADATA_BYTES) {
                    throw metadataBomb(fileName, chunk);
                }
                if (produced == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new FileRefused(fileName, "文件已损坏：PNG 的 " + chunk + " 压缩数据不完整");
                }
            }
            return total;
        } catch (DataFormatException e) {
            throw new FileRefused(fileName, "文件已损坏：PNG 的 " + chunk + " 压缩数据有误（" + e.getMessage() + "）");
        } finally {
            inflater.end();
        }
    }

    private static FileRefused metadataBomb(String fileName, String chunk) {
        return new FileRefused(fileName, "PNG 元数据（" + chunk + " 压缩文本块）解压后超过 " + (MAX_METADATA_BYTES >> 20)
                + " MiB：疑似压缩炸弹，拒收");
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String printable(String chunk) {
        return chunk.chars().allMatch(c -> c >= 'A' && c <= 'z') ? chunk : "?";
    }

    private record Warnings(List<String> messages) implements IIOReadWarningListener {
        @Override
        public void warningOccurred(ImageReader source, String warning) {
            messages.add(warning);
        }
    }
}
