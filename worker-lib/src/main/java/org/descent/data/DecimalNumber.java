package org.descent.data;

/**
 * The numbers the text formats hold: decimal notation with an optional exponent, and nothing
 * else of Java's literal syntax. The grammar, checked character by character before the text
 * is handed to {@link Double#parseDouble} (which does the correctly rounded conversion):
 *
 * <pre>{@code
 * number   = [sign] (digits ["." [digits]] | "." digits) [exponent]
 * exponent = ("e" | "E") [sign] digits
 * sign     = "+" | "-"
 * }</pre>
 *
 * <p>So {@code 1}, {@code -1}, {@code +1}, {@code .5}, {@code 5.}, {@code 2.5e-3} and
 * {@code 1E6} are numbers. Refused as <i>not a number</i>: what {@code parseDouble} would also
 * take but no data format means, namely hexadecimal floats ({@code 0x1p3}), type suffixes
 * ({@code 1.5f}, {@code 1d}) and surrounding blanks (callers trim where their format allows
 * blanks). Refused as <i>not a finite number</i>: the words {@code nan}, {@code inf} and
 * {@code infinity} in any case, with a sign or not, and decimals beyond the range of a double
 * ({@code 1e999}). A missing value or an infinite one has no meaning to a gradient and would
 * only turn the loss into NaN many iterations later, so it is refused where it is written.
 *
 * <p>Reading a number costs one pass over its characters and the one string
 * {@code parseDouble} needs, as reading it with {@code parseDouble} alone did.
 */
public final class DecimalNumber {

    /** The reason given for text that is not a decimal number at all. */
    public static final String NOT_A_NUMBER = "not a number";

    /** The reason given for nan, inf and decimals that overflow a double. */
    public static final String NOT_FINITE = "not a finite number";

    private DecimalNumber() {
    }

    /**
     * The finite double written as a decimal in {@code text[start, end)}.
     *
     * @throws NumberFormatException whose message is {@link #NOT_A_NUMBER} or {@link #NOT_FINITE},
     *                               the reason a caller puts in its own message
     */
    public static double parseFinite(CharSequence text, int start, int end) {
        if (!isDecimal(text, start, end)) {
            throw new NumberFormatException(isNonFiniteWord(text, start, end) ? NOT_FINITE : NOT_A_NUMBER);
        }
        double value = Double.parseDouble(text.subSequence(start, end).toString());
        if (!Double.isFinite(value)) {
            throw new NumberFormatException(NOT_FINITE);
        }
        return value;
    }

    /** Whether {@code text[start, end)} follows the decimal grammar above (finite or not). */
    public static boolean isDecimal(CharSequence text, int start, int end) {
        int i = start;
        if (i < end && isSign(text.charAt(i))) {
            i++;
        }
        int integerDigits = digitsFrom(text, i, end);
        i += integerDigits;
        int fractionDigits = 0;
        if (i < end && text.charAt(i) == '.') {
            i++;
            fractionDigits = digitsFrom(text, i, end);
            i += fractionDigits;
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < end && isSign(text.charAt(i))) {
                i++;
            }
            int exponentDigits = digitsFrom(text, i, end);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == end;
    }

    /** Whether {@code text[start, end)} spells nan, inf or infinity, in any case, with an optional sign. */
    private static boolean isNonFiniteWord(CharSequence text, int start, int end) {
        int i = start < end && isSign(text.charAt(start)) ? start + 1 : start;
        return equalsIgnoreCase(text, i, end, "nan") || equalsIgnoreCase(text, i, end, "inf")
                || equalsIgnoreCase(text, i, end, "infinity");
    }

    private static boolean equalsIgnoreCase(CharSequence text, int start, int end, String word) {
        if (end - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(text.charAt(start + i)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int digitsFrom(CharSequence text, int from, int end) {
        int i = from;
        while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    private static boolean isSign(char c) {
        return c == '+' || c == '-';
    }
}
