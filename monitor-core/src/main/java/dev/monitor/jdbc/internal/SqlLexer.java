package dev.monitor.jdbc.internal;

import dev.monitor.jdbc.SqlDialect;

/**
 * A hand-written, single-pass SQL lexer that rewrites a statement with every literal replaced
 * by {@code ?}. One instance per dialect; immutable and thread-safe (each call keeps its state
 * in a {@link Run}).
 *
 * <p>Linear time: every character is looked at a bounded number of times; the only searches
 * that restart are for a dollar-quote tag, whose length is capped at {@link #MAX_DOLLAR_TAG}.
 * Fails closed: an unterminated literal, quoted identifier or comment, or a string whose end
 * is ambiguous in the dialect, ends the output there.
 */
public final class SqlLexer {

    /** Longest dollar-quote tag accepted (PostgreSQL identifiers are at most 63 bytes). */
    static final int MAX_DOLLAR_TAG = 64;

    private static final int NO_BACKSLASH = 0;
    private static final int BACKSLASH_ESCAPES = 1;
    private static final int BACKSLASH_AMBIGUOUS = 2;

    private static final SqlLexer[] BY_DIALECT = new SqlLexer[SqlDialect.values().length];

    static {
        for (SqlDialect dialect : SqlDialect.values()) {
            BY_DIALECT[dialect.ordinal()] = new SqlLexer(dialect);
        }
    }

    private final SqlDialect dialect;
    /** How a backslash inside a plain {@code '…'} string is read. */
    private final int plainBackslash;
    /** How a backslash inside an {@code E'…'} string is read. */
    private final int escapeStringBackslash;
    private final boolean doubleQuoteIsString;
    private final boolean bracketIdentifiers;
    private final boolean dollarQuotes;
    private final boolean hashComments;
    private final boolean qQuotes;
    private final boolean colonDigitBinds;
    private final boolean hashInIdentifiers;
    private final boolean hashStartsIdentifier;
    private final boolean escapeStrings;
    private final boolean charsetIntroducers;
    /** {@code $1} is a placeholder everywhere but SQL Server, where {@code $1.50} is a money literal. */
    private final boolean dollarDigitPlaceholders;
    /** Block comments nest in PostgreSQL and SQL Server; elsewhere the first {@code *}{@code /} ends them. */
    private final boolean nestedComments;
    /** MySQL starts a {@code --} comment only before whitespace: {@code 5--1} is 5 minus minus 1. */
    private final boolean dashDashNeedsSpace;
    /** H2 also has {@code //} line comments. */
    private final boolean slashSlashComments;
    /** GENERIC cannot tell a {@code --x} or {@code //} comment from operators, so either ends the output. */
    private final boolean unsureLineComments;

    private SqlLexer(SqlDialect dialect) {
        this.dialect = dialect;
        boolean generic = dialect == SqlDialect.GENERIC;
        boolean pg = dialect == SqlDialect.POSTGRESQL;
        boolean mysql = dialect == SqlDialect.MYSQL;
        boolean oracle = dialect == SqlDialect.ORACLE;
        boolean sqlServer = dialect == SqlDialect.SQLSERVER;
        boolean h2 = dialect == SqlDialect.H2;
        this.plainBackslash = mysql ? BACKSLASH_ESCAPES : (generic || pg) ? BACKSLASH_AMBIGUOUS : NO_BACKSLASH;
        this.escapeStringBackslash = pg ? BACKSLASH_ESCAPES : BACKSLASH_AMBIGUOUS;
        // MySQL (and SQLite, a likely user of GENERIC) read "…" as a string: hide it when unsure
        this.doubleQuoteIsString = mysql || generic;
        this.bracketIdentifiers = sqlServer;
        this.dollarQuotes = generic || pg || h2;
        this.hashComments = generic || mysql;
        this.qQuotes = generic || oracle;
        this.colonDigitBinds = generic || oracle;
        this.hashInIdentifiers = oracle || sqlServer;
        this.hashStartsIdentifier = sqlServer;
        this.escapeStrings = generic || pg;
        this.charsetIntroducers = generic || mysql;
        this.dollarDigitPlaceholders = !sqlServer;
        this.nestedComments = pg || sqlServer;
        this.dashDashNeedsSpace = mysql;
        this.slashSlashComments = h2;
        this.unsureLineComments = generic;
    }

