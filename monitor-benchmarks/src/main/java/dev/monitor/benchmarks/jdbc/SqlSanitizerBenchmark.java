package dev.monitor.benchmarks.jdbc;

import dev.monitor.jdbc.SqlDialect;
import dev.monitor.jdbc.SqlSanitizer;
import io.opentelemetry.instrumentation.api.incubator.semconv.db.SqlStatementInfo;
import io.opentelemetry.instrumentation.api.incubator.semconv.db.SqlStatementSanitizer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sanitizer throughput on a 250-character statement, uncached and cached, beside
 * OpenTelemetry's sanitizer (its lexer called directly for "uncached", its public cached entry
 * for "cached") and a three-regex sanitizer of the kind often written by hand. Also our
 * uncached lexer on 1 KB, 64 KB and 1 MB statements, to show time per character stays flat.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class SqlSanitizerBenchmark {

    /** 250 characters: strings, numbers, an IN list, a comment. */
    static final String STATEMENT = "SELECT o.id, o.total, c.email FROM orders o JOIN customers c ON c.id = "
            + "o.customer_id WHERE c.email = 'ann@example.com' AND o.status IN ('paid', 'sent', 'done') "
            + "AND o.total > 149 AND o.created_at >= '2024-01-01' /* app=orders */ ORDER BY o.id LIMIT 50";

    private static final MethodHandle OTEL_LEXER = otelLexer();
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|--[^\\n]*", Pattern.DOTALL);
    private static final Pattern STRINGS = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern NUMBERS = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\b");

    private final SqlSanitizer uncached = SqlSanitizer.forDialect(SqlDialect.POSTGRESQL);
    private final SqlSanitizer cached = SqlSanitizer.forDialect(SqlDialect.POSTGRESQL).withCache(1024);
    private final SqlStatementSanitizer otelCached = SqlStatementSanitizer.create(true);

    /** Large statements for the per-character cost. */
    @State(Scope.Benchmark)
    public static class Large {
        @Param({"1024", "65536", "1048576"})
        int size;
        String sql;

        @Setup
        public void build() {
            StringBuilder sb = new StringBuilder("SELECT id FROM t WHERE a = 0");
            while (sb.length() < size) {
                sb.append(" AND c").append(sb.length()).append(" = 'v").append(sb.length()).append('\'');
            }
            sql = sb.toString();
        }
    }

    @Setup
    public void check() {
        if (STATEMENT.length() != 250) {
            throw new IllegalStateException("statement must be 250 characters, is " + STATEMENT.length());
        }
    }

    private static MethodHandle otelLexer() {
        try {
            Class<?> lexer = Class.forName(
                    "io.opentelemetry.instrumentation.api.incubator.semconv.db.AutoSqlSanitizer");
            Method sanitize = lexer.getDeclaredMethod("sanitize", String.class,
                    io.opentelemetry.instrumentation.api.incubator.semconv.db.SqlDialect.class);
            sanitize.setAccessible(true);
            return MethodHandles.lookup().unreflect(sanitize);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("OpenTelemetry's sanitizer changed shape", e);
        }
    }

    @Benchmark
    public String oursUncached() {
        return uncached.sanitize(STATEMENT);
    }

    @Benchmark
    public String oursCached() {
        return cached.sanitize(STATEMENT);
    }

    @Benchmark
    public String otelUncached() throws Throwable {
        SqlStatementInfo info = (SqlStatementInfo) OTEL_LEXER.invokeExact(STATEMENT,
                io.opentelemetry.instrumentation.api.incubator.semconv.db.SqlDialect.DEFAULT);
        return info.getFullStatement();
    }

    @Benchmark
    public String otelCached() {
        return otelCached.sanitize(STATEMENT).getFullStatement();
    }

    @Benchmark
    public String regex() {
        String sql = COMMENTS.matcher(STATEMENT).replaceAll("");
        sql = STRINGS.matcher(sql).replaceAll("?");
        return NUMBERS.matcher(sql).replaceAll("?");
    }

    @Benchmark
    public String oursUncachedLarge(Large large) {
        return uncached.sanitize(large.sql);
    }
}
