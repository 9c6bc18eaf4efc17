package org.wenshu.archive.uploads;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip of stored (uncompressed) entries byte by byte (APPNOTE 4.3), so tests can make what
 * {@link java.util.zip.ZipOutputStream} refuses: duplicate names and Unix symbolic-link entries.
 */
final class RawZip {

    private static final int SYMLINK_MODE = 0120777;

    private record Entry(String name, byte[] data, boolean symlink) {
    }

    private final List<Entry> entries = new ArrayList<>();

    RawZip add(String name, String content) {
        entries.add(new Entry(name, content.getBytes(StandardCharsets.UTF_8), false));
        return this;
    }

    /** A Unix symbolic link entry (made by Unix, mode 120777) pointing at {@code target}. */
    RawZip symlink(String name, String target) {
        entries.add(new Entry(name, target.getBytes(StandardCharsets.UTF_8), true));
        return this;
    }

    /** Adds the entries of {@code other} after these. */
    RawZip append(RawZip other) {
        entries.addAll(other.entries);
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Entry entry : entries) {
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(entry.data());
            int offset = out.size();
            ByteBuffer local = le(30 + name.length);
            local.putInt(0x04034b50).putShort((short) 10).putShort((short) 0x0800).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue())
                    .putInt(entry.data().length).putInt(entry.data().length).putShort((short) name.length)
                    .putShort((short) 0).put(name);
            out.writeBytes(local.array());
            out.writeBytes(entry.data());
            ByteBuffer header = le(46 + name.length);
            header.putInt(0x02014b50).putShort((short) (entry.symlink() ? 0x0314 : 0x0014)).putShort((short) 10)
                    .putShort((short) 0x0800).putShort((short) 0).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) crc.getValue()).putInt(entry.data().length).putInt(entry.data().length)
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(entry.symlink() ? SYMLINK_MODE << 16 : 0).putInt(offset).put(name);
            central.writeBytes(header.array());
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(central.size()).putInt(centralOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
