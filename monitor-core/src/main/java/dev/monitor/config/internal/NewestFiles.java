package dev.monitor.config.internal;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Finds the newest regular files whose names match a glob under a directory, by last-modified time: shared by the
 * backup freshness health check and the backup verifier, so both agree on which file is "the newest backup". Not API.
 */
public final class NewestFiles {

    private NewestFiles() {
    }

    /** One matching file. {@code path} is for reading it only: it may hold personal data and is never reported. */
    public record Found(Path path, String name, Instant modified, long size) {
    }

    /**
     * The outcome of a scan.
     *
     * @param newest the newest matching files, newest first, at most as many as asked for
     * @param count how many files matched in all
     * @param interrupted whether the scan stopped because the thread was interrupted
     */
    public record Scan(List<Found> newest, int count, boolean interrupted) {
        /** Copies the list. */
        public Scan {
            newest = List.copyOf(newest);
        }
    }

    /**
     * A matcher of file names for {@code glob} on {@code directory}'s file system.
     *
     * @throws IllegalArgumentException naming {@code option} if the glob is empty or not a valid glob
     */
    public static PathMatcher matcher(Path directory, String option, @Nullable String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException(option + " must not be empty or blank: use a file name pattern such as "
                    + "*.sql.gz (\"*\" for every file), was " + (glob == null ? "null" : "'" + glob + "'"));
        }
        try {
            return directory.getFileSystem().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(option + " '" + glob + "' is not a valid glob: " + e.getDescription(), e);
        }
    }

    /**
     * Walks {@code directory} down to {@code maxDepth} (1: its own files) and keeps the {@code keep} newest regular
     * files whose name matches. Of files modified at the same instant, the one visited first counts as newer. An entry
     * that cannot be read is skipped; the walk stops when the thread is interrupted.
     *
     * @throws IOException if the directory cannot be listed (e.g. {@link java.nio.file.NoSuchFileException})
     */
    public static Scan scan(Path directory, PathMatcher matcher, int maxDepth, int keep) throws IOException {
        Visitor visitor = new Visitor(matcher, keep);
        Files.walkFileTree(directory, EnumSet.noneOf(FileVisitOption.class), maxDepth, visitor);
        return new Scan(visitor.newest, visitor.count, visitor.interrupted);
    }

    /** Keeps the newest matching regular files while the tree is walked. */
    private static final class Visitor extends SimpleFileVisitor<Path> {
        private final PathMatcher matcher;
        private final int keep;
        final List<Found> newest = new ArrayList<>();
        int count;
        boolean interrupted;

        Visitor(PathMatcher matcher, int keep) {
            this.matcher = matcher;
            this.keep = keep;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (Thread.currentThread().isInterrupted()) {
                interrupted = true;
                return FileVisitResult.TERMINATE;
            }
            Path fileName = file.getFileName();
            if (attributes.isRegularFile() && fileName != null && matcher.matches(fileName)) {
                count++;
                Instant time = attributes.lastModifiedTime().toInstant();
                int at = 0;
                while (at < newest.size() && !time.isAfter(newest.get(at).modified())) {
                    at++;
                }
                if (at < keep) {
                    newest.add(at, new Found(file, fileName.toString(), time, attributes.size()));
                    if (newest.size() > keep) {
                        newest.remove(keep);
                    }
                }
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException error) {
            return FileVisitResult.CONTINUE; // an unreadable entry is not the newest backup
        }
    }
}
