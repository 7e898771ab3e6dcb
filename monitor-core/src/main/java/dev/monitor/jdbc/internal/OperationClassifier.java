package dev.monitor.jdbc.internal;

/**
 * Finds the operation of a statement from its leading keyword without building any string: it
 * runs once per prepared statement, so it reads only the first word unless the statement
 * starts with {@code WITH}. Returns the ordinal of {@code dev.monitor.jdbc.SqlOperation}.
 */
public final class OperationClassifier {

    /** Ordinals of {@code SqlOperation}; kept in the same order. */
    public static final int SELECT = 0;
    /** See {@link #SELECT}. */
    public static final int INSERT = 1;
    /** See {@link #SELECT}. */
    public static final int UPDATE = 2;
    /** See {@link #SELECT}. */
    public static final int DELETE = 3;
    /** See {@link #SELECT}. */
    public static final int MERGE = 4;
    /** See {@link #SELECT}. */
    public static final int CALL = 5;
    /** See {@link #SELECT}. */
    public static final int DDL = 6;
    /** See {@link #SELECT}. */
    public static final int OTHER = 7;
    /** How many operations there are. */
    public static final int COUNT = 8;

    private static final int WITH = -1;

    private OperationClassifier() {
    }

    /** The operation ordinal of {@code sql}. */
    public static int classify(String sql) {
        int n = sql.length();
        int i = skipNoise(sql, 0, n, true);
        if (i < 0) {
            return OTHER;
        }
        int end = wordEnd(sql, i, n);
        int verb = verb(sql, i, end);
        if (verb == WITH) {
            return mainVerbAfterWith(sql, end, n);
        }
        return verb;
    }

    /** Skips whitespace, comments and, when {@code leading}, the {@code ( { ? =} of JDBC call escapes; -1 on an unterminated comment. */
    private static int skipNoise(String sql, int i, int n, boolean leading) {
        while (i < n) {
            char c = sql.charAt(i);
            if (c <= ' ' || Character.isWhitespace(c)) {
                i++;
            } else if (leading && (c == '(' || c == '{' || c == '?' || c == '=')) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = lineEnd(sql, i, n);
            } else if (c == '#' && leading) {
                i = lineEnd(sql, i, n);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockCommentEnd(sql, i, n);
                if (i < 0) {
                    return -1;
                }
            } else {
                return i;
            }
        }
        return -1;
    }

    private static int lineEnd(String sql, int i, int n) {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static int blockCommentEnd(String sql, int i, int n) {
        int depth = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && i + 1 < n && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int wordEnd(String sql, int i, int n) {
        while (i < n) {
            char c = sql.charAt(i);
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c == '_') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static int verb(String sql, int start, int end) {
        switch (end - start) {
            case 4:
                if (is(sql, start, "WITH")) {
                    return WITH;
                }
                if (is(sql, start, "CALL") || is(sql, start, "EXEC")) {
                    return CALL;
                }
                if (is(sql, start, "DROP")) {
                    return DDL;
                }
                return OTHER;
            case 5:
                if (is(sql, start, "MERGE")) {
                    return MERGE;
                }
                if (is(sql, start, "ALTER") || is(sql, start, "GRANT")) {
                    return DDL;
                }
                if (is(sql, start, "TABLE")) {
                    return SELECT;
                }
                return OTHER;
            case 6:
                if (is(sql, start, "SELECT")) {
                    return SELECT;
                }
                if (is(sql, start, "INSERT")) {
                    return INSERT;
                }
                if (is(sql, start, "UPDATE")) {
                    return UPDATE;
                }
                if (is(sql, start, "DELETE")) {
                    return DELETE;
                }
                if (is(sql, start, "CREATE") || is(sql, start, "RENAME") || is(sql, start, "REVOKE")) {
                    return DDL;
                }
                if (is(sql, start, "VALUES")) {
                    return SELECT;
                }
                if (is(sql, start, "UPSERT")) {
                    return MERGE;
                }
                return OTHER;
            case 7:
                if (is(sql, start, "REPLACE")) {
                    return INSERT;
                }
                if (is(sql, start, "EXECUTE")) {
                    return CALL;
                }
                if (is(sql, start, "COMMENT")) {
                    return DDL;
                }
                return OTHER;
            case 8:
                return is(sql, start, "TRUNCATE") ? DDL : OTHER;
            default:
                return OTHER;
        }
    }

    /**
     * Whether the word at {@code start} equals {@code upperWord} ignoring ASCII case. The word is
     * letters and {@code _} only (see {@link #wordEnd}), so clearing bit 5 upper-cases it; cheaper
     * than {@code regionMatches(true, …)}, which this runs for every prepared statement.
     */
    private static boolean is(String sql, int start, String upperWord) {
        for (int i = 0, n = upperWord.length(); i < n; i++) {
            if ((sql.charAt(start + i) & ~0x20) != upperWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The verb of the statement a CTE list leads to: the first verb at parenthesis depth 0. */
    private static int mainVerbAfterWith(String sql, int i, int n) {
        int depth = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (c == '\'' || c == '"' || c == '`') {
                int close = sql.indexOf(c, i + 1);
                if (close < 0) {
                    return OTHER;
                }
                i = close + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = lineEnd(sql, i, n);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockCommentEnd(sql, i, n);
                if (i < 0) {
                    return OTHER;
                }
            } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c == '_') {
                int end = wordEnd(sql, i, n);
                if (depth == 0) {
                    int verb = verb(sql, i, end);
                    if (verb == SELECT || verb == INSERT || verb == UPDATE || verb == DELETE || verb == MERGE) {
                        return verb;
                    }
                }
                // identifiers may go on with digits or '$'
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '$')) {
                    end++;
                }
                i = end;
            } else {
                i++;
            }
        }
        return OTHER;
    }
}
