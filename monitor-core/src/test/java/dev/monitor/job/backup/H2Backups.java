package dev.monitor.job.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Real H2 backups for the tests: a database filled with rows, dumped with {@code SCRIPT TO}, restored with {@code RUNSCRIPT FROM}. */
final class H2Backups {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private H2Backups() {
    }

    /**
     * Creates an in-memory H2 database with {@code orders} rows in {@code orders} and a tenth of that in
     * {@code customers}, dumps it to {@code file} with {@code SCRIPT TO … COMPRESSION <compression>} (GZIP or ZIP),
     * and sets the file's last-modified time to {@code modified}.
     */
    static Path backup(Path file, String compression, int orders, Instant modified) throws SQLException, IOException {
        String url = "jdbc:h2:mem:backup-source-" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100))");
            statement.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, note VARCHAR(200))");
            try (PreparedStatement customer = connection.prepareStatement("INSERT INTO customers VALUES (?, ?)")) {
                for (int i = 0; i < orders / 10; i++) {
                    customer.setInt(1, i);
                    customer.setString(2, "customer " + i);
                    customer.addBatch();
                }
                customer.executeBatch();
            }
            try (PreparedStatement order = connection.prepareStatement("INSERT INTO orders VALUES (?, ?, ?)")) {
                for (int i = 0; i < orders; i++) {
                    order.setInt(1, i);
                    order.setInt(2, i / 10);
                    order.setString(3, "order " + i + " of a nightly backup test, with some text to compress");
                    order.addBatch();
                }
                order.executeBatch();
            }
            statement.execute("SCRIPT TO '" + file + "' COMPRESSION " + compression);
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    /**
     * A restore probe: runs the backup with {@code RUNSCRIPT FROM} (compression from the file's extension) into a fresh
     * in-memory scratch database and counts the rows of both tables.
     */
    static RestoreProbe restoreIntoScratchDatabase() {
        return backup -> {
            String compression = backup.getFileName().toString().endsWith(".zip") ? "ZIP" : "GZIP";
            String url = "jdbc:h2:mem:restore-scratch-" + DATABASES.incrementAndGet();
            try (Connection scratch = DriverManager.getConnection(url); Statement statement = scratch.createStatement()) {
                statement.execute("RUNSCRIPT FROM '" + backup + "' COMPRESSION " + compression);
                Map<String, Long> figures = new LinkedHashMap<>();
                figures.put("orders", count(statement, "orders"));
                figures.put("customers", count(statement, "customers"));
                return figures;
            }
        };
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Cuts {@code file} to the first half of its bytes, keeping its last-modified time. */
    static void cutInHalf(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        Files.setLastModifiedTime(file, modified);
    }
}
