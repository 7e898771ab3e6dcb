package dev.monitor.alert.internal;

import dev.monitor.alert.JournalOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small durable key-value store kept as an append-only file: every {@link #put} and
 * {@link #remove} appends a record, {@link #open} replays the file, and the file is rewritten with
 * only the live entries when it has grown to several times their size. The dispatcher keeps its
 * outbox, active alerts and silences in one; other features (escalation state) can keep theirs the
 * same way.
 *
 * <p>Each record is {@code [length][CRC-32C][op, key, value]}, so a process killed in the middle of
 * a write leaves at most one torn record at the end, which the next {@code open} detects by its
 * length or checksum and cuts off ({@link #discardedBytes()} says how much). Compaction writes a new
 * file, forces it to disk and atomically renames it over the old one, so a crash during compaction
 * leaves the old file intact. A lock file keeps a second store (in this or another process) from
 * opening the same file.
 *
 * <p>Bounded: a put that would exceed {@link JournalOptions#maxEntries()} entries or {@link
 * JournalOptions#maxBytes()} bytes of live data is refused ({@code false}), never an unbounded file.
 * Records reach the operating system at once (they survive the process being killed); they reach the
 * disk at {@link #sync()}, or at every write with {@link JournalOptions#syncEachWrite()}. Thread-safe.
 */
public final class FileJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileJournal.class);

    private static final byte[] MAGIC = {'M', 'O', 'N', 'J', 'R', 'N', 'L', '1'};
    private static final byte PUT = 1;
    private static final byte REMOVE = 2;
    private static final int HEADER = 8; // length + crc
    private static final int MAX_RECORD = 16 * 1024 * 1024;

    private final Path file;
    private final JournalOptions options;
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel channel;
    private long fileBytes;
    private long liveBytes;
    private long discardedBytes;
    private boolean dirty;
    private boolean closed;

    private FileJournal(Path file, JournalOptions options) throws IOException {
        this.file = file;
        this.options = options;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(compactionFile()); // a compaction that did not finish; the journal itself is intact
        this.lockChannel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            lockChannel.close();
            throw new IllegalStateException("journal " + file + " is already open in this or another process; "
                    + "give each dispatcher its own directory");
        }
        this.lock = acquired;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            replay();
        } catch (IOException | RuntimeException e) {
            releaseLock();
            throw e;
        }
    }

    /** Opens (creating if needed) the journal at {@code file} with the default options and replays it. */
    public static FileJournal open(Path file) {
        return open(file, JournalOptions.defaults());
    }

    /**
     * Opens (creating if needed) the journal at {@code file} and replays it.
     *
     * @throws IllegalStateException if the file is not a journal, or another store holds it
     * @throws UncheckedIOException if the file cannot be read or created
     */
    public static FileJournal open(Path file, JournalOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        try {
            return new FileJournal(file, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores {@code value} under {@code key}, replacing any previous value.
     *
     * @return false, storing nothing, if the journal would exceed its bounds
     * @throws UncheckedIOException if the write fails
     */
    public synchronized boolean put(String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        checkOpen();
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] previous = entries.get(key);
        long newLive = liveBytes - (previous == null ? 0 : entrySize(key, previous)) + entrySize(key, value);
        if ((previous == null && entries.size() >= options.maxEntries()) || newLive > options.maxBytes()
                || keyBytes.length + value.length + 5 > MAX_RECORD) {
            return false;
        }
        append(PUT, keyBytes, value);
        entries.put(key, value.clone());
        liveBytes = newLive;
        maybeCompact();
        return true;
    }

    /**
     * Removes {@code key}.
     *
     * @return whether the key was present
     * @throws UncheckedIOException if the write fails
     */
    public synchronized boolean remove(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        byte[] previous = entries.get(key);
        if (previous == null) {
            return false;
        }
        append(REMOVE, key.getBytes(StandardCharsets.UTF_8), new byte[0]);
        entries.remove(key);
        liveBytes -= entrySize(key, previous);
        maybeCompact();
        return true;
    }

    /** The value stored under {@code key} (a copy), or {@code null}. */
    public synchronized byte @Nullable [] get(String key) {
        byte[] value = entries.get(key);
        return value == null ? null : value.clone();
    }

    /** Every entry whose key starts with {@code prefix}, in the order first stored (copies). */
    public synchronized Map<String, byte[]> entries(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                result.put(entry.getKey(), entry.getValue().clone());
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** The number of live entries. */
    public synchronized int size() {
        return entries.size();
    }

    /** The number of live entries whose key starts with {@code prefix}. */
    public synchronized int size(String prefix) {
        int count = 0;
        for (String key : entries.keySet()) {
            if (key.startsWith(prefix)) {
                count++;
            }
        }
        return count;
    }

    /** The bytes of live data (keys and values), as counted against {@link JournalOptions#maxBytes()}. */
    public synchronized long liveBytes() {
        return liveBytes;
    }

    /** The current size of the file. */
    public synchronized long fileBytes() {
        return fileBytes;
    }

    /** Bytes of a torn or corrupt tail that {@link #open} cut off; 0 after a clean shutdown. */
    public synchronized long discardedBytes() {
        return discardedBytes;
    }

    /** Whether records were written since the last {@link #sync()}. */
    public synchronized boolean isDirty() {
        return dirty;
    }

    /** The journal's file. */
    public Path file() {
        return file;
    }

    /**
     * Forces written records to the disk if any were written since the last sync.
     *
     * @throws UncheckedIOException if forcing fails
     */
    public synchronized void sync() {
        if (closed || !dirty) {
            return;
        }
        try {
            channel.force(false);
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites the file with only the live entries.
     *
     * @throws UncheckedIOException if the rewrite fails; the old file is then still intact
     */
    public synchronized void compact() {
        checkOpen();
        Path tmp = compactionFile();
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                writeFully(out, ByteBuffer.wrap(MAGIC));
                long size = MAGIC.length;
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    ByteBuffer record = record(PUT, entry.getKey().getBytes(StandardCharsets.UTF_8), entry.getValue());
                    size += record.remaining();
                    writeFully(out, record);
                }
                out.force(true);
                fileBytes = size;
            }
            channel.close();
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.position(channel.size());
            fileBytes = channel.size();
            dirty = false;
        } catch (IOException e) {
            try {
                if (!channel.isOpen()) {
                    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    channel.position(channel.size());
                    fileBytes = channel.size();
                }
            } catch (IOException reopen) {
                e.addSuppressed(reopen);
            }
            throw new UncheckedIOException("cannot compact journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Syncs and closes the file and releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            sync();
        } catch (UncheckedIOException e) {
            log.warn("journal {}: final sync failed: {}", file, e.getMessage());
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("journal {}: close failed: {}", file, e.getMessage());
        }
        releaseLock();
    }

    private void releaseLock() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        }
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    private void replay() throws IOException {
        long size = channel.size();
        if (size == 0) {
            writeFully(channel, ByteBuffer.wrap(MAGIC));
            channel.force(true);
            fileBytes = MAGIC.length;
            return;
        }
        ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
        readFully(channel, magic, 0);
        if (magic.hasRemaining() || !java.util.Arrays.equals(magic.array(), MAGIC)) {
            throw new IllegalStateException(file + " is not a monitor journal (unknown header); move it away or choose "
                    + "another directory");
        }
        long position = MAGIC.length;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        CRC32C crc = new CRC32C();
        while (position < size) {
            header.clear();
            readFully(channel, header, position);
            if (header.hasRemaining()) {
                break; // torn header
            }
            header.flip();
            int length = header.getInt();
            int checksum = header.getInt();
            if (length < 5 || length > MAX_RECORD || position + HEADER + length > size) {
                break; // torn or corrupt length
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(channel, payload, position + HEADER);
            crc.reset();
            crc.update(payload.array(), 0, length);
            if ((int) crc.getValue() != checksum) {
                break; // torn or corrupt payload
            }
            if (!apply(payload.array())) {
                break;
            }
            position += HEADER + length;
        }
        if (position < size) {
            discardedBytes = size - position;
            log.warn("journal {}: cut off {} bytes of a torn or corrupt record at offset {} (the process probably stopped "
                    + "in the middle of a write)", file, discardedBytes, position);
            channel.truncate(position);
            channel.force(true);
        }
        channel.position(position);
        fileBytes = position;
    }

    private boolean apply(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        byte op = buffer.get();
        int keyLength = buffer.getInt();
        if (keyLength < 0 || keyLength > buffer.remaining()) {
            return false;
        }
        String key = new String(payload, 5, keyLength, StandardCharsets.UTF_8);
        byte[] value = java.util.Arrays.copyOfRange(payload, 5 + keyLength, payload.length);
        if (op == PUT) {
            byte[] previous = entries.put(key, value);
            liveBytes += entrySize(key, value) - (previous == null ? 0 : entrySize(key, previous));
            return true;
        }
        if (op == REMOVE) {
            byte[] previous = entries.remove(key);
            if (previous != null) {
                liveBytes -= entrySize(key, previous);
            }
            return true;
        }
        return false;
    }

    private void append(byte op, byte[] key, byte[] value) {
        ByteBuffer record = record(op, key, value);
        int length = record.remaining();
        try {
            writeFully(channel, record);
            fileBytes += length;
            dirty = true;
            if (options.syncEachWrite()) {
                channel.force(false);
                dirty = false;
            }
        } catch (IOException e) {
            // a partial record may be on disk now: cut it off so later records stay readable
            try {
                channel.truncate(fileBytes);
                channel.position(fileBytes);
            } catch (IOException truncate) {
                e.addSuppressed(truncate);
            }
            throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer record(byte op, byte[] key, byte[] value) {
        int length = 1 + 4 + key.length + value.length;
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + length);
        buffer.position(HEADER);
        buffer.put(op).putInt(key.length).put(key).put(value);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), HEADER, length);
        buffer.putInt(0, length);
        buffer.putInt(4, (int) crc.getValue());
        buffer.position(0);
        return buffer;
    }

    private void maybeCompact() {
        long live = liveBytes + (long) entries.size() * (HEADER + 5) + MAGIC.length;
        if (fileBytes > options.compactionMinBytes() && fileBytes > live * 3) {
            compact();
        }
    }

    private static long entrySize(String key, byte[] value) {
        return (long) key.length() + value.length;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("journal " + file + " is closed");
        }
    }

    private Path compactionFile() {
        return file.resolveSibling(file.getFileName() + ".compacting");
    }

    private Path lockFile() {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    private void syncDirectory() {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) {
            return;
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can sync a directory; the rename is still atomic
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                return;
            }
            at += read;
        }
    }
}
