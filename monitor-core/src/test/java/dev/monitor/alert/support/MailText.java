package dev.monitor.alert.support;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * A received e-mail as text: its headers as sent, then its subject and every part decoded (quoted-printable, base64),
 * nested parts too.
 *
 * <p>The body is given decoded only, not also as sent: quoted-printable writes {@code =} as {@code =3D} and breaks lines
 * with {@code =\r\n}, so a random identifier in the body (a {@code redaction_id}) would stand right after the letter
 * {@code D} or be split in two, and a leak check could no longer tell it is an identifier and take its digits for part
 * of a planted card. Decoding loses nothing the encoded body holds.
 */
public final class MailText {

    private MailText() {
    }

    /** The headers of {@code message} followed by its decoded subject and parts. */
    public static String of(MimeMessage message) {
        try {
            StringBuilder text = new StringBuilder();
            Enumeration<String> headers = message.getAllHeaderLines();
            while (headers.hasMoreElements()) {
                text.append(headers.nextElement()).append("\r\n");
            }
            text.append("\n--- decoded ---\n").append(message.getSubject()).append('\n');
            appendContent(message, text);
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("could not read a received mail", e);
        }
    }

    private static void appendContent(Part part, StringBuilder text) throws IOException, MessagingException {
        Object content = part.getContent();
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                appendContent(parts.getBodyPart(i), text);
            }
        } else if (content instanceof InputStream in) {
            try (in) {
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        } else {
            text.append(content).append('\n');
        }
    }
}
