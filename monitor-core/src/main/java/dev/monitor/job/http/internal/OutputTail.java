package dev.monitor.job.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The end of a script's output, as posted to {@code /fail}: the stream is read up to a bound, only its last bytes are
 * kept (a ring buffer), and a line cut at the front is dropped, as is everything up to the end of a PEM block whose
 * beginning was cut off (the scrubber recognizes a private key by its {@code BEGIN} line). The caller scrubs the text,
 * and only then keeps its {@link #lastLines last lines} and {@link #lastWithin cuts} it further, so that no other cut
 * can separate a secret from what makes it recognizable.
 */
public final class OutputTail {

    private OutputTail() {
    }

    /** The text that replaces the start of a PEM block cut off at the front. */
    static final String CUT_PEM = "[cut: part of a PEM block]";

    /**
     * Reads {@code in} until its end or {@code maxReadBytes}, keeping the last {@code keepBytes} as text. A stream
     * that goes on past {@code maxReadBytes} is left unread from there and a last line says so.
     */
    public static String read(InputStream in, int keepBytes, long maxReadBytes) throws IOException {
        byte[] ring = new byte[keepBytes];
        byte[] chunk = new byte[Math.min(8192, keepBytes)];
        long total = 0;
        int position = 0;
        boolean more = false;
        while (true) {
            long allowed = maxReadBytes - total;
            if (allowed <= 0) {
                more = in.read() >= 0;
                break;
            }
            int read = in.read(chunk, 0, (int) Math.min(chunk.length, allowed));
            if (read < 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                ring[position] = chunk[i];
                position = position + 1 == keepBytes ? 0 : position + 1;
            }
            total += read;
        }
        byte[] kept;
        boolean cutAtFront = total > keepBytes;
        if (cutAtFront) {
            kept = new byte[keepBytes];
            System.arraycopy(ring, position, kept, 0, keepBytes - position);
            System.arraycopy(ring, 0, kept, keepBytes - position, position);
        } else {
            kept = new byte[(int) total];
            System.arraycopy(ring, 0, kept, 0, (int) total);
        }
        String text = decode(kept, cutAtFront);
        if (cutAtFront) {
            int newline = text.indexOf('\n');
            if (newline >= 0) {
                text = text.substring(newline + 1); // the first line is only the end of one
            }
            text = withoutOrphanPemEnd(text);
        }
        return more ? text + "\n(output longer than " + maxReadBytes + " bytes: the rest was not read)" : text;
    }

    /** {@code text} without everything up to an {@code -----END} line that comes before any {@code -----BEGIN}. */
    static String withoutOrphanPemEnd(String text) {
        int end = text.indexOf("-----END ");
        if (end < 0) {
            return text;
        }
        int begin = text.indexOf("-----BEGIN ");
        if (begin >= 0 && begin < end) {
            return text;
        }
        int lineEnd = text.indexOf('\n', end);
        return CUT_PEM + (lineEnd < 0 ? "" : text.substring(lineEnd));
    }

    private static String decode(byte[] bytes, boolean cutAtFront) {
        int start = 0;
        while (cutAtFront && start < bytes.length && start < 3 && (bytes[start] & 0xC0) == 0x80) {
            start++; // the rest of a character whose first byte was cut off
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8); // not reached with REPLACE
        }
    }

    /** The last {@code maxLines} lines of {@code text}, without {@code '\r'} ends and trailing empty lines. */
    public static String lastLines(String text, int maxLines) {
        Deque<String> lines = new ArrayDeque<>();
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        while (end > 0 && lines.size() < maxLines) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(start, end);
            lines.addFirst(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            end = start - 1;
        }
        return String.join("\n", lines);
    }

    /**
     * The last whole lines of an already scrubbed {@code text} that fit {@code maxLength} characters, after a
     * {@code "…\n"} when lines were left out; when even the last line does not fit, its end after {@code "…"}. A
     * surrogate pair is never split.
     */
    public static String lastWithin(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int kept = -1;
        int search = text.length();
        while (true) {
            int newline = text.lastIndexOf('\n', search - 1);
            if (newline < 0 || text.length() - (newline + 1) + 2 > maxLength) {
                break;
            }
            kept = newline + 1;
            search = newline;
        }
        if (kept >= 0 && kept < text.length()) {
            return "…\n" + text.substring(kept);
        }
        int start = text.length() - (maxLength - 1);
        if (Character.isLowSurrogate(text.charAt(start))) {
            start++;
        }
        return "…" + text.substring(start);
    }
}
