package dev.monitor.testing;

import dev.monitor.pii.Scrubber;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generator plants only what the default scrubber finds, so a survivor in another test is a real leak. */
class PlantedValuesTest {

    @Test
    void everyPlantedValueIsFoundByTheDefaultScrubberWhenNothingIsCut() {
        long seed = 20261206L;
        SplittableRandom random = new SplittableRandom(seed);
        int cases = 2_000;
        for (int i = 0; i < cases; i++) {
            PlantedValues.Planted planted = PlantedValues.next(random, i);
            String text = PlantedValues.plantAt(planted.text(), 30, 80);
            PlantedValues.assertNoneSurvives(Scrubber.defaults().scrub(text), planted, "seed " + seed + " case " + i);
        }
        System.out.println("PlantedValuesTest: " + cases + " cases, seed " + seed);
    }
}
