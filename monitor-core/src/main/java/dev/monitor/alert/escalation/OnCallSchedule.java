package dev.monitor.alert.escalation;

import dev.monitor.config.Names;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Who is on call when: a rotation through responders with a hand-off every day or every week (or every
 * N days or weeks) at a local time in a time zone, plus {@linkplain OnCallOverride overrides} that win
 * for their window. Immutable; build with {@link #builder(String)} or read from configuration with
 * {@link #fromProperties(Map, String)}.
 *
 * <pre>{@code
 * OnCallSchedule primary = OnCallSchedule.builder("primary")
 *         .zone(ZoneId.of("Europe/Berlin"))
 *         .weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0))
 *         .startingOn(LocalDate.of(2026, 1, 5))
 *         .responders("alice", "bob", "carol")
 *         .override("dave", LocalDateTime.of(2026, 4, 3, 18, 0), LocalDateTime.of(2026, 4, 7, 9, 0))
 *         .build();
 * primary.onCallAt(Instant.now()); // Optional[bob]
 * }</pre>
 *
 * <p>Hand-offs happen at the local time in the zone, so across a daylight-saving change a weekly
 * hand-off at Monday 09:00 stays at 09:00 local time (one hour earlier or later in UTC), not 168 hours
 * after the previous one. A hand-off time that does not exist on a day (it falls into the hour skipped
 * in spring) happens when the clocks have moved forward, at the same distance into the day (02:30 becomes
 * 03:30); one that exists twice (the hour repeated in autumn) happens at its first occurrence.
 *
 * <p>The first responder takes over at the first hand-off on or after the start date; before it only
 * overrides name someone. Where overrides overlap, the one added last wins.
 */
public final class OnCallSchedule {

    private final String name;
    private final ZoneId zone;
    private final LocalTime handOffTime;
    private final @Nullable DayOfWeek handOffDay;
    private final int every;
    private final LocalDate firstHandOffDate;
    private final List<String> responders;
    private final List<OnCallOverride> overrides;

    private OnCallSchedule(Builder builder, ZoneId zone, LocalTime handOffTime, LocalDate start) {
        this.name = builder.name;
        this.zone = zone;
        this.handOffTime = handOffTime;
        this.handOffDay = builder.handOffDay;
        this.every = builder.every;
        this.firstHandOffDate = handOffDay == null ? start : start.with(TemporalAdjusters.nextOrSame(handOffDay));
        this.responders = List.copyOf(builder.responders);
        List<OnCallOverride> resolved = new ArrayList<>(builder.overrides);
        for (LocalOverride local : builder.localOverrides) {
            resolved.add(local.index, new OnCallOverride(local.responder, local.from.atZone(zone).toInstant(),
                    local.to.atZone(zone).toInstant()));
        }
        this.overrides = List.copyOf(resolved);
    }

    /**
     * A builder for the schedule {@code name} (letters, digits, {@code _ . -}; 1 to 64 characters), which
     * escalation levels refer to.
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The schedule's name. */
    public String name() {
        return name;
    }

    /** The zone of the hand-off time and of local override times. */
    public ZoneId zone() {
        return zone;
    }

    /** The responders of the rotation, in order. */
    public List<String> responders() {
        return responders;
    }

    /** The overrides, in the order added (later ones win). */
    public List<OnCallOverride> overrides() {
        return overrides;
    }

    /** Every responder id the schedule can name: the rotation's and the overrides'. */
    public List<String> allResponders() {
        List<String> all = new ArrayList<>(responders);
        for (OnCallOverride override : overrides) {
            if (!all.contains(override.responder())) {
                all.add(override.responder());
            }
        }
        return all;
    }

    /**
     * Who is on call at {@code at}: the last override covering it, else the rotation's responder; empty before
     * the first hand-off when no override covers it.
     */
    public Optional<String> onCallAt(Instant at) {
        Objects.requireNonNull(at, "at");
        for (int i = overrides.size() - 1; i >= 0; i--) {
            OnCallOverride override = overrides.get(i);
            if (override.covers(at)) {
                return Optional.of(override.responder());
            }
        }
        long shift = shiftAt(at);
        return shift < 0 ? Optional.empty() : Optional.of(responders.get((int) Math.floorMod(shift, (long) responders.size())));
    }

