package dev.monitor.pii.internal;

/**
 * Up to eight digit-group lengths packed in a {@code long} (six bits each), so that number candidates are
 * parsed without allocating.
 */
final class DigitGroups {

    static final int MAX_GROUPS = 8;

    private DigitGroups() {
    }

    static long with(long groups, int index, int length) {
        return groups | ((long) length << (index * 6));
    }

    static int length(long groups, int index) {
        return (int) (groups >>> (index * 6)) & 0x3f;
    }

    /** The number of digits in the first {@code count} groups. */
    static int digits(long groups, int count) {
        int total = 0;
        for (int g = 0; g < count; g++) {
            total += length(groups, g);
        }
        return total;
    }
}