    /** The shared lexer of a dialect. */
    public static SqlLexer of(SqlDialect dialect) {
        return BY_DIALECT[dialect.ordinal()];
    }

    /** The dialect this lexer reads. */
    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * {@code sql} with literals replaced by {@code ?}, comments removed, whitespace runs folded to
     * one space, {@code IN} lists and multi-row {@code VALUES} collapsed and passwords hidden.
     * Returns {@code sql} itself when nothing changes.
     */
    public String sanitize(String sql) {
        Run run = new Run(sql);
        run.lex();
        StringBuilder out = run.out;
        if (out.length() == sql.length() && sql.contentEquals(out)) {
            return sql;
        }
        return out.toString();
    }

    /**
     * A 64-bit FNV-1a hash of sanitized SQL with ASCII letters folded to lower case, so that
     * {@code select} and {@code SELECT} share a fingerprint. Stable across processes.
     */
    public static long fingerprint(String sanitized) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0, n = sanitized.length(); i < n; i++) {
            char c = sanitized.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            hash ^= c;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** The fingerprint as 16 lowercase hex digits. */
    public static String fingerprintText(long fingerprint) {
        String hex = Long.toHexString(fingerprint);
        return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
    }

    static boolean isSpace(char c) {
        return c <= ' ' || c == 0x7f || c >= 0x80 && (Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean isWordStart(char c) {
        return isAsciiLetter(c) || c == '_' || c >= 0x80 && !isSpace(c) || c == '#' && hashStartsIdentifier;
    }

    private boolean isWordPart(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '_' || c == '$' || c == '#' && hashInIdentifiers
                || c >= 0x80 && !isSpace(c);
    }

    // token kinds, for the state machines that collapse lists and hide passwords
    private static final int WORD = 1;
    private static final int LITERAL = 2;
    private static final int PLACEHOLDER = 3;
    private static final int OPEN = 4;
    private static final int CLOSE = 5;
    private static final int COMMA = 6;
    private static final int SIGN = 7;
    private static final int PUNCT = 8;
    private static final int QUOTED_ID = 9;
    private static final int SEMICOLON = 10;

    // VALUES row collapsing
    private static final int V_NONE = 0;
    private static final int V_EXPECT_FIRST = 1;
    private static final int V_IN_FIRST = 2;
    private static final int V_AFTER_ROW = 3;
    private static final int V_EXPECT_NEXT = 4;
    private static final int V_IN_NEXT = 5;

    /** The state of one {@link #sanitize} call. */
    private final class Run {
        private final String src;
        private final int n;
        private final StringBuilder out;
        private int pos;
        private boolean pendingSpace;
        private boolean stopped;

        /** Parenthesis and bracket depth. */
        private int depth;

        /** Output position where a DATE/TIME/TIMESTAMP/INTERVAL keyword starts, while the next token may be its string. */
        private int typedStart = -1;

        // IN (…) and ARRAY[…] collapsing: at most one list can be "only literals so far" at a time,
        // because the word that opens a nested list already disqualifies the outer one.
        private char expectListOpen;
        private boolean listActive;
        private int listDepth;
        private int listStart;
        private boolean listSawItem;
        private char listClose;

        private int valuesState = V_NONE;
        private int rowDepth;
        private int cutPos;

        // IDENTIFIED BY <password> [REPLACE <old password>]
        private boolean identifiedSeen;
        private boolean hideNext;
        private boolean passwordHidden;

        Run(String src) {
            this.src = src;
            this.n = src.length();
            this.out = new StringBuilder(Math.min(n, 4096) + 16);
        }

        void lex() {
            while (pos < n && !stopped) {
                char c = src.charAt(pos);
                if (isSpace(c)) {
                    pendingSpace = true;
                    pos++;
                } else if (c == '-' && next(1) == '-') {
                    dashDash();
                } else if (c == '/' && next(1) == '/' && (slashSlashComments || unsureLineComments)) {
                    if (unsureLineComments) {
                        stopped = true;
                    } else {
                        skipLine();
                    }
                } else if (c == '/' && next(1) == '*') {
                    skipBlockComment();
                } else if (c == '#' && hashComments) {
                    skipLine();
                } else if (c == '\'') {
                    string('\'', plainBackslash);
                } else if (c == '"') {
                    if (doubleQuoteIsString) {
                        string('"', plainBackslash);
                    } else {
                        quotedIdentifier('"', '"');
                    }
                } else if (c == '`') {
                    quotedIdentifier('`', '`');
                } else if (c == '[' && bracketIdentifiers) {
                    quotedIdentifier('[', ']');
                } else if (c == '$') {
                    dollar();
                } else if (c == '?') {
                    int end = pos + 1;
                    while (end < n && isDigit(src.charAt(end))) {
                        end++;
                    }
                    placeholder(end);
                } else if (c == ':') {
                    colon();
                } else if (c == '@' && (isWordPart(next(1)) || next(1) == '@')) {
                    int end = pos + 1;
                    while (end < n && (src.charAt(end) == '@' || isWordPart(src.charAt(end)))) {
                        end++;
                    }
                    placeholder(end);
                } else if (isDigit(c) || c == '.' && isDigit(next(1)) && !afterWordOrClose()) {
                    number();
                } else if (isWordStart(c)) {
                    word();
                } else {
                    punct(c);
                }
            }
        }

        private char next(int offset) {
            int i = pos + offset;
            return i < n ? src.charAt(i) : '\0';
        }

        private boolean afterWordOrClose() {
            if (pos == 0) {
                return false;
            }
            char p = src.charAt(pos - 1);
            return isWordPart(p) || p == ')' || p == ']' || p == '"' || p == '`';
        }

        // ---- output

        private void append(char c) {
            if (pendingSpace) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
            }
            out.append(c);
        }

        private void append(int start, int end) {
            if (pendingSpace) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
            }
            out.append(src, start, end);
        }

        /** Ends the output: what follows cannot be told apart from literal text. */
        private void failClosed() {
            append('?');
            stopped = true;
        }

        // ---- comments

        /**
         * {@code --}: a comment to the end of the line, except in MySQL where it needs whitespace
         * after it (else it is two minus signs) and in GENERIC, where that doubt ends the output.
         */
        private void dashDash() {
            char after = next(2);
            boolean spaceAfter = pos + 2 >= n || isSpace(after);
            if (spaceAfter || !(dashDashNeedsSpace || unsureLineComments)) {
                skipLine();
            } else if (unsureLineComments) {
                stopped = true;
            } else {
                // shown as "- -" so that the output cannot itself be read as a comment
                punct('-');
                pendingSpace = true;
            }
        }

        private void skipLine() {
            while (pos < n && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                pos++;
            }
            pendingSpace = true;
        }

        /**
         * Skips a block comment. Where comments nest (PostgreSQL, SQL Server) they are read nested.
         * Elsewhere a {@code /*} inside a comment ends the output: a server that nests and one that
         * does not would end the comment at different places, and text one reads as SQL the other
         * may read as a literal.
         */
        private void skipBlockComment() {
            int nesting = 0;
            while (pos < n) {
                char c = src.charAt(pos);
                if (c == '/' && next(1) == '*') {
                    if (nesting > 0 && !nestedComments) {
                        stopped = true;
                        return;
                    }
                    nesting++;
                    pos += 2;
                } else if (c == '*' && next(1) == '/') {
                    nesting--;
                    pos += 2;
                    if (nesting == 0) {
                        pendingSpace = true;
                        return;
                    }
                } else {
                    pos++;
                }
            }
            stopped = true;
        }

        // ---- literals

        /** Reads a quoted string whose opening quote is at {@code pos} and emits {@code ?}. */
        private void string(char quote, int backslash) {
            int i = pos + 1;
            int backslashRun = 0;
            while (i < n) {
                char c = src.charAt(i);
                if (c == '\\' && backslash == BACKSLASH_ESCAPES) {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    if (backslash == BACKSLASH_AMBIGUOUS && (backslashRun & 1) == 1) {
                        // with backslash escapes this quote would be escaped and the string would go on
                        failClosed();
                        return;
                    }
                    if (i + 1 < n && src.charAt(i + 1) == quote) {
                        i += 2;
                        backslashRun = 0;
                        continue;
                    }
                    pos = i + 1;
                    literal(true);
                    return;
                }
                backslashRun = c == '\\' ? backslashRun + 1 : 0;
                i++;
            }
            failClosed();
        }

        /** Oracle {@code q'<delimiter>…<closing delimiter>'}; {@code pos} is at the quote. */
        private void qQuote() {
            if (pos + 1 >= n) {
                failClosed();
                return;
            }
            char open = src.charAt(pos + 1);
            if (isSpace(open)) {
                failClosed();
                return;
            }
            char close = switch (open) {
                case '[' -> ']';
                case '{' -> '}';
                case '(' -> ')';
                case '<' -> '>';
                default -> open;
            };
            for (int i = pos + 2; i + 1 < n; i++) {
                if (src.charAt(i) == close && src.charAt(i + 1) == '\'') {
                    pos = i + 2;
                    literal(true);
                    return;
                }
            }
            failClosed();
        }

        private void dollar() {
            char c1 = next(1);
            if (isDigit(c1) && dollarDigitPlaceholders) {
                int end = pos + 1;
                while (end < n && isDigit(src.charAt(end))) {
                    end++;
                }
                placeholder(end);
                return;
            }
            if (dollarQuotes && (c1 == '$' || isAsciiLetter(c1) || c1 == '_' || c1 >= 0x80)) {
                int tagEnd = pos + 1;
                while (tagEnd < n && tagEnd - pos <= MAX_DOLLAR_TAG && src.charAt(tagEnd) != '$'
                        && (isAsciiLetter(src.charAt(tagEnd)) || isDigit(src.charAt(tagEnd))
                                || src.charAt(tagEnd) == '_' || src.charAt(tagEnd) >= 0x80 && !isSpace(src.charAt(tagEnd)))) {
                    tagEnd++;
                }
                if (tagEnd < n && src.charAt(tagEnd) == '$') {
                    String tag = src.substring(pos, tagEnd + 1);
                    int close = src.indexOf(tag, tagEnd + 1);
                    if (close < 0) {
                        failClosed();
                        return;
                    }
                    pos = close + tag.length();
                    literal(true);
                    return;
                }
                if (tagEnd - pos > MAX_DOLLAR_TAG) {
                    // a tag longer than any database accepts: too long to search for cheaply
                    failClosed();
                    return;
                }
            }
            punct('$');
        }

        private void number() {
            int i = pos;
            boolean hex = src.charAt(i) == '0' && (next(1) == 'x' || next(1) == 'X');
            while (i < n) {
                char c = src.charAt(i);
                if (isAsciiLetter(c) || isDigit(c) || c == '_' || c == '.') {
                    i++;
                } else if ((c == '+' || c == '-') && !hex && i > pos && (src.charAt(i - 1) | 0x20) == 'e'
                        && i + 1 < n && isDigit(src.charAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            pos = i;
            literal(false);
        }

        // ---- identifiers and placeholders

        private void quotedIdentifier(char open, char close) {
            int i = pos + 1;
            while (i < n) {
                if (src.charAt(i) == close) {
                    if (i + 1 < n && src.charAt(i + 1) == close) {
                        i += 2;
                        continue;
                    }
                    int start = pos;
                    pos = i + 1;
                    token(QUOTED_ID, start, pos);
                    return;
                }
                i++;
            }
            failClosed();
        }

        private void colon() {
            char c1 = next(1);
            boolean afterColon = pos > 0 && src.charAt(pos - 1) == ':';
            if (!afterColon && (isAsciiLetter(c1) || c1 == '_' || c1 >= 0x80 && !isSpace(c1))) {
                int end = pos + 1;
                while (end < n && isWordPart(src.charAt(end))) {
                    end++;
                }
                placeholder(end);
            } else if (!afterColon && colonDigitBinds && isDigit(c1)) {
                int end = pos + 1;
                while (end < n && isDigit(src.charAt(end))) {
                    end++;
                }
                placeholder(end);
            } else {
                punct(':');
            }
        }

        private void placeholder(int end) {
            int start = pos;
            pos = end;
            token(PLACEHOLDER, start, end);
        }

        private void word() {
            int start = pos;
            int i = pos + 1;
            while (i < n && isWordPart(src.charAt(i))) {
                i++;
            }
            int len = i - start;
            char after = i < n ? src.charAt(i) : '\0';
            if (after == '\'') {
                char c0 = (char) (src.charAt(start) | 0x20);
                if (len == 1 && c0 == 'e' && escapeStrings) {
                    pos = i;
                    string('\'', escapeStringBackslash);
                    return;
                }
                if (len == 1 && (c0 == 'n' || c0 == 'x' || c0 == 'b')) {
                    pos = i;
                    string('\'', c0 == 'n' ? plainBackslash : NO_BACKSLASH);
                    return;
                }
                if (qQuotes && (len == 1 && c0 == 'q' || len == 2 && c0 == 'n' && (src.charAt(start + 1) | 0x20) == 'q')) {
                    pos = i;
                    qQuote();
                    return;
                }
                if (charsetIntroducers && src.charAt(start) == '_' && len > 1) {
                    pos = i;
                    string('\'', plainBackslash);
                    return;
                }
            } else if (after == '&' && len == 1 && (src.charAt(start) | 0x20) == 'u' && i + 1 < n
                    && src.charAt(i + 1) == '\'') {
                pos = i + 1;
                string('\'', plainBackslash);
                return;
            }
            pos = i;
            token(WORD, start, i);
        }

        private void punct(char c) {
            pos++;
            int kind = switch (c) {
                case '(', '[' -> OPEN;
                case ')', ']' -> CLOSE;
                case ',' -> COMMA;
                case '-', '+' -> SIGN;
                case ';' -> SEMICOLON;
                default -> PUNCT;
            };
            token(kind, pos - 1, pos);
        }

        // ---- emission with the list, VALUES, password and typed-literal state machines

        private void literal(boolean isString) {
            if (hideNext) {
                hideNext = false;
                passwordHidden = true;
            }
            if (isString && typedStart >= 0) {
                // DATE '2024-01-01' is one literal: drop the keyword too
                out.setLength(typedStart);
                pendingSpace = false;
            }
            typedStart = -1;
            append('?');
            afterItem();
        }

        /** Emits a non-literal token and advances the state machines. */
        private void token(int kind, int start, int end) {
            if (hideNext && (kind == WORD || kind == QUOTED_ID || kind == PLACEHOLDER)) {
                hideNext = false;
                passwordHidden = true;
                typedStart = -1;
                append('?');
                afterItem();
                return;
            }
            hideNext = false;
            typedStart = -1;
            if (kind == CLOSE) {
                close(src.charAt(start));
                return;
            }
            append(start, end);
            if (kind == WORD) {
                keyword(start, end);
            } else if (kind == OPEN) {
                open(src.charAt(start));
            } else if (kind == COMMA) {
                expectListOpen = 0;
                if (valuesState == V_AFTER_ROW && depth == rowDepth) {
                    cutPos = out.length() - 1;
                    if (cutPos > 0 && out.charAt(cutPos - 1) == ' ') {
                        cutPos--;
                    }
                    valuesState = V_EXPECT_NEXT;
                } else if (valuesState == V_EXPECT_FIRST || valuesState == V_EXPECT_NEXT) {
                    valuesState = V_NONE;
                }
            } else {
                expectListOpen = 0;
                if (listActive && kind != SIGN && kind != PLACEHOLDER) {
                    listActive = false;
                }
                if (kind == PLACEHOLDER) {
                    listSawItem = true;
                }
                if (valuesState != V_IN_FIRST && valuesState != V_IN_NEXT) {
                    valuesState = V_NONE;
                }
                if (kind == SEMICOLON) {
                    identifiedSeen = false;
                    passwordHidden = false;
                    valuesState = V_NONE;
                    listActive = false;
                }
            }
        }

        private void afterItem() {
            expectListOpen = 0;
            if (listActive) {
                listSawItem = true;
            }
            if (valuesState != V_IN_FIRST && valuesState != V_IN_NEXT) {
                valuesState = V_NONE;
            }
        }

        private void open(char c) {
            depth++;
            if (expectListOpen == c && !listActive) {
                listActive = true;
                listDepth = depth;
                listStart = out.length();
                listSawItem = false;
                listClose = c == '(' ? ')' : ']';
            }
            expectListOpen = 0;
            if (c == '(') {
                if (valuesState == V_EXPECT_FIRST) {
                    rowDepth = depth - 1;
                    valuesState = V_IN_FIRST;
                } else if (valuesState == V_EXPECT_NEXT) {
                    valuesState = V_IN_NEXT;
                } else if (valuesState == V_AFTER_ROW) {
                    valuesState = V_NONE;
                }
            }
        }

        private void close(char c) {
            expectListOpen = 0;
            if (listActive && depth == listDepth && c == listClose) {
                listActive = false;
                if (listSawItem) {
                    out.setLength(listStart);
                    pendingSpace = false;
                    out.append('?');
                }
            }
            if (depth > 0) {
                depth--;
            }
            append(c);
            if (c == ')' && depth == rowDepth) {
                if (valuesState == V_IN_FIRST) {
                    valuesState = V_AFTER_ROW;
                } else if (valuesState == V_IN_NEXT) {
                    // a further row of the same shape: drop ", (…)"
                    out.setLength(cutPos);
                    valuesState = V_AFTER_ROW;
                }
            } else if (valuesState == V_EXPECT_FIRST || valuesState == V_EXPECT_NEXT || valuesState == V_AFTER_ROW) {
                valuesState = V_NONE;
            }
        }

        private void keyword(int start, int end) {
            int len = end - start;
            // any word ends a list of literals
            listActive = false;
            expectListOpen = 0;
            if (valuesState != V_IN_FIRST && valuesState != V_IN_NEXT) {
                valuesState = V_NONE;
            }
            switch (len) {
                case 1:
                    if (is(start, "D") || is(start, "T")) {
                        typedIfJdbcEscape(start);
                    }
                    break;
                case 2:
                    if (is(start, "IN")) {
                        expectListOpen = '(';
                    } else if (is(start, "BY")) {
                        if (identifiedSeen) {
                            hideNext = true;
                        }
                    } else if (is(start, "TS")) {
                        typedIfJdbcEscape(start);
                    }
                    break;
                case 4:
                    if (is(start, "DATE") || is(start, "TIME")) {
                        typedStart = out.length() - len;
                    }
                    break;
                case 5:
                    if (is(start, "ARRAY")) {
                        expectListOpen = '[';
                    } else if (is(start, "VALUE")) {
                        valuesState = V_EXPECT_FIRST;
                    }
                    break;
                case 6:
                    if (is(start, "VALUES")) {
                        valuesState = V_EXPECT_FIRST;
                    } else if (is(start, "TIMETZ")) {
                        typedStart = out.length() - len;
                    }
                    break;
                case 7:
                    if (is(start, "REPLACE") && passwordHidden) {
                        hideNext = true;
                    }
                    break;
                case 8:
                    if (is(start, "INTERVAL")) {
                        typedStart = out.length() - len;
                    }
                    break;
                case 9:
                    if (is(start, "TIMESTAMP")) {
                        typedStart = out.length() - len;
                    }
                    break;
                case 10:
                    if (is(start, "IDENTIFIED")) {
                        identifiedSeen = true;
                    }
                    break;
                case 11:
                    if (is(start, "TIMESTAMPTZ")) {
                        typedStart = out.length() - len;
                    }
                    break;
                default:
                    break;
            }
        }

        /** {@code {d '…'}}, {@code {t '…'}}, {@code {ts '…'}}: JDBC escape literals. */
        private void typedIfJdbcEscape(int start) {
            int p = start - 1;
            while (p >= 0 && isSpace(src.charAt(p))) {
                p--;
            }
            if (p >= 0 && src.charAt(p) == '{') {
                typedStart = out.length() - (pos - start);
            }
        }

        private boolean is(int start, String upperWord) {
            return src.regionMatches(true, start, upperWord, 0, upperWord.length());
        }
    }
}