    /** The rotation's first hand-off after {@code after} (overrides aside). */
    public Instant nextHandOff(Instant after) {
        Objects.requireNonNull(after, "after");
        long shift = shiftAt(after);
        return handOff(Math.max(shift + 1, 0));
    }

    /** The rotation's latest hand-off at or before {@code at}, or empty before the first one. */
    public Optional<Instant> lastHandOff(Instant at) {
        Objects.requireNonNull(at, "at");
        long shift = shiftAt(at);
        return shift < 0 ? Optional.empty() : Optional.of(handOff(shift));
    }

    /** The index of the rotation shift running at {@code at} (0 from the first hand-off), or -1 before it. */
    private long shiftAt(Instant at) {
        long length = (long) every * (handOffDay == null ? 1 : 7);
        LocalDate date = LocalDate.ofInstant(at, zone);
        long shift = Math.floorDiv(ChronoUnit.DAYS.between(firstHandOffDate, date), length);
        // the local date's shift may not have started yet (before the hand-off time), and a zone's odd
        // transitions could move a hand-off across midnight: settle on the latest hand-off not after `at`
        while (shift >= 0 && handOff(shift).isAfter(at)) {
            shift--;
        }
        while (!handOff(shift + 1).isAfter(at)) {
            shift++;
        }
        return shift < 0 ? -1 : shift;
    }

    private Instant handOff(long shift) {
        long length = (long) every * (handOffDay == null ? 1 : 7);
        // ZonedDateTime.of moves a time in a gap forward by the gap and takes the earlier offset in an overlap
        return ZonedDateTime.of(firstHandOffDate.plusDays(shift * length), handOffTime, zone).toInstant();
    }

    @Override
    public String toString() {
        return "OnCallSchedule{" + name + ", " + (handOffDay == null ? "every " + every + " day(s)"
                : "every " + every + " week(s) on " + handOffDay) + " at " + handOffTime + " " + zone + ", from "
                + firstHandOffDate + ", " + responders.size() + " responders, " + overrides.size() + " overrides}";
    }

