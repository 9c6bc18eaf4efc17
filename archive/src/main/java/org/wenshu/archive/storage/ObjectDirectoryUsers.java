package org.wenshu.archive.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Which processes serve an object directory: each embedded S3 endpoint holds a shared lock on the file
 * {@code <directory>.lock} while it serves, so one that obtains the exclusive lock at start knows it is alone and may
 * remove abandoned uploads. Operating-system file locks belong to the whole JVM (a second lock of the same file in
 * one JVM throws {@code OverlappingFileLockException}), which is why the endpoints of one JVM share one lock, counted
 * here: the only JVM-wide state of the archive.
 */
final class ObjectDirectoryUsers {

    private static final Map<Path, Holder> HELD = new HashMap<>();

    private ObjectDirectoryUsers() {
    }

    private static final class Holder {
        private final FileChannel channel;
        private FileLock lock;
        private int users;

        Holder(FileChannel channel) {
            this.channel = channel;
        }
    }

    /** One endpoint's use of a directory, released by {@link #close()}. */
    static final class Use implements AutoCloseable {
        private final Path key;
        private final boolean alone;
        private boolean closed;

        private Use(Path key, boolean alone) {
            this.key = key;
            this.alone = alone;
        }

        /** True when no other endpoint, in this JVM or another process, served the directory at start. */
        boolean alone() {
            return alone;
        }

        @Override
        public void close() {
            synchronized (HELD) {
                if (closed) {
                    return;
                }
                closed = true;
                Holder holder = HELD.get(key);
                if (holder != null && --holder.users == 0) {
                    HELD.remove(key);
                    try {
                        holder.channel.close(); // releases the lock
                    } catch (IOException e) {
                        // the process ending releases it as well
                    }
                }
            }
        }
    }

    /**
     * Registers an endpoint serving {@code directory}; {@code whileAlone} runs first if no other endpoint serves it
     * (under the exclusive lock, so no other process can start serving meanwhile).
     */
    static Use enter(Path directory, Runnable whileAlone) {
        Path key = directory.toAbsolutePath().normalize();
        synchronized (HELD) {
            Holder holder = HELD.get(key);
            if (holder != null) {
                holder.users++;
                return new Use(key, false);
            }
            Path lockFile = key.resolveSibling(key.getFileName() + ".lock");
            try {
                FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                holder = new Holder(channel);
                boolean alone = false;
                FileLock exclusive = channel.tryLock(0, Long.MAX_VALUE, false);
                if (exclusive != null) {
                    alone = true;
                    try {
                        whileAlone.run();
                    } finally {
                        exclusive.release();
                    }
                }
                // Blocks only while another process runs its own start-up sweep under the exclusive lock.
                holder.lock = channel.lock(0, Long.MAX_VALUE, true);
                holder.users = 1;
                HELD.put(key, holder);
                return new Use(key, alone);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + lockFile, e);
            }
        }
    }
}
