package dev.monitor.pii;

/**
 * The meters a {@link Scrubber} registers (with a meter registry): names, descriptions and tag
 * keys, in one place.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #REDACTIONS}</td><td>counter</td><td>kind</td></tr>
 * </table>
 */
public final class PiiMeters {

    /** Values redacted by the scrubber. */
    public static final String REDACTIONS = "monitor.pii.redactions";
    /** Description of {@link #REDACTIONS}. */
    public static final String REDACTIONS_DESCRIPTION = "Values redacted by the PII scrubber, by kind (scrub_error: "
            + "fields replaced because scrubbing failed)";

    /** Tag: the kind of value redacted (a detector's name), or {@value #SCRUB_ERROR}. */
    public static final String TAG_KIND = "kind";
    /** The {@code kind} of fields replaced because scrubbing them failed (fail closed). */
    public static final String SCRUB_ERROR = "scrub_error";

    private PiiMeters() {
    }
}
