package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's own corpus ({@code src/test/resources/pii}): positives over every detector in varied contexts must
 * lose their personal fragment and show their kind; look-alikes must come back as the same instance.
 */
class CorpusTest {

    private static final Scrubber SCRUBBER = Scrubber.defaults();

    record Positive(String kind, String fragment, String text) {
        @Override
        public String toString() {
            return kind + ": " + text;
        }
    }

    static List<Positive> positives() throws IOException {
        List<Positive> positives = new ArrayList<>();
        for (String line : lines("/pii/positives.tsv")) {
            String[] columns = line.split("\t", 3);
            positives.add(new Positive(columns[0], columns[1], columns[2]));
        }
        return positives;
    }

    static List<String> lookAlikes() throws IOException {
        return lines("/pii/lookalikes.txt");
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = CorpusTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    static Stream<Arguments> positiveSamples() throws IOException {
        return positives().stream().map(Arguments::of);
    }

    @Test
    void theCorpusHasAtLeast300PositivesCoveringEveryDetectorAnd100LookAlikes() throws IOException {
        List<Positive> positives = positives();
        assertThat(positives).hasSizeGreaterThanOrEqualTo(300);
        Map<String, Integer> perKind = new TreeMap<>();
        positives.forEach(p -> perKind.merge(p.kind(), 1, Integer::sum));
        for (PiiKind kind : PiiKind.builtIn()) {
            assertThat(perKind.getOrDefault(kind.name(), 0)).as("samples of " + kind.name()).isGreaterThanOrEqualTo(18);
        }
        assertThat(lookAlikes()).hasSizeGreaterThanOrEqualTo(100);
    }

    @ParameterizedTest
    @MethodSource("positiveSamples")
    void everyPositiveLosesItsPersonalFragment(Positive sample) {
        String scrubbed = SCRUBBER.scrub(sample.text());
        assertThat(scrubbed).isNotSameAs(sample.text()).doesNotContain(sample.fragment());
        if (sample.kind().equals("email")) {
            assertThat(scrubbed).containsAnyOf("***@", "***%40");
        } else {
            assertThat(scrubbed).contains("[" + sample.kind() + "]");
        }
    }

    @ParameterizedTest
    @MethodSource("lookAlikes")
    void everyLookAlikeComesBackUntouched(String text) {
        assertThat(SCRUBBER.scrub(text)).isSameAs(text);
    }
}
