package dev.monitor.alert.channel;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.channel.internal.ChannelEndpoints;
import dev.monitor.alert.channel.internal.PhoneNumbers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Sends notifications as text messages through the Twilio Messages API
 * ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded {@code To}, {@code From} or
 * {@code MessagingServiceSid}, and {@code Body}, HTTP Basic authentication with the account SID and auth
 * token), one request per recipient. The endpoint's base URL is configurable, so a Twilio-compatible
 * gateway works too.
 *
 * <p>The text is short: the title, then per alert (at most {@link Builder#maxAlerts(int) 3}) a line with its
 * runbook, response target, escalation level and acknowledgement, cut to Twilio's 1,600-character limit.
 * Twilio answers {@code 201 Created} for an accepted message (any 2xx counts as delivered); a {@code 429} or
 * {@code 5xx} is retried after its {@code Retry-After}; any other {@code 4xx} (an invalid number, a blocked
 * recipient) is permanent. When a notification goes to several recipients and one attempt fails half way, the
 * retry sends only to those not yet reached.
 *
 * <p>Recipients: the notification's own ({@link AlertNotification#recipients()}, e.g. whoever is on call, set
 * by escalation), else the channel's {@link Builder#to(String...) to} numbers. Phone numbers are personal
 * data: they are never logged, never in a failure detail (masked as {@code +49*********78}), never in the
 * rendered payload of a preview, and never in {@link #toString()}. The auth token is a secret and never
 * leaves the {@code Authorization} header.
 *
 * <pre>{@code
 * SmsChannel sms = SmsChannel.builder()
 *         .accountSid(System.getenv("TWILIO_ACCOUNT_SID"))
 *         .authToken(System.getenv("TWILIO_AUTH_TOKEN"))
 *         .from("+15005550006")
 *         .build();
 * }</pre>
 */
public final class SmsChannel extends HttpAlertChannel {

    /** The account SID. */
    public static final String ACCOUNT_SID_VARIABLE = "TWILIO_ACCOUNT_SID";
    /** The auth token (a secret). */
    public static final String AUTH_TOKEN_VARIABLE = "TWILIO_AUTH_TOKEN";
    /** The sender number (E.164) or alphanumeric sender id. */
    public static final String FROM_VARIABLE = "TWILIO_FROM_NUMBER";
    /** The messaging service SID, instead of a sender number. */
    public static final String MESSAGING_SERVICE_VARIABLE = "TWILIO_MESSAGING_SERVICE_SID";
    /** The default recipients, comma-separated E.164 numbers (optional when escalation names the recipients). */
    public static final String TO_VARIABLE = "ALERT_SMS_TO";
    /** The API's base URL, for a Twilio-compatible gateway (optional). */
    public static final String ENDPOINT_VARIABLE = "TWILIO_API_URL";
    /** Twilio's API base URL. */
    public static final String DEFAULT_ENDPOINT = "https://api.twilio.com";
    /** The longest message body Twilio accepts, in characters. */
    public static final int BODY_LIMIT = 1600;

    private static final int REMEMBERED_NOTIFICATIONS = 256;

    private final @Nullable String from;
    private final @Nullable String messagingServiceSid;
    private final List<String> to;
    private final int maxAlerts;
    /** Per notification id, the recipients already reached, so that a retry does not text them twice. */
    private final Map<String, Set<String>> reached = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > REMEMBERED_NOTIFICATIONS;
        }
    };

    private SmsChannel(Builder builder, ChannelEndpoint endpoint) {
        super(builder, endpoint);
        this.from = builder.from;
        this.messagingServiceSid = builder.messagingServiceSid;
        this.to = List.copyOf(builder.to);
        this.maxAlerts = builder.maxAlerts;
    }


    /** A builder; account SID, auth token and a sender ({@code from} or a messaging service) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The text of the message, at most {@value #BODY_LIMIT} characters, in field {@code to} the notification's
     * recipients (empty for the channel's own).
     */
    @Override
    public ChannelPayload render(AlertNotification notification) {
        StringBuilder text = new StringBuilder(NotificationText.title(notification));
        int shown = 0;
        for (NotifiedAlert alert : notification.alerts()) {
            if (shown >= maxAlerts) {
                break;
            }
            text.append('\n').append(NotificationText.line(alert));
            for (String detail : NotificationText.details(alert)) {
                text.append('\n').append(detail);
            }
            shown++;
        }
        String more = NotificationText.more(notification, shown);
        if (!more.isEmpty()) {
            text.append('\n').append(more);
        }
        return new ChannelPayload("text/plain", ChannelTexts.truncate(text.toString(), BODY_LIMIT),
                Map.of("to", String.join(",", notification.recipients())));
    }

    @Override
    public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
        String field = payload.field("to");
        List<String> recipients = field.isEmpty() ? to : List.of(field.split(","));
        if (recipients.isEmpty()) {
            return DeliveryResult.permanent("no_recipient", "the notification names no recipient and the channel has no "
                    + "to(...) numbers");
        }
        Set<String> done;
        synchronized (reached) {
            done = new HashSet<>(reached.getOrDefault(context.notificationId(), Set.of()));
        }
        long deadline = System.nanoTime() + context.timeout().toNanos();
        DeliveryResult rejected = null;
        int rejectedCount = 0;
        for (String recipient : recipients) {
            if (done.contains(recipient)) {
                continue;
            }
            if (!PhoneNumbers.isE164(recipient)) {
                rejected = DeliveryResult.permanent("invalid_recipient", "a recipient is not an E.164 number ("
                        + PhoneNumbers.mask(recipient) + ")");
                rejectedCount++;
                continue;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return DeliveryResult.retryable("timeout", "no time left for " + (recipients.size() - done.size())
                        + " of " + recipients.size() + " recipients");
            }
            String form = "To=" + encode(recipient)
                    + (from != null ? "&From=" + encode(from) : "&MessagingServiceSid=" + encode(Objects.requireNonNull(messagingServiceSid)))
                    + "&Body=" + encode(payload.body());
            DeliveryResult result = masked(post(new ChannelPayload("application/x-www-form-urlencoded", form, Map.of()),
                    Duration.ofNanos(remaining), List.of(recipient, encode(recipient))));
            if (result.isDelivered()) {
                done.add(recipient);
                synchronized (reached) {
                    reached.computeIfAbsent(context.notificationId(), id -> new HashSet<>()).add(recipient);
                }
            } else if (result.isRetryable()) {
                return result; // the next attempt continues with those not yet reached
            } else {
                rejected = result;
                rejectedCount++;
            }
        }
        synchronized (reached) {
            reached.remove(context.notificationId());
        }
        if (rejected != null) {
            return DeliveryResult.permanent(rejected.reason(), rejectedCount + " of " + recipients.size()
                    + " recipients rejected: " + rejected.detail());
        }
        return DeliveryResult.delivered();
    }

    private static DeliveryResult masked(DeliveryResult result) {
        if (result.isDelivered()) {
            return result;
        }
        String detail = PhoneNumbers.maskAll(result.detail());
        if (detail.equals(result.detail())) {
            return result;
        }
        return result.isRetryable() ? DeliveryResult.retryable(result.reason(), detail, result.retryAfter())
                : DeliveryResult.permanent(result.reason(), detail);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Text messages go to people: the on-call's number replaces the configured ones. */
    @Override
    public boolean supportsRecipients() {
        return true;
    }

    /** Checks that {@code recipient} is an E.164 number such as {@code +4915112345678}. */
    @Override
    public void checkRecipient(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        if (!PhoneNumbers.isE164(recipient)) {
            throw new IllegalArgumentException("an SMS recipient must be an E.164 number like +14155550100 ('+', the "
                    + "country code and the number, no spaces), was " + PhoneNumbers.mask(recipient));
        }
    }

    /** Names the channel, the API host and how many default recipients it has; never a number or the token. */
    @Override
    public String toString() {
        return "SmsChannel{" + name() + ", " + endpoint() + ", " + to.size() + " default recipients}";
    }

    /**
     * Builds an {@link SmsChannel}: name {@code sms}, one message per second (a Twilio long code's rate), 20 s per
     * attempt for several recipients, the delivery defaults otherwise.
     */
    public static final class Builder extends HttpAlertChannel.Builder<Builder> {
        private String accountSid = "";
        private String sidSetting = "accountSid";
        private String authToken = "";
        private String tokenSetting = "authToken";
        private @Nullable String from;
        private @Nullable String messagingServiceSid;
        private final List<String> to = new ArrayList<>();
        private int maxAlerts = 3;

        private Builder() {
            super("sms", null, DeliveryPolicy.builder().rateLimit(1, Duration.ofSeconds(1)).attemptTimeout(Duration.ofSeconds(20)).build());
            endpoint("endpoint", DEFAULT_ENDPOINT);
        }

        /** The account SID ({@code AC…}), used in the URL and as the Basic-auth user. */
        public Builder accountSid(String accountSid) {
            this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
            this.sidSetting = "accountSid";
            return this;
        }

        /** The auth token (a secret), used as the Basic-auth password. */
        public Builder authToken(String authToken) {
            this.authToken = Objects.requireNonNull(authToken, "authToken");
            this.tokenSetting = "authToken";
            return this;
        }

        /**
         * The sender: an E.164 number ({@code +15005550006}) or an alphanumeric sender id (1 to 11 letters, digits and
         * spaces, at least one letter). Either this or {@link #messagingServiceSid(String)}.
         */
        public Builder from(String from) {
            Objects.requireNonNull(from, "from");
            String value = from.trim();
            if (!PhoneNumbers.isE164(value) && !isSenderId(value)) {
                throw new IllegalArgumentException("from must be an E.164 number like +15005550006 or an alphanumeric sender "
                        + "id of 1 to 11 letters, digits and spaces, was " + (value.startsWith("+") || hasDigitRun(value)
                        ? PhoneNumbers.mask(value) : "'" + value + "'"));
            }
            this.from = value;
            this.messagingServiceSid = null;
            return this;
        }

        /** The messaging service SID ({@code MG…}) that picks the sender. Either this or {@link #from(String)}. */
        public Builder messagingServiceSid(String messagingServiceSid) {
            Objects.requireNonNull(messagingServiceSid, "messagingServiceSid");
            String value = messagingServiceSid.trim();
            if (!isToken(value)) {
                throw new IllegalArgumentException("messagingServiceSid must be 2 to 64 letters and digits (MG…), was "
                        + value.length() + " characters");
            }
            this.messagingServiceSid = value;
            this.from = null;
            return this;
        }

        /**
         * Adds default recipients (E.164 numbers), used for notifications that name none. Optional when escalation
         * reaches people through on-call schedules.
         */
        public Builder to(String... numbers) {
            Objects.requireNonNull(numbers, "numbers");
            for (String number : numbers) {
                Objects.requireNonNull(number, "numbers must not contain null");
                String value = number.trim();
                if (!PhoneNumbers.isE164(value)) {
                    throw new IllegalArgumentException("to must be E.164 numbers like +14155550100 ('+', the country code "
                            + "and the number, no spaces), was " + PhoneNumbers.mask(value));
                }
                if (!to.contains(value)) {
                    to.add(value);
                }
            }
            return this;
        }

        /** The API's base URL (default {@value SmsChannel#DEFAULT_ENDPOINT}), for a compatible gateway; https unless loopback. */
        public Builder endpoint(String endpoint) {
            return endpoint("endpoint", endpoint);
        }

        /** How many alerts a message lists before "+N more" (default 3). */
        public Builder maxAlerts(int maxAlerts) {
            this.maxAlerts = ChannelSettings.maxAlerts(maxAlerts, 20);
            return this;
        }

        /**
         * Reads {@code TWILIO_ACCOUNT_SID}, {@code TWILIO_AUTH_TOKEN}, {@code TWILIO_FROM_NUMBER} or
         * {@code TWILIO_MESSAGING_SERVICE_SID}, and optionally {@code ALERT_SMS_TO} (comma-separated) and
         * {@code TWILIO_API_URL} from {@code environment}.
         *
         * @throws IllegalArgumentException naming the variable whose value is invalid
         */
        @Override
        public Builder fromEnvironment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment");
            this.accountSid = environment.getOrDefault(ACCOUNT_SID_VARIABLE, "");
            this.sidSetting = ACCOUNT_SID_VARIABLE;
            this.authToken = environment.getOrDefault(AUTH_TOKEN_VARIABLE, "");
            this.tokenSetting = AUTH_TOKEN_VARIABLE;
            String sender = environment.get(FROM_VARIABLE);
            String service = environment.get(MESSAGING_SERVICE_VARIABLE);
            try {
                if (service != null && !service.isBlank()) {
                    messagingServiceSid(service);
                } else if (sender != null && !sender.isBlank()) {
                    from(sender);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((service != null && !service.isBlank() ? MESSAGING_SERVICE_VARIABLE
                        : FROM_VARIABLE) + ": " + e.getMessage(), e);
            }
            String recipients = environment.get(TO_VARIABLE);
            if (recipients != null && !recipients.isBlank()) {
                to.clear();
                for (String number : recipients.split(",")) {
                    if (!number.isBlank()) {
                        try {
                            to(number);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(TO_VARIABLE + ": " + e.getMessage(), e);
                        }
                    }
                }
            }
            String url = environment.get(ENDPOINT_VARIABLE);
            if (url != null && !url.isBlank()) {
                endpoint(ENDPOINT_VARIABLE, url);
            }
            return this;
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalArgumentException if the account SID, the auth token or the sender is missing or invalid, or the
         *     endpoint is not an https URL (http only for loopback)
         */
        @Override
        public SmsChannel build() {
            String sid = ChannelEndpoints.required(sidSetting, accountSid, "set it to the account SID (AC…) of your Twilio account");
            if (!isToken(sid)) {
                throw new IllegalArgumentException(sidSetting + " must be 2 to 64 letters and digits (AC…), was a value of "
                        + sid.length() + " characters");
            }
            String token = ChannelEndpoints.required(tokenSetting, authToken, "set it to the account's auth token");
            if (token.indexOf(':') >= 0 || token.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(tokenSetting + " must not contain ':' or line breaks");
            }
            if (from == null && messagingServiceSid == null) {
                throw new IllegalArgumentException("the sender is not set; use from(\"+15005550006\") or messagingServiceSid(\"MG…\") ("
                        + FROM_VARIABLE + " or " + MESSAGING_SERVICE_VARIABLE + ")");
            }
            return new SmsChannel(this, messages(sid, token));
        }

        /** The Messages resource of the account, with Basic authentication; the token and every number kept secret. */
        private ChannelEndpoint messages(String accountSid, String authToken) {
            String credentials = Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
            ChannelEndpoint endpoint = serviceEndpoint(true).resolve("/2010-04-01/Accounts/" + accountSid + "/Messages.json")
                    .withHeader("Authorization", "Basic " + credentials).withHeader("Accept", "application/json")
                    .withSecret(authToken).withSecret(credentials);
            for (String number : to) {
                endpoint = endpoint.withSecret(number);
            }
            return from == null ? endpoint : endpoint.withSecret(from);
        }

        private static boolean isToken(String value) {
            if (value.length() < 2 || value.length() > 64) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isSenderId(String value) {
            if (value.isEmpty() || value.length() > 11) {
                return false;
            }
            boolean letter = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                letter |= alpha;
                if (!alpha && !(c >= '0' && c <= '9') && c != ' ') {
                    return false;
                }
            }
            return letter;
        }

        private static boolean hasDigitRun(String value) {
            return !PhoneNumbers.maskAll(value).equals(value);
        }
    }
}
