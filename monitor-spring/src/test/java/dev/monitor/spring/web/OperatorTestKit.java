package dev.monitor.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryResult;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the operator endpoint tests share: a channel that records, a clock the test moves, dispatcher rounds. */
final class OperatorTestKit {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(60); // a hang guard only

    private OperatorTestKit() {
    }

    /** Returns once the dispatcher thread has run a full round at the clock's time and every delivery is done. */
    static void round(AlertDispatcher dispatcher) {
        Alert probe = Alert.builder("SyncProbe").build();
        dispatcher.preview(probe);
        dispatcher.preview(probe);
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    }

    static void advance(AlertDispatcher dispatcher, MovableClock clock, Duration duration) {
        round(dispatcher);
        clock.advance(duration);
        round(dispatcher);
    }

    static void assertStandardError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("request_id").asString()).isNotBlank();
        assertThat(Instant.parse(error.get("timestamp").asString())).isNotNull();
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue(error.get("request_id").asString());
    }

    static JsonNode step(JsonNode incident, String type) {
        for (JsonNode step : incident.get("timeline")) {
            if (step.get("type").asString().equals(type)) {
                return step;
            }
        }
        throw new AssertionError("no " + type + " step in " + incident.get("timeline"));
    }

    /** A channel that records what it is sent. */
    static final class RecordingChannel implements AlertChannel {
        final List<AlertNotification> delivered = new CopyOnWriteArrayList<>();
        private final String name;
        private final Map<String, AlertNotification> rendered = new ConcurrentHashMap<>();

        RecordingChannel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ChannelPayload render(AlertNotification notification) {
            rendered.put(notification.id(), notification);
            return new ChannelPayload("application/json", "{}", Map.of("id", notification.id()));
        }

        @Override
        public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
            delivered.add(rendered.remove(payload.field("id")));
            return DeliveryResult.delivered();
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
