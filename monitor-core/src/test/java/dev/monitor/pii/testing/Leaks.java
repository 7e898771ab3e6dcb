package dev.monitor.pii.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The leak assertion of the generative suites: no planted secret, and no run of {@value #RUN} or more of its
 * characters, survives in an output. The one exception is the documented partial mask of an email
 * ({@code j***@example.com}), whose first letter and domain are meant to stay and are not listed as secrets. Random
 * ids and time stamps of the output do not count (see {@link LeakIndex}), and escapes are looked through.
 */
public final class Leaks {

    /** The shortest run of a secret's characters that counts as a leak. */
    public static final int RUN = 6;

    private Leaks() {
    }

    /**
     * The leaks of {@code plants} in {@code output}: each one names the plant's kind, the secret and the run found,
     * with some context. Also looks at the output with JSON, HTML and URL escapes undone, so an escaped secret
     * ({@code \u0040}, {@code &#64;}, {@code %40}) counts as the secret.
     */
    public static List<String> find(String output, List<Plant> plants) {
        LeakIndex index = new LeakIndex();
        for (Plant plant : plants) {
            index.add(plant, plant.kind());
        }
        List<String> found = new ArrayList<>();
        for (LeakIndex.Leak leak : index.find(output)) {
            found.add(leak.plant().kind() + " '" + leak.secret() + "' leaked as '" + leak.run() + "' in: " + leak.context());
        }
        return found;
    }

    /** {@link #find} for one plant. */
    public static List<String> find(String output, Plant plant) {
        return find(output, List.of(plant));
    }
}
