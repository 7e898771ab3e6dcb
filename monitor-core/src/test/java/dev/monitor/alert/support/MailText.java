package dev.monitor.alert.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A received e-mail as text: its raw source, then its subject and every part decoded (quoted-printable, base64). */
public final class MailText {

    private MailText() {
    }

    /** The source of {@code message} followed by its decoded subject and parts. */
    public static String of(MimeMessage message) {
        try {
            ByteArrayOutputStream source = new ByteArrayOutputStream();
            message.writeTo(source);
            StringBuilder text = new StringBuilder(source.toString(StandardCharsets.UTF_8)).append("\n--- decoded ---\n")
                    .append(message.getSubject()).append('\n');
            Object content = message.getContent();
            if (content instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    text.append(part.getContent()).append('\n');
                }
            } else {
                text.append(content).append('\n');
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("could not read a received mail", e);
        }
    }
}
