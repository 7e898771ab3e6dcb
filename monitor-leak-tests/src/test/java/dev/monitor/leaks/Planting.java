package dev.monitor.leaks;

import dev.monitor.pii.testing.Plant;
import java.util.regex.Pattern;

/**
 * One case: {@code plant} planted in {@code field} at {@code position}.
 *
 * @param index the case's number in the run, for replay with the seed
 * @param field where it is planted
 * @param plant what is planted
 * @param position where the plant starts in the field's text
 * @param text the whole text given to the field: harmless words (beginning with {@link #marker()} when they are long
 *     enough), the plant, more words ending in the marker
 * @param where the case described for a failure message: seed, case, surface, field, family, position, limit
 */
record Planting(int index, Field field, Plant plant, int position, String text, String where) {

    /** Finds the marker of a case in an output; group 1 is the case's index. */
    static final Pattern MARKER = Pattern.compile("case(\\d+)x");

    /** The words that mark this case in the text given to the field, to tell whether an output shows the field. */
    String marker() {
        return marker(index);
    }

    static String marker(int index) {
        return "case" + index + "x";
    }

    @Override
    public String toString() {
        return where;
    }
}
