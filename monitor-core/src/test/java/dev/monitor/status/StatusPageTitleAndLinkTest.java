package dev.monitor.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Found by the leak suite: a title refused for its length was repeated raw in the exception, and the link to the JSON
 * form was written into the page unscrubbed.
 */
class StatusPageTitleAndLinkTest {

    @Test
    void aTitleRefusedForItsLengthIsNotRepeatedRaw() {
        String title = "Orders of maria.garcia@example.com paid with 4111 1111 1111 1111 " + "x".repeat(200);
        assertThatThrownBy(() -> StatusPage.builder(title)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("maria.garcia").hasMessageNotContaining("4111 1111")
                .hasMessageContaining("title must be 1-200 characters").hasMessageContaining("was 'Orders of m***@example.com");
    }

    @Test
    void aCredentialInTheLinkToTheJsonFormNeverReachesThePage() {
        StatusPage page = StatusPage.builder("Orders").jsonLink("https://ops:s3cretPassw0rd@status.internal/summary.json")
                .build();
        String html = page.html(page.snapshot());
        assertThat(html).doesNotContain("s3cretPassw0rd").contains("status.internal/summary.json");
        assertThatThrownBy(() -> StatusPage.builder("Orders").jsonLink("javascript:alert('4111 1111 1111 1111')"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("4111 1111");
    }
}
