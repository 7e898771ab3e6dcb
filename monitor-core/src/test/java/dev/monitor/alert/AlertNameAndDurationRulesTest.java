package dev.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.alert.channel.SlackChannel;
import dev.monitor.alert.escalation.EscalationLevel;
import dev.monitor.alert.escalation.EscalationPolicy;
import dev.monitor.alert.escalation.EscalationTarget;
import dev.monitor.alert.escalation.OnCallOverride;
import dev.monitor.alert.escalation.OnCallResponder;
import dev.monitor.alert.escalation.OnCallSchedule;
import dev.monitor.alert.support.RecordingChannel;
import dev.monitor.health.HealthRegistry;
import dev.monitor.rule.AlertRule;
import dev.monitor.rule.HealthAlertRule;
import dev.monitor.rule.SecurityEventAlerts;
import dev.monitor.rule.StandardRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue "Never lies, never leaks": every name (alert, channel, route, maintenance window, escalation policy, schedule,
 * responder) follows the name rule, every label key (labels, annotations, {@code groupBy}, matchers, inhibit
 * {@code equal}) the label-key rule, and every {@link Duration} option has its bound; anything else is refused at
 * build with a message naming the setting, the value and the rule or bound.
 */
class AlertNameAndDurationRulesTest {

    private static final int CASES = 400;
    private static final String NAME_RULE = "must be 1-64 characters of ASCII letters, digits, '.', '_' and '-'";
    private static final String KEY_RULE = "must be 1-64 characters of ASCII letters, digits and '_'";

    /** A setting that takes a name or key, with the start of the message that refuses a bad one. */
    private record Setting(String message, Consumer<String> apply) {
    }

