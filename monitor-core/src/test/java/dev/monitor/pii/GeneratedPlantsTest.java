package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.pii.testing.Leaks;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The samples the leak suites plant are caught by the default scrubber in free text, in JSON, as map values under
 * ordinary keys and as values of sensitive keys: what the output paths must then preserve, and the proof that a
 * leak found by a suite is the path's fault, not the generator's.
 */
class GeneratedPlantsTest {

    private static final long SEED = 20261206L;
    private static final Scrubber SCRUBBER = Scrubber.defaults();

    @Test
    void everyGeneratedSampleIsCaughtInFreeTextJsonAndMaps() {
        Random random = new Random(SEED);
        PiiSamples samples = new PiiSamples(random);
        int cases = 0;
        for (int round = 0; round < 60; round++) {
            for (Function<PiiSamples, Plant> family : PiiSamples.families()) {
                Plant plant = family.apply(samples);
                String text = PiiSamples.placed(plant, random.nextInt(40));
                String where = "seed " + SEED + " round " + round + " " + plant.kind() + ": " + plant.text();
                assertThat(Leaks.find(SCRUBBER.scrub(text), plant)).as("free text, %s", where).isEmpty();
                String json = "{\"message\":\"" + PiiSamples.filler(random.nextInt(20)) + plant.jsonEscaped() + "\"}";
                assertThat(Leaks.find(SCRUBBER.scrub(json), plant)).as("json, %s", where).isEmpty();
                Map<String, Object> map = SCRUBBER.scrubMap(Map.of("note", text));
                assertThat(Leaks.find(String.valueOf(map), plant)).as("map value, %s", where).isEmpty();
                Map<String, Object> keyed = SCRUBBER.scrubMap(Map.of(text, "value"));
                assertThat(Leaks.find(String.valueOf(keyed), plant)).as("map key, %s", where).isEmpty();
                String key = samples.sensitiveKey();
                assertThat(Leaks.find(SCRUBBER.scrubValue(key, text), plant)).as("under %s, %s", key, where).isEmpty();
                cases += 5;
            }
        }
        System.out.println("GeneratedPlantsTest: " + cases + " cases over " + PiiSamples.families().size()
                + " families, seed " + SEED);
    }

    @Test
    void aSecretValueUnderASensitiveKeyIsRedactedWhateverItLooksLike() {
        PiiSamples samples = new PiiSamples(new Random(SEED + 1));
        for (int k = 0; k < 500; k++) {
            String key = samples.sensitiveKey();
            String value = samples.secretValue();
            Plant plant = new Plant("secret_pair", value, List.of(value));
            assertThat(Leaks.find(SCRUBBER.scrubValue(key, value), plant)).as("%s=%s", key, value).isEmpty();
            assertThat(Leaks.find(String.valueOf(SCRUBBER.scrubMap(Map.of(key, value))), plant)).as("map %s", key).isEmpty();
            assertThat(SCRUBBER.isSensitiveKey(key)).as(key).isTrue();
        }
    }
}
