package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random, truncated and huge inputs: the sanitizer never throws, never shows text that was
 * inside a literal or comment (even when the statement is cut off in the middle of it) and
 * handles 10,000-element IN lists and 1 MB statements.
 */
class SqlSanitizerRobustnessTest {

    /** Only ever placed inside literals and comments by the generator below. */
    private static final char SECRET = 'Ж';

    private static final String[] WORDS = {"select", "FROM", "where", "users", "t1", "a_b", "IN", "VALUES",
        "DATE", "INTERVAL", "IDENTIFIED", "BY", "REPLACE", "ARRAY", "and", "col9", "null", "x", "e", "n", "q", "u",
        "_utf8", "d", "ts"};
    private static final String[] PUNCT = {"(", ")", ",", "=", "<", ">", "+", "-", "*", "/", ";", ".", "::", "[", "]",
        "{", "}", "@", "&", "|", "%", "~", "^"};
    private static final String[] PLACEHOLDERS = {"?", "?1", ":name", "$1", "@p1", ":1"};

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void randomStatementsAndEveryPrefixOfThemNeverShowWhatIsInsideLiteralsOrComments(SqlDialect dialect) {
        Random random = new Random(20240229L + dialect.ordinal());
        SqlSanitizer sanitizer = SqlSanitizer.forDialect(dialect);
        for (int s = 0; s < 600; s++) {
            String sql = statement(random, dialect);
            for (int end = 0; end <= sql.length(); end++) {
                String input = sql.substring(0, end);
                String sanitized = sanitizer.sanitize(input);
                assertThat(sanitized).as("%s: %s", dialect, input).doesNotContain(String.valueOf(SECRET));
                assertThat(sanitized.length()).as("%s: %s", dialect, input).isLessThanOrEqualTo(limit(dialect, input));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void randomCharacterSoupNeverThrowsIsStableAndNeverGrows(SqlDialect dialect) {
        Random random = new Random(7L * (dialect.ordinal() + 1));
        String alphabet = "'\"`[]$\\/*-#\n ?:@qQeEnNxXuU&_{}()0123456789.abc;,=\u00a0Ж\ud800";
        SqlSanitizer sanitizer = SqlSanitizer.forDialect(dialect);
        for (int s = 0; s < 20_000; s++) {
            int length = random.nextInt(120);
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = sb.toString();
            String sanitized = sanitizer.sanitize(input);
            assertThat(sanitized.length()).as(input).isLessThanOrEqualTo(limit(dialect, input));
            assertThat(sanitizer.sanitize(sanitized)).as("stable for %s", input).isEqualTo(sanitized);
        }
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void tenThousandElementInListsCollapseToOnePlaceholder(SqlDialect dialect) {
        SqlSanitizer sanitizer = SqlSanitizer.forDialect(dialect);
        assertThat(sanitizer.sanitize(inList(10_000, i -> Integer.toString(i))))
                .isEqualTo("SELECT * FROM t WHERE id IN (?)");
        assertThat(sanitizer.sanitize(inList(10_000, i -> "'user" + i + "@example.com'")))
                .isEqualTo("SELECT * FROM t WHERE id IN (?)");
        assertThat(sanitizer.sanitize(inList(10_000, i -> "?"))).isEqualTo("SELECT * FROM t WHERE id IN (?)");
        StringBuilder insert = new StringBuilder("INSERT INTO t (a, b) VALUES ");
        for (int i = 0; i < 10_000; i++) {
            insert.append(i == 0 ? "" : ", ").append('(').append(i).append(", 'v").append(i).append("')");
        }
        assertThat(sanitizer.sanitize(insert.toString())).isEqualTo("INSERT INTO t (a, b) VALUES (?, ?)");
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void oneMegabyteStatementsAreSanitizedWhole(SqlDialect dialect) {
        SqlSanitizer sanitizer = SqlSanitizer.forDialect(dialect);
        String literal = "x".repeat(1 << 20);
        assertThat(sanitizer.sanitize("SELECT '" + literal + "' FROM t")).isEqualTo("SELECT ? FROM t");
        assertThat(sanitizer.sanitize("SELECT id FROM t /* " + literal + " */ WHERE a = 1"))
                .isEqualTo("SELECT id FROM t WHERE a = ?");
        assertThat(sanitizer.sanitize("SELECT id FROM t /* " + literal)).isEqualTo("SELECT id FROM t");
        StringBuilder where = new StringBuilder("SELECT id FROM t WHERE a = 0");
        StringBuilder expected = new StringBuilder("SELECT id FROM t WHERE a = ?");
        while (where.length() < (1 << 20)) {
            int i = where.length();
            where.append(" AND c").append(i).append(" = '").append(i).append('\'');
            expected.append(" AND c").append(i).append(" = ?");
        }
        assertThat(sanitizer.sanitize(where.toString())).isEqualTo(expected.toString());
    }

    /**
     * Inputs built to trip a lexer into rescanning (unclosed dollar tags, q-quotes, nested
     * comment openers, escape runs, look-backs over long runs of blanks). A linear lexer handles
     * each 1 MB input in milliseconds; a quadratic one would need hours, so the generous bound
     * only catches that, not ordinary slowness on a busy machine.
     */
    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void pathologicalOneMegabyteInputsStayLinear(SqlDialect dialect) {
        int size = 1 << 20;
        String[] inputs = {
            "$a$ ".repeat(size / 4),
            "$" + "a".repeat(size),
            "q'[".repeat(size / 3),
            "/*".repeat(size / 2),
            "'\\".repeat(size / 2),
            "\\'".repeat(size / 2),
            "''".repeat(size / 2),
            "(".repeat(size) + ")".repeat(size),
            "IN (".repeat(size / 4),
            "VALUES (1),".repeat(size / 11),
            "{" + " ".repeat(size) + "d " + "d ".repeat(size / 2),
            "DATE ".repeat(size / 5),
            "IDENTIFIED BY x REPLACE ".repeat(size / 24),
            "E'".repeat(size / 2),
            "U&'".repeat(size / 3),
            "-".repeat(size),
            "?".repeat(size),
            ":a".repeat(size / 2),
            "0x".repeat(size / 2),
            "1e+".repeat(size / 3),
        };
        SqlSanitizer sanitizer = SqlSanitizer.forDialect(dialect);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String input : inputs) {
                String sanitized = sanitizer.sanitize(input);
                assertThat(sanitized.length()).isLessThanOrEqualTo(limit(dialect, input));
            }
        });
    }

    @Test
    void cachedSanitizerHandlesStatementsLongerThanItsCacheLimit() {
        SqlSanitizer cached = SqlSanitizer.forDialect(SqlDialect.POSTGRESQL).withCache(16);
        String big = "SELECT '" + "y".repeat(100_000) + "', 1";
        assertThat(cached.sanitize(big)).isEqualTo("SELECT ?, ?");
        assertThat(cached.fingerprint(big)).isEqualTo(cached.fingerprint("SELECT 'z', 2"));
    }

    /**
     * Output is never longer than input, except in MySQL, where {@code --} that is not a comment
     * is shown as {@code - -} so the output cannot be read as a comment: at most one space per dash.
     */
    private static int limit(SqlDialect dialect, String input) {
        return dialect == SqlDialect.MYSQL ? input.length() * 2 : input.length();
    }

    private static String inList(int count, Function<Integer, String> element) {
        StringBuilder sb = new StringBuilder("SELECT * FROM t WHERE id IN (");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ", ").append(element.apply(i));
        }
        return sb.append(')').toString();
    }

