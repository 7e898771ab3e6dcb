package dev.monitor.alert.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schedules and responders read from flat settings (a properties file, Spring properties), with clear errors. */
class OnCallConfigurationTest {

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("monitor.oncall.primary.zone", "Europe/Berlin");
        settings.put("monitor.oncall.primary.rotation", "weekly monday 09:00");
        settings.put("monitor.oncall.primary.start", "2026-03-16");
        settings.put("monitor.oncall.primary.responders", "alice, bob ,carol");
        settings.put("monitor.oncall.primary.override.easter", "dave 2026-04-03T18:00 2026-04-07T09:00");
        settings.put("monitor.oncall.secondary.zone", "UTC");
        settings.put("monitor.oncall.secondary.rotation", "every 2 days 08:00");
        settings.put("monitor.oncall.secondary.start", "2026-03-01");
        settings.put("monitor.oncall.secondary.responders", "erin,frank");
        settings.put("monitor.oncall.secondary.override.a", "gina 2026-03-05T00:00Z 2026-03-05T12:00Z");
        settings.put("other.setting", "ignored");
        return settings;
    }

    @Test
    void schedulesAreReadFromSettingsUnderAPrefix() {
        List<OnCallSchedule> schedules = OnCallSchedule.fromProperties(settings(), "monitor.oncall.");
        assertThat(schedules).extracting(OnCallSchedule::name).containsExactly("primary", "secondary");
        OnCallSchedule primary = schedules.get(0);
        assertThat(primary.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(primary.responders()).containsExactly("alice", "bob", "carol");
        assertThat(primary.onCallAt(Instant.parse("2026-03-30T07:00:00Z"))).contains("carol");
        // the override's local times are Berlin times: 18:00 CEST = 16:00 UTC
        assertThat(primary.onCallAt(Instant.parse("2026-04-03T15:59:59Z"))).contains("carol");
        assertThat(primary.onCallAt(Instant.parse("2026-04-03T16:00:00Z"))).contains("dave");
        OnCallSchedule secondary = schedules.get(1);
        assertThat(secondary.onCallAt(Instant.parse("2026-03-03T08:00:00Z"))).contains("frank");
        assertThat(secondary.onCallAt(Instant.parse("2026-03-05T06:00:00Z"))).contains("gina");
    }

    @Test
    void everyInvalidSettingIsNamedWithItsValue() {
        assertError("monitor.oncall.primary.zone", "Mars/Olympus",
                "on-call setting 'monitor.oncall.primary.zone' must be a zone id such as Europe/Berlin or UTC, was 'Mars/Olympus'");
        assertError("monitor.oncall.primary.rotation", "fortnightly",
                "on-call setting 'monitor.oncall.primary.rotation' must be 'daily HH:mm', 'weekly <day> HH:mm', "
                        + "'every N days HH:mm' or 'every N weeks <day> HH:mm', was 'fortnightly'");
        assertError("monitor.oncall.primary.rotation", "weekly moonday 09:00", "was 'weekly moonday 09:00'");
        assertError("monitor.oncall.primary.rotation", "daily 25:00", "was 'daily 25:00'");
        assertError("monitor.oncall.primary.start", "16.03.2026",
                "on-call setting 'monitor.oncall.primary.start' must be a date such as 2026-01-05, was '16.03.2026'");
        assertError("monitor.oncall.primary.override.easter", "dave 2026-04-03T18:00",
                "on-call setting 'monitor.oncall.primary.override.easter' must be '<responder> <from> <to>'");
        assertError("monitor.oncall.primary.override.easter", "dave 2026-04-07T09:00 2026-04-03T18:00", "must end after it starts");
        assertError("monitor.oncall.primary.override.easter", "dave tomorrow 2026-04-03T18:00", "was 'tomorrow'");
        assertError("monitor.oncall.primary.responders", " , ",
                "on-call setting 'monitor.oncall.primary.responders' is invalid: responders must name 1 to 1000 responders, was 0");
        assertError("monitor.oncall.primary.responders", "", "on-call setting 'monitor.oncall.primary.responders' is missing");
        assertError("monitor.oncall.primary.shift", "1", "unknown on-call setting 'monitor.oncall.primary.shift'");
        Map<String, String> missing = settings();
        missing.remove("monitor.oncall.secondary.start");
        assertThatThrownBy(() -> OnCallSchedule.fromProperties(missing, "monitor.oncall."))
                .hasMessage("on-call setting 'monitor.oncall.secondary.start' is missing; set it to the date of the first "
                        + "hand-off, e.g. 2026-01-05");
        assertThatThrownBy(() -> OnCallSchedule.fromProperties(Map.of("monitor.oncall.zone", "UTC"), "monitor.oncall."))
                .hasMessageContaining("must be monitor.oncall.<schedule>.<setting>");
    }

    private static void assertError(String key, String value, String message) {
        Map<String, String> settings = settings();
        settings.put(key, value);
        assertThatThrownBy(() -> OnCallSchedule.fromProperties(settings, "monitor.oncall."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void respondersAreReadFromSettingsAndNeverShowTheirAddresses() {
        List<OnCallResponder> responders = OnCallResponder.fromProperties(Map.of(
                "responder.alice.sms", "+4915112345678", "responder.alice.email", "alice@example.com",
                "responder.bob.sms", "+4915187654321"), "responder.");
        assertThat(responders).extracting(OnCallResponder::id).containsExactly("alice", "bob");
        assertThat(responders.get(0).contact("sms")).isEqualTo("+4915112345678");
        assertThat(responders.get(0).toString()).doesNotContain("4915112345678").doesNotContain("alice@example.com")
                .contains("sms", "email");
        assertThatThrownBy(() -> OnCallResponder.fromProperties(Map.of("responder.alice", "+4915112345678"), "responder."))
                .hasMessageContaining("must be responder.<responder>.<channel>").hasMessageNotContaining("4915112345678");
    }
}
