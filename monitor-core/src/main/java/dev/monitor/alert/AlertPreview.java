package dev.monitor.alert;

import dev.monitor.alert.channel.ChannelPayload;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What firing an alert would do, without doing it ({@link AlertDispatcher#preview(Alert)}): the routes
 * it would take, whether something would suppress it now, and the exact payload each channel would
 * receive for a notification of this alert alone.
 *
 * @param alert the alert as channels would see it (scrubbed)
 * @param routes the receivers (route names or positions) the alert would enter
 * @param suppressedBy what would suppress it now ({@code silence:…}, {@code maintenance:…}, {@code inhibited}),
 *     or {@code null}
 * @param payloads the rendered payload by channel name
 * @param renderErrors channels whose rendering failed, with the (scrubbed) error
 */
public record AlertPreview(Alert alert, List<String> routes, @Nullable String suppressedBy,
        Map<String, ChannelPayload> payloads, Map<String, String> renderErrors) {

    /** Copies the collections. */
    public AlertPreview {
        Objects.requireNonNull(alert, "alert");
        routes = List.copyOf(routes);
        payloads = Collections.unmodifiableMap(new LinkedHashMap<>(payloads));
        renderErrors = Collections.unmodifiableMap(new LinkedHashMap<>(renderErrors));
    }
}