    // ---- generator of statements whose literals and comments hold SECRET

    private static String statement(Random random, SqlDialect dialect) {
        int tokens = 1 + random.nextInt(25);
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < tokens; t++) {
            if (t > 0) {
                sb.append(random.nextInt(8) == 0 ? "\n\t" : " ");
            }
            int kind = random.nextInt(10);
            switch (kind) {
                case 0, 1, 2 -> sb.append(WORDS[random.nextInt(WORDS.length)]);
                case 3 -> sb.append(PUNCT[random.nextInt(PUNCT.length)]);
                case 4 -> sb.append(PLACEHOLDERS[random.nextInt(PLACEHOLDERS.length)]);
                case 5 -> sb.append(random.nextInt(100_000));
                case 6 -> sb.append(comment(random, dialect));
                default -> sb.append(literal(random, dialect));
            }
        }
        return sb.toString();
    }

    private static String comment(Random random, SqlDialect dialect) {
        String body = content(random, "*/", false);
        return switch (random.nextInt(dialect == SqlDialect.MYSQL || dialect == SqlDialect.GENERIC ? 3 : 2)) {
            case 0 -> "/* " + body.replace("/", "") + " */";
            case 1 -> "-- " + body.replace("\n", " ") + "\n";
            default -> "# " + body.replace("\n", " ") + "\n";
        };
    }

    /** Random text with SECRET in it, from characters that need no escaping except those handled by the caller. */
    private static String content(Random random, String forbidden, boolean withQuotes) {
        String pool = withQuotes ? "ab ,()-*/\"`$#;:?@'\\" : "ab ,()-*;:?@";
        StringBuilder sb = new StringBuilder();
        int length = 1 + random.nextInt(12);
        int at = random.nextInt(length);
        for (int i = 0; i < length; i++) {
            if (i == at) {
                sb.append(SECRET);
            }
            sb.append(pool.charAt(random.nextInt(pool.length())));
        }
        String text = sb.toString();
        return forbidden.isEmpty() ? text : text.replace(forbidden, "");
    }

    private static String literal(Random random, SqlDialect dialect) {
        String raw = content(random, "", true);
        switch (dialect) {
            case MYSQL -> {
                return switch (random.nextInt(4)) {
                    case 0 -> "'" + escapeMySql(raw, '\'') + "'";
                    case 1 -> "\"" + escapeMySql(raw, '"') + "\"";
                    case 2 -> "_utf8mb4'" + escapeMySql(raw, '\'') + "'";
                    default -> "N'" + escapeMySql(raw, '\'') + "'";
                };
            }
            case POSTGRESQL -> {
                return switch (random.nextInt(5)) {
                    case 0 -> "'" + raw.replace("'", "''") + "'";
                    case 1 -> "E'" + escapeMySql(raw, '\'') + "'";
                    case 2 -> "$$" + raw.replace("$", "") + "$$";
                    case 3 -> "$tag$" + raw.replace("$", "") + "$tag$";
                    default -> "U&'" + raw.replace("'", "''") + "'";
                };
            }
            case ORACLE -> {
                return switch (random.nextInt(4)) {
                    case 0 -> "'" + raw.replace("'", "''") + "'";
                    case 1 -> "q'[" + raw.replace("]'", "") + "]'";
                    case 2 -> "Q'{" + raw.replace("}'", "") + "}'";
                    default -> "N'" + raw.replace("'", "''") + "'";
                };
            }
            case SQLSERVER -> {
                return random.nextBoolean() ? "'" + raw.replace("'", "''") + "'" : "N'" + raw.replace("'", "''") + "'";
            }
            case H2 -> {
                return switch (random.nextInt(3)) {
                    case 0 -> "'" + raw.replace("'", "''") + "'";
                    case 1 -> "$$" + raw.replace("$", "") + "$$";
                    default -> "U&'" + raw.replace("'", "''") + "'";
                };
            }
            default -> {
                return switch (random.nextInt(4)) {
                    case 0 -> "'" + raw.replace("'", "''") + "'";
                    case 1 -> "$$" + raw.replace("$", "") + "$$";
                    case 2 -> "q'[" + raw.replace("]'", "") + "]'";
                    default -> "DATE '" + raw.replace("'", "''") + "'";
                };
            }
        }
    }

    private static String escapeMySql(String raw, char quote) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == quote) {
                sb.append(i % 2 == 0 ? "\\" + quote : "" + quote + quote);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
