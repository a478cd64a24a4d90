package org.descent.data;

/**
 * Reads LIBSVM / SVMlight lines, the format of Spark's {@code MLUtils.loadLibSVMFile}:
 *
 * <pre>{@code
 * <label> <index>:<value> <index>:<value> ... [# comment]
 * }</pre>
 *
 * <ul>
 *   <li>Items are separated by one or more spaces or tabs; leading and trailing blanks, and a
 *       carriage return left by a Windows line end, are ignored.</li>
 *   <li>Indices are 1-based decimal integers (digits only, at most {@code Integer.MAX_VALUE})
 *       and strictly ascending within a line; index {@code i} becomes 0-based column
 *       {@code i - 1}.</li>
 *   <li>The label and values are decimal numbers as {@link DecimalNumber} reads them: an
 *       optional sign, digits with an optional point, an optional exponent ({@code -1},
 *       {@code +1}, {@code 2.5e-3}, {@code .5}, {@code 5.}). Java's other spellings, which
 *       Spark's {@code parseDouble} would take, are refused as not a number (hexadecimal
 *       {@code 0x1p3}, suffixes {@code 1.5f}, {@code 1d}); {@code nan}, {@code inf},
 *       {@code infinity} and decimals beyond a double's range are refused as not a finite
 *       number. Every value is stored, explicit zeros included, as Spark does.</li>
 *   <li>A line that is blank or whose first non-blank character is {@code #} holds no row; an
 *       item starting with {@code #} ends the line (a trailing comment).</li>
 *   <li>A line with only a label is a row with no non-zero features. Every row has weight 1.</li>
 * </ul>
 *
 * <p>Lines are scanned by index with no regular expressions or splitting; indices are read by
 * hand and each number's own characters are checked, then handed to {@code parseDouble}.
 *
 * @see <a href="https://www.csie.ntu.edu.tw/~cjlin/libsvm/">LIBSVM</a> (README, "Quick Start")
 *      for the data format, and Spark's {@code MLUtils.parseLibSVMRecord} for the reading
 *      this parser matches
 */
public final class LibSvmParser implements LineParser {

    private static final long serialVersionUID = 1L;

    private static final char COMMENT = '#';
    private static final char INDEX_VALUE_SEPARATOR = ':';
    private static final double ROW_WEIGHT = 1.0;

    @Override
    public boolean parseLine(CharSequence line, BlockBuilder out) {
        int length = line.length();
        int start = skipBlanks(line, 0, length);
        if (start == length || line.charAt(start) == COMMENT) {
            return false;
        }
        int end = itemEnd(line, start, length);
        double label = parseFinite(line, start, end, "label", start, end);

        out.startRow(label, ROW_WEIGHT);
        try {
            addFeatures(line, skipBlanks(line, end, length), length, out);
        } catch (MalformedDataException e) {
            out.discardRow();
            throw e;
        }
        out.endRow();
        return true;
    }

    private static void addFeatures(CharSequence line, int start, int length, BlockBuilder out) {
        int previousIndex = 0;
        while (start < length && line.charAt(start) != COMMENT) {
            int end = itemEnd(line, start, length);
            int separator = indexOf(line, INDEX_VALUE_SEPARATOR, start, end);
            if (separator < 0) {
                throw new MalformedDataException(line.subSequence(start, end),
                        "feature has no ':' between index and value");
            }
            int index = parsePositiveInt(line, start, separator);
            if (index <= 0) {
                throw new MalformedDataException(line.subSequence(start, end), "index is not a positive integer");
            }
            if (index <= previousIndex) {
                throw new MalformedDataException(line.subSequence(start, end),
                        "indices must be strictly ascending, " + index + " after " + previousIndex);
            }
            double value = parseFinite(line, separator + 1, end, "value", start, end);
            out.addFeature(index - 1, value);
            previousIndex = index;
            start = skipBlanks(line, end, length);
        }
    }

    /**
     * Parses {@code line[start, end)} as a finite decimal ({@link DecimalNumber}), else reports
     * {@code what} (label or value) with {@code line[tokenStart, tokenEnd)} as the offending text.
     */
    private static double parseFinite(CharSequence line, int start, int end, String what,
                                      int tokenStart, int tokenEnd) {
        try {
            return DecimalNumber.parseFinite(line, start, end);
        } catch (NumberFormatException e) {
            throw new MalformedDataException(line.subSequence(tokenStart, tokenEnd), what + " is " + e.getMessage());
        }
    }

    /**
     * Reads {@code line[start, end)} as a decimal integer of digits only; returns -1 if it is
     * empty, has a non-digit or exceeds {@code Integer.MAX_VALUE}.
     */
    private static int parsePositiveInt(CharSequence line, int start, int end) {
        if (start == end) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return (int) value;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static int skipBlanks(CharSequence line, int from, int length) {
        int i = from;
        while (i < length && isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int itemEnd(CharSequence line, int from, int length) {
        int i = from;
        while (i < length && !isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int indexOf(CharSequence line, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "LibSvmParser";
    }
}
