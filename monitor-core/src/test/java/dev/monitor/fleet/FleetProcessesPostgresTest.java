package dev.monitor.fleet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/** The fleet of three JVMs on an embedded PostgreSQL. */
class FleetProcessesPostgresTest extends FleetProcessesContract {

    private EmbeddedPostgres postgres;

    @Override
    Database startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start(); // a hang guard
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE fleet");
        }
        return new Database(postgres.getJdbcUrl("postgres", "fleet"), "postgres", "");
    }

    @Override
    void stopDatabase() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
