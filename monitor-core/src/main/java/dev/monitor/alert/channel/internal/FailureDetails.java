package dev.monitor.alert.channel.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.channel.ChannelTexts;
import java.util.List;

/**
 * The text of a failed delivery, as the HTTP and SMTP senders report it: one line, without the channel's secrets, and
 * bounded for memory but not cut (the dispatcher scrubs a detail before it cuts it for its log, so a value in an error
 * body is never cut in half unrecognised).
 */
public final class FailureDetails {

    private FailureDetails() {
    }

    /** {@code text} as one line, each of {@code secrets} replaced by {@code [secret]}, bounded by {@link #bound}. */
    public static String of(String text, List<String> secrets) {
        return bound(ChannelTexts.oneLine(redact(text, secrets)));
    }

    /**
     * Raw text (a provider's answer) bounded for memory: itself up to {@link Alert#MAX_TEXT_INPUT_LENGTH} characters, else
     * its first {@link Alert#MAX_TEXT_INPUT_LENGTH}; the dispatcher never lets the end of such a text leave (see
     * {@link dev.monitor.alert.Alert}).
     */
    public static String bound(String text) {
        if (text.length() <= Alert.MAX_TEXT_INPUT_LENGTH) {
            return text;
        }
        int end = Alert.MAX_TEXT_INPUT_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Replaces every occurrence of each non-trivial secret in {@code text} with {@code [secret]}. */
    public static String redact(String text, List<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            if (secret.length() >= 6 && result.contains(secret)) {
                result = result.replace(secret, "[secret]");
            }
        }
        return result;
    }
}