    private static Map<String, Setting> nameSettings() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        settings.put("alert name", new Setting("alert name " + NAME_RULE, name -> Alert.builder(name)));
        settings.put("channel name (built-in channel)", new Setting("channel name " + NAME_RULE,
                name -> LogChannel.builder().name(name)));
        settings.put("channel name (added)", new Setting("channel name " + NAME_RULE,
                name -> AlertDispatcher.builder().channel(new RecordingChannel(name))));
        settings.put("route name", new Setting("route name " + NAME_RULE, name -> AlertRoute.builder().name(name)));
        settings.put("route channels", new Setting("channel name " + NAME_RULE, name -> AlertRoute.builder().channels(name)));
        settings.put("fallbackChannel", new Setting("fallbackChannel " + NAME_RULE,
                name -> DeliveryPolicy.builder().fallbackChannel(name)));
        settings.put("maintenance window name", new Setting("maintenance window name " + NAME_RULE,
                name -> MaintenanceWindow.builder(name)));
        settings.put("policy name", new Setting("policy name " + NAME_RULE, name -> EscalationPolicy.builder(name)));
        settings.put("schedule name", new Setting("schedule name " + NAME_RULE, name -> OnCallSchedule.builder(name)));
        settings.put("responder id", new Setting("responder id " + NAME_RULE, name -> OnCallResponder.builder(name)));
        settings.put("escalation channel", new Setting("channel name " + NAME_RULE, name -> EscalationTarget.channel(name)));
        settings.put("responder contact channel", new Setting("channel name " + NAME_RULE,
                name -> OnCallResponder.builder("alice").contact(name, "+4915112345678")));
        return settings;
    }

    private static Map<String, Setting> keySettings() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        settings.put("label", new Setting("label name " + KEY_RULE, key -> Alert.builder("A").label(key, "v")));
        settings.put("annotation", new Setting("annotation name " + KEY_RULE, key -> Alert.builder("A").annotation(key, "v")));
        settings.put("groupBy", new Setting("groupBy label " + KEY_RULE, key -> AlertRoute.builder().groupBy(key)));
        settings.put("matcher", new Setting("matcher label " + KEY_RULE, key -> AlertMatcher.equal(key, "v")));
        settings.put("matcher of", new Setting("matcher label " + KEY_RULE, key -> AlertMatcher.of(key, "=~", "v.*")));
        settings.put("inhibit equal", new Setting("inhibit equal label " + KEY_RULE, key -> InhibitRule.builder().equal(key)));
        return settings;
    }

    @Test
    void everyNameAndLabelKeyOutsideTheRulesIsRefusedAtBuildNamingTheSetting() {
        long seed = System.nanoTime();
        System.out.println("AlertNameAndDurationRulesTest names: " + CASES + " cases, seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        List<Map.Entry<String, Setting>> names = new ArrayList<>(nameSettings().entrySet());
        List<Map.Entry<String, Setting>> keys = new ArrayList<>(keySettings().entrySet());
        for (int c = 0; c < CASES; c++) {
            Map.Entry<String, Setting> name = names.get(random.nextInt(names.size()));
            String badName = badName(random);
            Throwable refused = catchThrowable(() -> name.getValue().apply().accept(badName));
            assertThat(refused).as("seed %d, case %d: %s '%s'", seed, c, name.getKey(), badName)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(name.getValue().message());
            String goodName = goodName(random);
            assertThatCode(() -> name.getValue().apply().accept(goodName)).as("seed %d, case %d: %s '%s'", seed, c,
                    name.getKey(), goodName).doesNotThrowAnyException();

            Map.Entry<String, Setting> key = keys.get(random.nextInt(keys.size()));
            String badKey = badKey(random);
            Throwable refusedKey = catchThrowable(() -> key.getValue().apply().accept(badKey));
            assertThat(refusedKey).as("seed %d, case %d: %s '%s'", seed, c, key.getKey(), badKey)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(key.getValue().message());
            String goodKey = goodKey(random);
            assertThatCode(() -> key.getValue().apply().accept(goodKey)).as("seed %d, case %d: %s '%s'", seed, c,
                    key.getKey(), goodKey).doesNotThrowAnyException();
        }
    }

    @Test
    void theNamesThatRulesAndHealthAlertsGiveTheirAlertsFollowTheRule() {
        for (AlertRule rule : StandardRules.metricRules()) {
            assertThat(dev.monitor.config.Names.isValidName(rule.name())).as(rule.name()).isTrue();
        }
        assertThat(dev.monitor.config.Names.isValidName(HealthAlertRule.DEFAULT_NAME)).isTrue();
        assertThat(dev.monitor.config.Names.isValidName(SecurityEventAlerts.DEFAULT_NAME)).isTrue();
        assertThatCode(() -> HealthAlertRule.builder(HealthRegistry.builder().build()).build()).doesNotThrowAnyException();
    }

    /**
     * A duration option with its bounds; {@code span} when it is the span between two instants (tested above its bound
     * only: its value is not a Duration the caller gave, and below its bound it is "end after start").
     */
    private record Option(String name, Duration min, Duration max, Consumer<Duration> apply, boolean span) {
        Option(String name, Duration min, Duration max, Consumer<Duration> apply) {
            this(name, min, max, apply, false);
        }
    }

    private static final Duration NANO = Duration.ofNanos(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration YEAR = Duration.ofDays(366);

    private static List<Option> durationOptions() {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        return List.of(
                new Option("groupWait", Duration.ZERO, YEAR, d -> AlertRoute.builder().groupWait(d)),
                new Option("groupInterval", NANO, YEAR, d -> AlertRoute.builder().groupInterval(d)),
                new Option("repeatInterval", NANO, YEAR, d -> AlertRoute.builder().repeatInterval(d)),
                new Option("rateLimit period", NANO, YEAR, d -> DeliveryPolicy.builder().rateLimit(5, d)),
                new Option("attemptTimeout", NANO, HOUR, d -> DeliveryPolicy.builder().attemptTimeout(d)),
                new Option("backoff initial", NANO, YEAR, d -> DeliveryPolicy.builder().backoff(d, 2, YEAR)),
                new Option("backoff max", NANO, YEAR, d -> DeliveryPolicy.builder().backoff(NANO, 2, d)),
                new Option("maxRetryAfter", NANO, YEAR, d -> DeliveryPolicy.builder().maxRetryAfter(d)),
                new Option("circuitBreaker openDuration", NANO, YEAR, d -> DeliveryPolicy.builder().circuitBreaker(50, 5, 10, d)),
                new Option("maxAge", NANO, YEAR, d -> DeliveryPolicy.builder().maxAge(d)),
                new Option("closeTimeout", Duration.ZERO, HOUR, d -> AlertDispatcher.builder().closeTimeout(d)),
                new Option("silence duration", NANO, YEAR, d -> Silence.builder().duration(d)),
                new Option("escalation level delay", Duration.ZERO, YEAR,
                        d -> new EscalationLevel(d, List.of(EscalationTarget.route()))),
                new Option("repeatLastLevel interval", Duration.ofMinutes(1), YEAR,
                        d -> EscalationPolicy.builder("p").repeatLastLevel(d)),
                new Option("responseTarget", Duration.ofSeconds(1), YEAR, d -> EscalationPolicy.builder("p").responseTarget(d)),
                new Option("responseTarget", Duration.ofSeconds(1), YEAR, d -> Alert.builder("A").responseTarget(d)),
                new Option("override of 'alice'", NANO, YEAR, d -> new OnCallOverride("alice", start, start.plus(d)), true),
                new Option("a silence must end at most", NANO, YEAR, d -> Silence.builder().match(AlertMatcher.name("A"))
                        .startsAt(start).endsAt(start.plus(d)).build(), true));
    }

    @Test
    void everyDurationOptionOutOfBoundsIsRefusedNamingOptionValueAndBound() {
        long seed = System.nanoTime();
        System.out.println("AlertNameAndDurationRulesTest durations: " + CASES + " cases, seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        List<Option> options = durationOptions();
        for (int c = 0; c < CASES; c++) {
            Option option = options.get(c % options.size());
            Duration bad = option.span() ? option.max().plusSeconds(random.nextLong(10L * 366 * 86_400)).plusNanos(1)
                    : tooLong(random, option.max());
            if (!option.span() && random.nextInt(4) == 0) {
                bad = option.min().minus(Duration.ofNanos(1 + random.nextLong(1_000_000_000_000L)));
            }
            Duration refusedValue = bad;
            Throwable refused = catchThrowable(() -> option.apply().accept(refusedValue));
            assertThat(refused).as("seed %d, case %d: %s = %s", seed, c, option.name(), bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(option.name());
            if (!option.span()) {
                assertThat(refused.getMessage()).as("seed %d, case %d: %s names the value", seed, c, option.name())
                        .contains(bad.toString());
            }
            boolean tooBig = bad.compareTo(option.max()) > 0;
            assertThat(refused.getMessage()).as("seed %d, case %d: %s names the bound", seed, c, option.name())
                    .contains(tooBig ? option.max().toString()
                            : option.min().compareTo(NANO) <= 0 ? "0" : option.min().toString());
            Duration good = within(random, option.min(), option.max());
            assertThatCode(() -> option.apply().accept(good)).as("seed %d, case %d: %s = %s", seed, c, option.name(), good)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aSilenceWithoutStartIsBoundedWhenItIsAdded() {
        AlertDispatcher dispatcher = AlertDispatcher.builder().channel(new RecordingChannel("chat")).build();
        try {
            Throwable refused = catchThrowable(() -> dispatcher.silence(Silence.builder().match(AlertMatcher.name("A"))
                    .endsAt(Instant.now().plus(Duration.ofDays(400))).build()));
            assertThat(refused).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a silence must end at most PT8784H (366 days) after it starts");
            assertThat(dispatcher.silence(Silence.builder().match(AlertMatcher.name("A"))
                    .endsAt(Instant.now().plus(Duration.ofDays(300))).build())).isNotEmpty();
        } finally {
            dispatcher.close();
        }
    }

    @Test
    void theSentryAndSlackChannelNamesFollowTheRuleToo() {
        assertThat(catchThrowable(() -> SlackChannel.builder().name("ops chat"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("channel name " + NAME_RULE);
    }

    // ---- generators ----

    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    private static final String BAD_CHARS = " :/@\\\"'<>{}[]|=,;!?#$%&*+~`\n\t\u00e9\u00df\u4e2d\u0000";

    private static String goodName(SplittableRandom random) {
        StringBuilder name = new StringBuilder().append(NAME_CHARS.charAt(random.nextInt(62)));
        for (int i = random.nextInt(63); i > 0; i--) {
            name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return name.toString();
    }

    private static String goodKey(SplittableRandom random) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789";
        StringBuilder key = new StringBuilder().append(chars.charAt(random.nextInt(53)));
        for (int i = random.nextInt(63); i > 0; i--) {
            key.append(chars.charAt(random.nextInt(chars.length())));
        }
        String result = key.toString();
        return result.equals("alertname") || result.equals("severity") ? "x" + result : result;
    }

    private static String badName(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> goodName(random) + "x".repeat(65); // too long
            case 2 -> "-._".charAt(random.nextInt(3)) + goodName(random); // bad first character
            default -> insert(random, goodName(random), BAD_CHARS.charAt(random.nextInt(BAD_CHARS.length())));
        };
    }

    private static String badKey(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> goodKey(random) + "x".repeat(65);
            case 2 -> random.nextInt(10) + goodKey(random); // starts with a digit
            default -> insert(random, goodKey(random), (BAD_CHARS + ".-").charAt(random.nextInt(BAD_CHARS.length() + 2)));
        };
    }

    private static String insert(SplittableRandom random, String text, char c) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + c + text.substring(at);
    }

    /** A duration above {@code max}: just above, or far above (up to the largest Duration). */
    private static Duration tooLong(SplittableRandom random, Duration max) {
        return switch (random.nextInt(3)) {
            case 0 -> max.plusNanos(1);
            case 1 -> max.plusSeconds(1 + random.nextLong(10L * 366 * 86_400));
            default -> Duration.ofSeconds(Long.MAX_VALUE - random.nextLong(1000), 999_999_999);
        };
    }

    private static Duration within(SplittableRandom random, Duration min, Duration max) {
        long span = max.minus(min).toMillis();
        return min.plusMillis(span <= 0 ? 0 : random.nextLong(span + 1));
    }
}
