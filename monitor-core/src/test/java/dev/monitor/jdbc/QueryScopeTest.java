package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryScopeTest {

    private final RecordingListener listener = new RecordingListener();
    private Connection connection;
    private Statement statement;

    @BeforeEach
    void setUp() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:scopes;DB_CLOSE_DELAY=-1");
        MonitoredDataSource dataSource = MonitoredDataSource.builder(h2).listener(listener)
                .repeatedQueryThreshold(3).build();
        connection = dataSource.getConnection();
        statement = connection.createStatement();
    }

    @AfterEach
    void tearDown() throws SQLException {
        statement.close();
        connection.close();
    }

    @Test
    void openRejectsBadLabelsAndBoundsWithMessagesNamingThem() {
        assertThatThrownBy(() -> QueryScope.open(null)).isInstanceOf(NullPointerException.class).hasMessage("label");
        assertThatThrownBy(() -> QueryScope.open("  ")).hasMessageStartingWith("label must not be blank");
        assertThatThrownBy(() -> QueryScope.open("x".repeat(257)))
                .hasMessage("label must be at most 256 characters, was 257");
        assertThatThrownBy(() -> QueryScope.open("GET /", 0))
                .hasMessage("maxDistinctStatements must be between 1 and 65536, was 0");
    }

    @Test
    void theNumberOfTrackedShapesIsBoundedAndFurtherShapesAreOnlyCounted() throws SQLException {
        try (QueryScope scope = QueryScope.open("batch job", 3)) {
            for (int i = 0; i < 10; i++) {
                statement.executeQuery("SELECT " + i + " AS c" + i).close();
            }
            for (int i = 0; i < 3; i++) {
                statement.executeQuery("SELECT 0 AS c0").close();
            }
            assertThat(scope.distinctStatementCount()).isEqualTo(3);
            assertThat(scope.untrackedStatementCount()).isEqualTo(7);
            assertThat(scope.statementCount()).isEqualTo(13);
        }
        assertThat(listener.repeated).singleElement().satisfies(r -> {
            assertThat(r.count()).isEqualTo(4);
            assertThat(r.sql()).isEqualTo("SELECT ? AS c0");
        });
    }

    @Test
    void manyDistinctShapesWithinTheBoundAreAllCountedExactly() throws SQLException {
        try (QueryScope scope = QueryScope.open("report")) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 200; i++) {
                    statement.executeQuery("SELECT 1 AS c" + i).close();
                }
            }
            assertThat(scope.distinctStatementCount()).isEqualTo(200);
            assertThat(scope.untrackedStatementCount()).isZero();
        }
        assertThat(listener.repeated).hasSize(200).allSatisfy(r -> assertThat(r.count()).isEqualTo(3));
    }

    @Test
    void anInnerScopeHidesTheOuterOneUntilItCloses() throws SQLException {
        try (QueryScope outer = QueryScope.open("outer")) {
            run(2);
            try (QueryScope inner = QueryScope.open("inner")) {
                run(3);
                assertThat(inner.statementCount()).isEqualTo(3);
            }
            run(2);
            assertThat(outer.statementCount()).isEqualTo(4);
        }
        assertThat(listener.repeated).extracting(RepeatedQuery::scope, RepeatedQuery::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("inner", 3),
                        org.assertj.core.groups.Tuple.tuple("outer", 4));
    }

    @Test
    void closingTwiceReportsOnceAndAClosedScopeCountsNothing() throws SQLException {
        QueryScope scope = QueryScope.open("twice");
        run(3);
        scope.close();
        scope.close();
        run(3);
        assertThat(scope.statementCount()).isEqualTo(3);
        assertThat(listener.repeated).hasSize(1);
    }

    @Test
    void aScopeClosedOnAnotherThreadStillReportsAndStopsCounting() throws Exception {
        QueryScope scope = QueryScope.open("handed over");
        run(3);
        CompletableFuture.runAsync(scope::close).get();
        run(3);
        assertThat(scope.statementCount()).isEqualTo(3);
        assertThat(listener.repeated).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(3));
        // a new scope on this thread works as usual
        try (QueryScope next = QueryScope.open("next")) {
            run(1);
            assertThat(next.statementCount()).isEqualTo(1);
        }
    }

    @Test
    void statementsOnOtherThreadsAreNotCountedInThisThreadsScope() throws Exception {
        try (QueryScope scope = QueryScope.open("mine")) {
            CompletableFuture.runAsync(() -> {
                try {
                    run(5);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get();
            assertThat(scope.statementCount()).isZero();
        }
    }

    private void run(int times) throws SQLException {
        for (int i = 0; i < times; i++) {
            statement.executeQuery("SELECT 1 FROM DUAL WHERE 2 = " + i).close();
        }
    }
}
