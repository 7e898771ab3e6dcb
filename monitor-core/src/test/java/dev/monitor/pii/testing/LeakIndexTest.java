package dev.monitor.pii.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The leak assertion finds what leaked, escaped or not, names the case, and ignores what is not a leak. */
class LeakIndexTest {

    private static final Plant CARD = new Plant("payment_card", "4111 1111 1111 1111",
            List.of("4111111111111111", "4111 1111 1111 1111"));
    private static final Plant EMAIL = new Plant("email", "john.doe@example.com", List.of("ohn.doe"));
    private static final Plant SECRET = new Plant("secret_pair", "password=hunter2xyz", List.of("hunter2xyz"));

    private static LeakIndex index() {
        return new LeakIndex().add(CARD, "case 1").add(EMAIL, "case 2").add(SECRET, "case 3");
    }

    @Test
    void aSecretIsFoundWholeOrByARunOfSixOfItsCharactersAndNamesItsCase() {
        assertThat(index().find("charged 4111111111111111 today")).singleElement()
                .satisfies(leak -> assertThat(leak.where()).isEqualTo("case 1"));
        assertThat(index().find("cut at 4111 1111 1…")).singleElement()
                .satisfies(leak -> assertThat(leak.run()).isEqualTo("4111 1"));
        assertThat(index().find("password=hunte…")).isEmpty(); // five characters are not a leak
        assertThat(index().find("password=[secret] for j***@example.com, card [payment_card]")).isEmpty();
    }

    @Test
    void escapedSecretsCountAsTheSecret() {
        assertThat(index().find("{\"note\":\"hunter2\\u0078yz\"}")).extracting(LeakIndex.Leak::where).containsExactly("case 3");
        assertThat(index().find("<td>hunter2&#120;yz</td>")).extracting(LeakIndex.Leak::where).containsExactly("case 3");
        assertThat(index().find("Body=card+4111+1111+1111+1111")).extracting(LeakIndex.Leak::where).containsExactly("case 1");
        assertThat(index().find("to=john.doe%40example.com")).extracting(LeakIndex.Leak::where).containsExactly("case 2");
    }

    @Test
    void runsInRandomIdsAndTimesAreNotLeaksButAWholeSecretThereIs() {
        // a fingerprint, a UUID and epoch milliseconds holding six digits of the card by chance
        assertThat(index().find("fingerprint=9c41111111a0e3f2 id=3f2a4111-1111-4c1d-8e0f-0123456789ab at 1411111111111"))
                .isEmpty();
        assertThat(index().find("event a4111111111111111 and 4111111111111111")).hasSize(1);
        Plant iban = new Plant("iban", "ES51 8744 2026 0284", List.of("ES51 8744 2026 0284"));
        assertThat(new LeakIndex().add(iban, "case 4").find("Date: Sun, 6 Dec 2026 22:59:06 +0000 (UTC)")).isEmpty();
        assertThat(new LeakIndex().add(iban, "case 4").find("Received: Sun Dec 06 22:59:06 UTC 2026")).isEmpty();
        assertThat(new LeakIndex().add(iban, "case 4").find("took PT0.000275925S")).isEmpty();
        // found by a loaded build: a mail's Message-ID and MIME boundary end in the epoch milliseconds
        Plant frIban = new Plant("iban", "FR62555L7007247775176661005", List.of("FR62555L7007247775176661005"));
        assertThat(new LeakIndex().add(frIban, "case 5").find("Message-ID: <1031373736.2.1796610059779@localhost>\r\n"
                + "Content-Type: multipart/alternative; boundary=\"----=_Part_1_1766100552.1796610059779\"")).isEmpty();
        assertThat(new LeakIndex().add(frIban, "case 5").find("Message-ID: <FR62555L7007247775176661005@localhost>"))
                .hasSize(1);
    }

    @Test
    void theDocumentedEmailMaskIsNotALeakEvenWhenCut() {
        assertThat(index().find("reset sent to j***@example.com")).isEmpty();
        assertThat(index().find("reset sent to j***@exam…")).isEmpty();
    }

    @Test
    void everyGeneratedSampleIsFoundInItsOwnText() {
        long seed = 20261206L;
        PiiSamples samples = new PiiSamples(new Random(seed));
        int cases = 0;
        for (int round = 0; round < 50; round++) {
            for (Plant plant : samples.oneOfEach()) {
                String text = PiiSamples.placed(plant, round);
                assertThat(new LeakIndex().add(plant, "round " + round).find(text))
                        .as("seed %s round %s: %s", seed, round, plant).isNotEmpty();
                cases++;
            }
        }
        System.out.println("LeakIndexTest: " + cases + " cases, seed " + seed);
    }
}
