package dev.monitor.job.backup.internal;

import dev.monitor.config.internal.Failures;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a backup file once, to the end: a gzip file through {@link GZIPInputStream} (every member's CRC-32 and length
 * checked), a zip file through {@link ZipFile} (its central directory) and {@link ZipInputStream} (every entry read to
 * its end, CRC-32 and sizes checked), a plain file not at all, unless its SHA-256 is wanted, which is computed in the
 * same pass over the raw bytes. Failure texts never hold the file's path. Not API.
 */
public final class ArchiveReader {

    private static final int BUFFER = 64 * 1024;

    private ArchiveReader() {
    }

    /** How a backup file is read, from its name. */
    public enum Format {
        /** {@code .gz}, {@code .tgz}, {@code .gzip}. */
        GZIP,
        /** {@code .zip}. */
        ZIP,
        /** Anything else: not decompressed. */
        PLAIN;

        /** The format of the file named {@code name}, by its extension, ignoring case. */
        public static Format of(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".gz") || lower.endsWith(".tgz") || lower.endsWith(".gzip")) {
                return GZIP;
            }
            if (lower.endsWith(".zip")) {
                return ZIP;
            }
            return PLAIN;
        }
    }

    /**
     * What reading found.
     *
     * @param format how the file was read
     * @param failure why the archive is unreadable (raw, to be scrubbed), or {@code null} when it read to the end (or is plain)
     * @param uncompressedBytes the bytes it decompressed to (for a plain file, 0)
     * @param entries the zip entries read (for gzip, the members are not counted: 0)
     * @param sha256 the lowercase hex SHA-256 of the whole file when asked for, else {@code null}
     */
    public record Reading(Format format, @Nullable String failure, long uncompressedBytes, int entries,
            @Nullable String sha256) {
    }

    /**
     * Reads {@code file} (named {@code name}) to the end.
     *
     * @param digest whether to compute the file's SHA-256 in the same pass
     * @throws IOException if the file cannot be opened or read at all (not for a corrupt archive, which is a
     *     {@link Reading#failure()}); its message may hold the path: describe it with {@link #describe}
     */
    public static Reading read(Path file, String name, boolean digest) throws IOException {
        Format format = Format.of(name);
        MessageDigest sha256 = digest ? sha256() : null;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            InputStream in = sha256 == null ? raw : new DigestInputStream(raw, sha256);
            String failure = null;
            long uncompressed = 0;
            int entries = 0;
            try {
                switch (format) {
                    case GZIP -> uncompressed = drain(new GZIPInputStream(new Unclosed(in), BUFFER));
                    case ZIP -> {
                        entries = zipDirectory(file, name);
                        long[] totals = zipEntries(in);
                        uncompressed = totals[0];
                        if (totals[1] != entries) {
                            failure = "zip file lists " + entries + " entries in its directory but holds " + totals[1];
                        }
                    }
                    case PLAIN -> {
                    }
                }
            } catch (InterruptedIOException e) {
                throw e;
            } catch (EOFException e) {
                failure = format == Format.GZIP ? "gzip data ends early (truncated file?)" : "zip data ends early (truncated file?)";
            } catch (IOException e) {
                if (e instanceof FileSystemException fileSystem) {
                    throw fileSystem;
                }
                failure = describe(e, file, name);
            }
            if (sha256 != null) {
                drain(in); // the rest of the raw bytes (trailing data, or all of them after a failure) for the checksum
                return new Reading(format, failure, uncompressed, entries, HexFormat.of().formatHex(sha256.digest()));
            }
            return new Reading(format, failure, uncompressed, entries, null);
        }
    }

    /** Opens the zip's central directory (a truncated zip has none) and counts its entries. */
    private static int zipDirectory(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.size();
        } catch (IOException e) {
            throw new IOException(describe(e, file, name), e);
        }
    }

    /** Reads every entry to its end ({@link ZipInputStream} checks each one's CRC-32 and sizes); {bytes, entries}. */
    private static long[] zipEntries(InputStream in) throws IOException {
        ZipInputStream zip = new ZipInputStream(new Unclosed(in));
        long bytes = 0;
        long entries = 0;
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            bytes += drain(zip);
            entries++;
        }
        return new long[] {bytes, entries};
    }

    /** Reads {@code in} to its end and returns how many bytes it gave; stops when the thread is interrupted. */
    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while reading the backup");
            }
        }
        return total;
    }

    /**
     * The exception's type and message without the file's path: a file-system failure as its reason only, any other
     * message with the path replaced by the file name. Raw: the caller scrubs and shortens it.
     */
    public static String describe(IOException error, Path file, String name) {
        if (error instanceof FileSystemException fileSystem) {
            return Failures.describeWithoutPath(fileSystem);
        }
        String message = error.getMessage();
        String type = error.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        String absolute = file.toAbsolutePath().toString();
        message = message.replace(absolute, name).replace(file.toString(), name);
        return error.getClass() == IOException.class ? message.strip() : type + ": " + message.strip();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Keeps a decompressor from closing the raw stream, which is still read for the checksum. */
    private static final class Unclosed extends FilterInputStream {
        Unclosed(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes the raw stream
        }
    }
}
