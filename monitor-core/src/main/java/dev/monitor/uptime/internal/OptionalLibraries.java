package dev.monitor.uptime.internal;

/** Checks that an optional library is on the class path before a feature needing it is built. Not API. */
public final class OptionalLibraries {

    private OptionalLibraries() {
    }

    /**
     * Throws unless {@code className} can be loaded.
     *
     * @throws IllegalStateException naming the library, its Maven coordinates and the feature needing it
     */
    public static void require(String library, String className, String coordinates, String feature) {
        try {
            Class.forName(className, false, OptionalLibraries.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(feature + " need " + library + ": add the dependency " + coordinates
                    + " to the application");
        }
    }
}
