package dev.monitor.job.backup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A {@code <backup>.sha256} file in the format of {@code sha256sum}: a line {@code <64 hex digits>  <file name>}
 * ({@code " *"} before the name in binary mode; the name may be left out, or carry a directory, of which only the last
 * segment counts). Not API.
 */
public final class ChecksumFile {

    /** The most of a checksum file read: one line is about 100 characters. */
    private static final int MAX_BYTES = 4096;

    private ChecksumFile() {
    }

    /** The checksum file of {@code backup}: its name plus {@code .sha256}, in the same directory. */
    public static Path of(Path backup, String name) {
        return backup.resolveSibling(name + ".sha256");
    }

    /**
     * Reads the expected SHA-256 of the file named {@code name} from {@code checksumFile}.
     *
     * @return the lowercase hex digest
     * @throws IllegalArgumentException with a reason fit to report (no path) when the file is not in the format or names
     *     another file
     * @throws IOException if it cannot be read
     */
    public static String expected(Path checksumFile, String name) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(checksumFile)) {
            bytes = in.readNBytes(MAX_BYTES);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String line = firstLine(text);
        if (line == null || line.length() < 64 || !isHex(line, 64) || (line.length() > 64 && line.charAt(64) != ' ')) {
            throw new IllegalArgumentException("the checksum file is not in sha256sum format ('<64 hex digits>  <file name>')");
        }
        String rest = line.substring(64).strip();
        if (rest.startsWith("*")) {
            rest = rest.substring(1);
        }
        if (!rest.isEmpty()) {
            int slash = Math.max(rest.lastIndexOf('/'), rest.lastIndexOf('\\'));
            String named = rest.substring(slash + 1);
            if (!named.equals(name)) {
                throw new IllegalArgumentException("the checksum file names another file, not the backup it sits beside");
            }
        }
        return line.substring(0, 64).toLowerCase(Locale.ROOT);
    }

    private static @Nullable String firstLine(String text) {
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return null;
    }

    private static boolean isHex(String text, int length) {
        for (int i = 0; i < length; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
