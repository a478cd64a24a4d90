package org.descent.data;

/**
 * A line of input that cannot be read as a row: the text at fault ({@link #token()}), what is
 * wrong with it ({@link #reason()}) and, once known, where ({@link #source()} and
 * {@link #lineNumber()}). Parsers see one line at a time, so they throw without a location;
 * the loader, which knows the file and line, rethrows {@link #withLocation}.
 *
 * <p>Constructor arguments follow the field order source, line, token, reason. The message
 * reads {@code <source>:<line>: <reason>: '<token>'}, for example
 * {@code data/train.svm:17: index is not a positive integer: '0:1.5'}; parts not known are
 * left out ({@code line 17: ...} without a source, no token part without a token).
 */
public final class MalformedDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Longest token kept in full; a longer one keeps its first characters and ends in "...". */
    public static final int MAX_TOKEN_CHARS = 40;

    /** Line number meaning "not known yet". */
    public static final long UNKNOWN_LINE = -1;

    private static final String ELLIPSIS = "...";

    private final String source;
    private final long lineNumber;
    private final String token;
    private final String reason;

    /**
     * A malformed-input failure with no location yet, as parsers throw it.
     *
     * @param token  the offending text, or null if no single piece of text is at fault;
     *               truncated to {@link #MAX_TOKEN_CHARS} characters
     * @param reason what is wrong, e.g. "value is not a number"
     */
    public MalformedDataException(CharSequence token, String reason) {
        this(null, UNKNOWN_LINE, token, reason);
    }

    /**
     * A malformed-input failure at a known place.
     *
     * @param source     the file or other input name, or null if not known
     * @param lineNumber the 1-based line, or {@link #UNKNOWN_LINE}
     * @param token      the offending text, or null; truncated to {@link #MAX_TOKEN_CHARS} characters
     * @param reason     what is wrong
     */
    public MalformedDataException(String source, long lineNumber, CharSequence token, String reason) {
        super(message(source, checkLineNumber(lineNumber), truncate(token), requireReason(reason)));
        this.source = source;
        this.lineNumber = lineNumber;
        this.token = truncate(token);
        this.reason = reason;
    }

    /**
     * The same failure (token, reason and stack trace) located at {@code lineNumber}
     * (1-based) of {@code source}.
     */
    public MalformedDataException withLocation(String source, long lineNumber) {
        MalformedDataException located = new MalformedDataException(source, lineNumber, token, reason);
        located.setStackTrace(getStackTrace());
        return located;
    }

    /** The input's name (a file path), or null if not known. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or {@link #UNKNOWN_LINE}. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The offending text, at most {@link #MAX_TOKEN_CHARS} characters, or null. */
    public String token() {
        return token;
    }

    /** What is wrong, without location or token. */
    public String reason() {
        return reason;
    }

    private static long checkLineNumber(long lineNumber) {
        if (lineNumber < 1 && lineNumber != UNKNOWN_LINE) {
            throw new IllegalArgumentException("line numbers are 1-based (or " + UNKNOWN_LINE + "), got " + lineNumber);
        }
        return lineNumber;
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isEmpty()) {
            throw new IllegalArgumentException("a malformed-data reason must be given");
        }
        return reason;
    }

    /** The token itself if short enough (so truncating twice changes nothing), else its start and "...". */
    private static String truncate(CharSequence token) {
        if (token == null) {
            return null;
        }
        if (token.length() <= MAX_TOKEN_CHARS) {
            return token.toString();
        }
        return token.subSequence(0, MAX_TOKEN_CHARS - ELLIPSIS.length()) + ELLIPSIS;
    }

    private static String message(String source, long lineNumber, String token, String reason) {
        StringBuilder message = new StringBuilder();
        if (source != null) {
            message.append(source).append(':');
            if (lineNumber != UNKNOWN_LINE) {
                message.append(lineNumber).append(':');
            }
            message.append(' ');
        } else if (lineNumber != UNKNOWN_LINE) {
            message.append("line ").append(lineNumber).append(": ");
        }
        message.append(reason);
        if (token != null) {
            message.append(": '").append(token).append('\'');
        }
        return message.toString();
    }
}
