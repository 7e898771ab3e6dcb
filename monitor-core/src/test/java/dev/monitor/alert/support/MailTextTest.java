package dev.monitor.alert.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.pii.testing.LeakIndex;
import dev.monitor.pii.testing.Plant;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A mail's text for leak checks: a random identifier in a quoted-printable body is not taken for a planted card (the
 * flake seen once in SensitiveKeyRedactionTest: {@code redaction_id=3D153222faedfaa685} beside card 5153222208391700),
 * while a planted value in the body or a header is still found.
 */
class MailTextTest {

    private static final Plant CARD = new Plant("payment_card", "5153222208391700", List.of("5153222208391700"));

    @Test
    void aRandomIdInAQuotedPrintableBodyIsAnIdNotPartOfAPlantedCard() throws Exception {
        String line = "labels: password=[secret], redaction_id=153222faedfaa685, refresh_token=[secret], service=svc430";
        MimeMessage mail = received(line + " " + "x".repeat(60) + " " + line, "Subject: [FIRING:1] Login");
        LeakIndex leaks = new LeakIndex().add(CARD, "case 1");
        ByteArrayOutputStream source = new ByteArrayOutputStream();
        mail.writeTo(source);
        assertThat(leaks.find(source.toString(java.nio.charset.StandardCharsets.UTF_8)))
                .as("precondition: the mail as sent puts the id after =3D, where it reads as a leak")
                .isNotEmpty();

        leaks.assertNoneIn("a mail", MailText.of(mail));
    }

    @Test
    void aPlantedValueInTheBodyOrAHeaderIsStillFound() throws Exception {
        LeakIndex leaks = new LeakIndex().add(CARD, "case 1");
        MimeMessage inBody = received("charged card 5153222208391700 = declined " + "y".repeat(80), "Subject: [FIRING:1] Card");
        MimeMessage inHeader = received("nothing here", "Subject: [FIRING:1] card 5153222208391700");

        assertThatThrownBy(() -> leaks.assertNoneIn("a mail", MailText.of(inBody))).hasMessageContaining("case 1");
        assertThatThrownBy(() -> leaks.assertNoneIn("a mail", MailText.of(inHeader))).hasMessageContaining("case 1");
    }

    /** A multipart/alternative mail as the e-mail channel sends it, written with quoted-printable and read back. */
    private static MimeMessage received(String body, String subjectHeader) throws Exception {
        Session session = Session.getInstance(new Properties());
        MimeMessage mail = new MimeMessage(session);
        mail.setSubject(subjectHeader.substring("Subject: ".length()), "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        for (String type : new String[] {"text/plain; charset=UTF-8", "text/html; charset=UTF-8"}) {
            MimeBodyPart part = new MimeBodyPart();
            part.setContent(type.startsWith("text/html") ? "<code>" + body + "</code>" : body, type);
            part.setHeader("Content-Transfer-Encoding", "quoted-printable");
            alternative.addBodyPart(part);
        }
        mail.setContent(alternative);
        mail.saveChanges();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        mail.writeTo(sent);
        return new MimeMessage(session, new ByteArrayInputStream(sent.toByteArray()));
    }
}
