package dev.monitor.alert.channel;

/**
 * Text helpers for providers' limits and escaping: {@link #truncate cut} to a limit, {@link #oneLine one line},
 * {@link #html HTML} and {@link #slackEscape Slack mrkdwn} escaping.
 *
 * <p>Cutting rule: only text that has already been scrubbed is cut to a provider's limit ({@link #truncate}). Every text
 * of an {@link dev.monitor.alert.AlertNotification} is (the dispatcher scrubs each one, key-aware, before it cuts it to
 * the alert's own limits), so a channel cuts a composition of scrubbed parts, which can shorten a marker
 * ({@code [payment_c…}) or a masked address ({@code j***@exam…}) but never reveal part of a value. Raw text, such as a
 * provider's error answer, is never cut by a channel: the dispatcher scrubs it first and cuts it after.
 */
public final class ChannelTexts {

    private ChannelTexts() {
    }

    /**
     * {@code text} cut to at most {@code max} characters, ending in {@code "…"} when cut; never splits a surrogate pair.
     * Only for scrubbed text (see the class comment).
     */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        if (max <= 1) {
            return max == 1 ? "…" : "";
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** Escapes the three characters Slack's mrkdwn treats as control characters. */
    public static String slackEscape(String text) {
        if (text.indexOf('&') < 0 && text.indexOf('<') < 0 && text.indexOf('>') < 0) {
            return text;
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String html(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }


    /** A one-line version of {@code text}: line breaks and tabs become spaces. */
    public static String oneLine(String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\t') < 0) {
            return text;
        }
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
