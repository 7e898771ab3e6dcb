package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.jdbc.internal.SanitizedSql;
import dev.monitor.jdbc.internal.SanitizedSqlCache;
import dev.monitor.jdbc.internal.SqlLexer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SqlSanitizerTest {

    private final SqlSanitizer sanitizer = SqlSanitizer.forDialect(SqlDialect.POSTGRESQL);

    @Test
    void publicEntriesRejectNullAndBadSizesWithMessagesNamingTheArgument() {
        assertThatThrownBy(() -> SqlSanitizer.forDialect(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("dialect");
        assertThatThrownBy(() -> sanitizer.sanitize(null)).isInstanceOf(NullPointerException.class).hasMessage("sql");
        assertThatThrownBy(() -> sanitizer.fingerprint(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("sql");
        assertThatThrownBy(() -> sanitizer.withCache(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxEntries must be greater than 0, was 0");
        assertThatThrownBy(() -> SqlDialect.fromJdbcUrl(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("jdbcUrl");
        assertThatThrownBy(() -> SqlOperation.of(null)).isInstanceOf(NullPointerException.class).hasMessage("sql");
    }

    @Test
    void returnsTheSameInstanceWhenNothingChanges() {
        String sql = "SELECT id, name FROM users WHERE id = ?";
        assertThat(sanitizer.sanitize(sql)).isSameAs(sql);
        assertThat(sanitizer.withCache(4).sanitize(sql)).isSameAs(sql);
    }

    @Test
    void statementsThatDifferOnlyInLiteralsWhitespaceCommentsCaseOrListLengthShareAFingerprint() {
        String a = sanitizer.fingerprint("SELECT * FROM users WHERE id = 1 AND kind IN (1, 2)");
        assertThat(a).matches("[0-9a-f]{16}");
        assertThat(sanitizer.fingerprint("select *  from users /* hint */ where id = 987 and kind in (5,6,7,8)"))
                .isEqualTo(a);
        assertThat(sanitizer.fingerprint("SELECT * FROM users WHERE id = ? AND kind IN (?)")).isEqualTo(a);
        assertThat(sanitizer.fingerprint("SELECT * FROM orders WHERE id = 1 AND kind IN (1, 2)")).isNotEqualTo(a);
        assertThat(sanitizer.withCache(16).fingerprint("SELECT * FROM users WHERE id = 2 AND kind IN (3)"))
                .isEqualTo(a);
    }

    @Test
    void fingerprintIsTheFnv1a64HashOfTheLowerCasedSanitizedText() {
        // an independent FNV-1a computation, so that fingerprints stay stable across versions and processes
        String sanitized = "select * from users where id = ?";
        BigInteger hash = new BigInteger("cbf29ce484222325", 16);
        BigInteger prime = new BigInteger("100000001b3", 16);
        BigInteger mod = BigInteger.ONE.shiftLeft(64);
        for (byte b : sanitized.getBytes(StandardCharsets.US_ASCII)) {
            hash = hash.xor(BigInteger.valueOf(b)).multiply(prime).mod(mod);
        }
        String expected = String.format("%016x", hash);
        assertThat(sanitizer.fingerprint("SELECT * FROM users WHERE id = 42")).isEqualTo(expected);
    }

    @Test
    void cacheNeverHoldsMoreThanItsCapacityWhateverTheNumberOfDistinctStatements() {
        SanitizedSqlCache cache = new SanitizedSqlCache(SqlLexer.of(SqlDialect.GENERIC), 64);
        assertThat(cache.capacity()).isEqualTo(64);
        for (int i = 0; i < 100_000; i++) {
            SanitizedSql entry = cache.get("SELECT * FROM t WHERE id = " + i);
            assertThat(entry.sql()).isEqualTo("SELECT * FROM t WHERE id = ?");
        }
        assertThat(cache.filled()).isLessThanOrEqualTo(64).isGreaterThan(0);
    }

    @Test
    void cacheReturnsTheSameEntryForARepeatedStatementAndSkipsHugeOnes() {
        SanitizedSqlCache cache = new SanitizedSqlCache(SqlLexer.of(SqlDialect.MYSQL), 100);
        assertThat(cache.capacity()).isEqualTo(128);
        String sql = "SELECT * FROM t WHERE a = 'x'";
        SanitizedSql first = cache.get(sql);
        assertThat(cache.get(new String(sql.toCharArray()))).isSameAs(first);
        assertThat(first.toString()).doesNotContain("'x'");
        String huge = "SELECT '" + "z".repeat(SanitizedSqlCache.MAX_CACHED_LENGTH) + "'";
        assertThat(cache.get(huge).sql()).isEqualTo("SELECT ?");
        assertThat(cache.contains(huge)).isFalse();
        assertThat(cache.contains(sql)).isTrue();
    }

    @Test
    void twoHotStatementsInTheSameSetBothStayCached() {
        SanitizedSqlCache cache = new SanitizedSqlCache(SqlLexer.of(SqlDialect.H2), 2);
        String a = "SELECT 1";
        String b = "SELECT 2 FROM dual";
        for (int i = 0; i < 10; i++) {
            cache.get(a);
            cache.get(b);
        }
        assertThat(cache.contains(a)).isTrue();
        assertThat(cache.contains(b)).isTrue();
    }

    @Test
    void dialectIsInferredFromJdbcUrlsAndProductNames() {
        assertThat(SqlDialect.fromJdbcUrl("jdbc:postgresql://127.0.0.1:5432/app")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:mysql://127.0.0.1/app")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:mariadb://127.0.0.1/app")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:oracle:thin:@127.0.0.1:1521/XE")).isEqualTo(SqlDialect.ORACLE);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:sqlserver://127.0.0.1;databaseName=app"))
                .isEqualTo(SqlDialect.SQLSERVER);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:jtds:sqlserver://127.0.0.1/app")).isEqualTo(SqlDialect.SQLSERVER);
        assertThat(SqlDialect.fromJdbcUrl("JDBC:H2:mem:test")).isEqualTo(SqlDialect.H2);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:p6spy:postgresql://127.0.0.1/app")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:tc:mysql:8:///app")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:sqlite:app.db")).isEqualTo(SqlDialect.GENERIC);
        assertThat(SqlDialect.fromJdbcUrl("not a url")).isEqualTo(SqlDialect.GENERIC);
        assertThat(SqlDialect.fromProductName("PostgreSQL")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.fromProductName("MariaDB")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.fromProductName("Microsoft SQL Server")).isEqualTo(SqlDialect.SQLSERVER);
        assertThat(SqlDialect.fromProductName("Oracle")).isEqualTo(SqlDialect.ORACLE);
        assertThat(SqlDialect.fromProductName("H2")).isEqualTo(SqlDialect.H2);
        assertThat(SqlDialect.fromProductName("SQLite")).isEqualTo(SqlDialect.GENERIC);
    }

    @Test
    void operationComesFromTheLeadingKeyword() {
        assertThat(SqlOperation.of("SELECT 1")).isEqualTo(SqlOperation.SELECT);
        assertThat(SqlOperation.of("  /* app */ -- x\n (select 1) union (select 2)")).isEqualTo(SqlOperation.SELECT);
        assertThat(SqlOperation.of("insert into t values (1)")).isEqualTo(SqlOperation.INSERT);
        assertThat(SqlOperation.of("REPLACE INTO t VALUES (1)")).isEqualTo(SqlOperation.INSERT);
        assertThat(SqlOperation.of("Update t set a = 1")).isEqualTo(SqlOperation.UPDATE);
        assertThat(SqlOperation.of("DELETE FROM t")).isEqualTo(SqlOperation.DELETE);
        assertThat(SqlOperation.of("MERGE INTO t USING s ON (1=1)")).isEqualTo(SqlOperation.MERGE);
        assertThat(SqlOperation.of("{call p(?)}")).isEqualTo(SqlOperation.CALL);
        assertThat(SqlOperation.of("{? = call f(?)}")).isEqualTo(SqlOperation.CALL);
        assertThat(SqlOperation.of("EXEC sp_who")).isEqualTo(SqlOperation.CALL);
        assertThat(SqlOperation.of("CREATE TABLE t (a int)")).isEqualTo(SqlOperation.DDL);
        assertThat(SqlOperation.of("truncate table t")).isEqualTo(SqlOperation.DDL);
        assertThat(SqlOperation.of("SET search_path TO x")).isEqualTo(SqlOperation.OTHER);
        assertThat(SqlOperation.of("")).isEqualTo(SqlOperation.OTHER);
        assertThat(SqlOperation.of("/* unterminated SELECT")).isEqualTo(SqlOperation.OTHER);
        assertThat(SqlOperation.of("WITH a AS (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b"))
                .isEqualTo(SqlOperation.SELECT);
        assertThat(SqlOperation.of("WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved"))
                .isEqualTo(SqlOperation.INSERT);
        assertThat(SqlOperation.of("WITH x AS (SELECT ')(' AS p) UPDATE t SET a = 1")).isEqualTo(SqlOperation.UPDATE);
        assertThat(SqlOperation.SELECT.tag()).isEqualTo("select");
    }
}