    /**
     * Reads schedules from flat settings, e.g. a properties file or Spring properties, under {@code prefix}
     * (may be empty). Every key is {@code prefix + <schedule>.<setting>}:
     *
     * <pre>
     * primary.zone        = Europe/Berlin
     * primary.rotation    = weekly monday 09:00
     * primary.start       = 2026-01-05
     * primary.responders  = alice, bob, carol
     * primary.override.easter = dave 2026-04-03T18:00 2026-04-07T09:00
     * </pre>
     *
     * <ul>
     *   <li>{@code zone} (required): a zone id such as {@code Europe/Berlin} or {@code UTC};</li>
     *   <li>{@code rotation} (required): {@code daily HH:mm}, {@code weekly <day> HH:mm},
     *       {@code every N days HH:mm} or {@code every N weeks <day> HH:mm};</li>
     *   <li>{@code start} (required): the date ({@code yyyy-MM-dd}) of the first hand-off (weekly: the first
     *       hand-off day on or after it);</li>
     *   <li>{@code responders} (required): responder ids in rotation order, separated by commas;</li>
     *   <li>{@code override.<any-name>} (optional, any number): {@code <responder> <from> <to>}, the times as
     *       local date-times in the schedule's zone ({@code 2026-04-03T18:00}) or with an offset
     *       ({@code 2026-04-03T16:00Z}); applied in the order of their names.</li>
     * </ul>
     *
     * @return the schedules, ordered by name
     * @throws IllegalArgumentException naming the key and value of the first invalid or missing setting
     */
    public static List<OnCallSchedule> fromProperties(Map<String, String> properties, String prefix) {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(prefix, "prefix");
        Map<String, Map<String, String>> bySchedule = new TreeMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = entry.getKey();
            if (key == null || !key.startsWith(prefix)) {
                continue;
            }
            String rest = key.substring(prefix.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new IllegalArgumentException("on-call setting '" + key + "' must be " + prefix
                        + "<schedule>.<setting>, e.g. " + prefix + "primary.zone");
            }
            bySchedule.computeIfAbsent(rest.substring(0, dot), k -> new TreeMap<>())
                    .put(rest.substring(dot + 1), entry.getValue() == null ? "" : entry.getValue().trim());
        }
        List<OnCallSchedule> schedules = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> schedule : bySchedule.entrySet()) {
            schedules.add(parse(prefix + schedule.getKey() + ".", schedule.getKey(), schedule.getValue()));
        }
        return Collections.unmodifiableList(schedules);
    }

    private static OnCallSchedule parse(String keyPrefix, String name, Map<String, String> settings) {
        Builder builder;
        try {
            builder = builder(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("on-call settings " + keyPrefix + "*: " + e.getMessage(), e);
        }
        for (String setting : settings.keySet()) {
            if (!setting.equals("zone") && !setting.equals("rotation") && !setting.equals("start")
                    && !setting.equals("responders") && !(setting.startsWith("override.") && setting.length() > 9)) {
                throw new IllegalArgumentException("unknown on-call setting '" + keyPrefix + setting + "'; the settings are "
                        + "zone, rotation, start, responders and override.<name>");
            }
        }
        String zone = required(keyPrefix, "zone", settings, "a zone id such as Europe/Berlin");
        try {
            builder.zone(ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw invalid(keyPrefix + "zone", zone, "a zone id such as Europe/Berlin or UTC");
        }
        String rotation = required(keyPrefix, "rotation", settings, "for example 'weekly monday 09:00'");
        rotation(builder, keyPrefix + "rotation", rotation);
        String start = required(keyPrefix, "start", settings, "the date of the first hand-off, e.g. 2026-01-05");
        try {
            builder.startingOn(LocalDate.parse(start));
        } catch (DateTimeParseException e) {
            throw invalid(keyPrefix + "start", start, "a date such as 2026-01-05");
        }
        String responders = required(keyPrefix, "responders", settings, "responder ids separated by commas");
        List<String> ids = new ArrayList<>();
        for (String id : responders.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.trim());
            }
        }
        try {
            builder.responders(ids.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("on-call setting '" + keyPrefix + "responders' is invalid: " + e.getMessage(), e);
        }
        ZoneId zoneId = ZoneId.of(zone);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (setting.getKey().startsWith("override.")) {
                String key = keyPrefix + setting.getKey();
                String[] parts = setting.getValue().trim().split("\\s+");
                if (parts.length != 3) {
                    throw invalid(key, setting.getValue(), "'<responder> <from> <to>', e.g. 'dave 2026-04-03T18:00 2026-04-07T09:00'");
                }
                try {
                    builder.override(parts[0], instant(key, parts[1], zoneId), instant(key, parts[2], zoneId));
                } catch (IllegalArgumentException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("on-call setting")) {
                        throw e;
                    }
                    throw new IllegalArgumentException("on-call setting '" + key + "' is invalid: " + e.getMessage(), e);
                }
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("on-call settings " + keyPrefix + "*: " + e.getMessage(), e);
        }
    }

    private static void rotation(Builder builder, String key, String value) {
        String[] words = value.trim().toLowerCase(Locale.ROOT).split("\\s+");
        String expected = "'daily HH:mm', 'weekly <day> HH:mm', 'every N days HH:mm' or 'every N weeks <day> HH:mm'";
        try {
            int i = 0;
            int every = 1;
            boolean weekly;
            if (words[0].equals("every") && words.length >= 4) {
                every = Integer.parseInt(words[1]);
                weekly = words[2].equals("weeks") || words[2].equals("week");
                if (!weekly && !words[2].equals("days") && !words[2].equals("day")) {
                    throw invalid(key, value, expected);
                }
                i = 3;
            } else if (words[0].equals("daily") || words[0].equals("weekly")) {
                weekly = words[0].equals("weekly");
                i = 1;
            } else {
                throw invalid(key, value, expected);
            }
            if (weekly && words.length == i + 2) {
                builder.weekly(DayOfWeek.valueOf(words[i].toUpperCase(Locale.ROOT)), LocalTime.parse(words[i + 1]));
            } else if (!weekly && words.length == i + 1) {
                builder.daily(LocalTime.parse(words[i]));
            } else {
                throw invalid(key, value, expected);
            }
            builder.every(every);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(key, value, expected);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("on-call setting")) {
                throw e;
            }
            throw invalid(key, value, expected + " (" + e.getMessage() + ")");
        }
    }

    private static Instant instant(String key, String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(key, text, "a date-time such as 2026-04-03T18:00 (in the schedule's zone) or 2026-04-03T16:00Z");
            }
        }
    }

    private static String required(String keyPrefix, String setting, Map<String, String> settings, String hint) {
        String value = settings.get(setting);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("on-call setting '" + keyPrefix + setting + "' is missing; set it to " + hint);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException("on-call setting '" + key + "' must be " + expected + ", was '" + value + "'");
    }

    /**
     * Checks a name of a policy or schedule, or a responder's id: {@link Names#requireName the name rule} (1 to 64 of
     * {@code [A-Za-z0-9._-]}, starting with a letter or digit). A responder's id is a handle ({@code alice}), not an
     * e-mail address: it is kept in the journal and shown in timelines, where an address would be personal data.
     */
    static String checkId(String what, @Nullable String id) {
        return Names.requireName(what, id);
    }

    private record LocalOverride(int index, String responder, LocalDateTime from, LocalDateTime to) {
    }

    /** Builds an {@link OnCallSchedule}; zone, rotation, start and responders are required. */
    public static final class Builder {
        private final String name;
        private @Nullable ZoneId zone;
        private @Nullable LocalTime handOffTime;
        private @Nullable DayOfWeek handOffDay;
        private int every = 1;
        private @Nullable LocalDate start;
        private final List<String> responders = new ArrayList<>();
        private final List<OnCallOverride> overrides = new ArrayList<>();
        private final List<LocalOverride> localOverrides = new ArrayList<>();

        private Builder(String name) {
            this.name = checkId("schedule name", name);
        }

        /** The zone of the hand-off time and of local override times, e.g. {@code Europe/Berlin}. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** A hand-off every day at {@code handOff} local time. */
        public Builder daily(LocalTime handOff) {
            this.handOffTime = Objects.requireNonNull(handOff, "handOff");
            this.handOffDay = null;
            return this;
        }

        /** A hand-off every week on {@code day} at {@code handOff} local time. */
        public Builder weekly(DayOfWeek day, LocalTime handOff) {
            this.handOffDay = Objects.requireNonNull(day, "day");
            this.handOffTime = Objects.requireNonNull(handOff, "handOff");
            return this;
        }

        /** Shifts of {@code count} days or weeks instead of one (default 1); 1 to 52. */
        public Builder every(int count) {
            if (count < 1 || count > 52) {
                throw new IllegalArgumentException("every must be between 1 and 52, was " + count);
            }
            this.every = count;
            return this;
        }

        /** The date of the first hand-off (for a weekly rotation: the first hand-off day on or after it). */
        public Builder startingOn(LocalDate start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** The responders' ids in rotation order (replacing any given before); the first takes the first shift. */
        public Builder responders(String... ids) {
            Objects.requireNonNull(ids, "responders");
            if (ids.length == 0 || ids.length > 1000) {
                throw new IllegalArgumentException("responders must name 1 to 1000 responders, was " + ids.length);
            }
            List<String> checked = new ArrayList<>();
            for (String id : ids) {
                checked.add(checkId("responder", id));
            }
            responders.clear();
            responders.addAll(checked);
            return this;
        }

        /** {@code responder} is on call from {@code from} to {@code to}, whatever the rotation says. */
        public Builder override(String responder, Instant from, Instant to) {
            overrides.add(new OnCallOverride(responder, from, to));
            return this;
        }

        /** As {@link #override(String, Instant, Instant)}, with local date-times in the schedule's {@link #zone}. */
        public Builder override(String responder, LocalDateTime from, LocalDateTime to) {
            checkId("override responder", responder);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("override of '" + responder + "' must end after it starts, was from " + from
                        + " to " + to);
            }
            localOverrides.add(new LocalOverride(overrides.size() + localOverrides.size(), responder, from, to));
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @throws IllegalArgumentException naming the missing setting
         */
        public OnCallSchedule build() {
            if (zone == null) {
                throw new IllegalArgumentException("schedule '" + name + "' has no zone; set zone(ZoneId.of(\"Europe/Berlin\")) "
                        + "or the zone of your team");
            }
            if (handOffTime == null) {
                throw new IllegalArgumentException("schedule '" + name + "' has no rotation; set daily(time) or weekly(day, time)");
            }
            if (start == null) {
                throw new IllegalArgumentException("schedule '" + name + "' has no start; set startingOn(date of the first hand-off)");
            }
            if (responders.isEmpty()) {
                throw new IllegalArgumentException("schedule '" + name + "' has no responders; set responders(\"alice\", \"bob\")");
            }
            return new OnCallSchedule(this, zone, handOffTime, start);
        }
    }
}
