package org.descent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalNumberTest {

    private static double parse(String text) {
        return DecimalNumber.parseFinite(text, 0, text.length());
    }

    private static String refusal(String text) {
        return assertThrows(NumberFormatException.class, () -> parse(text), text).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "+1", "-0", ".5", "5.", "-.5", "+5.", "2.5e-3", "1E6", "1e+6", "007",
            "123456789012345678901234567890", "1.7976931348623157e308", "4.9e-324", "1e-400"})
    void decimalSpellingsReadAsParseDoubleReadsThem(String text) {
        assertEquals(Double.parseDouble(text), parse(text), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0x1p3", "0X1.8P1", "1.5f", "1.5F", "1d", "1D", "2e3d", "' 1'", "'1 '", "''", "+", "-", ".", "e5", "1e",
            "1e+", "1.2.3", "1,5", "--1", "+-1", "1_000", "٣", "abc", "1:2", "Infinityx", "nanx", "0b1"})
    void javaLiteralSpellingsAndOtherTextAreNotNumbers(String text) {
        assertEquals(DecimalNumber.NOT_A_NUMBER, refusal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "NaN", "-nan", "inf", "-inf", "+Inf", "INF", "infinity", "Infinity", "-Infinity",
            "1e999", "-1e400", "1.8e308"})
    void nanInfinityAndOverflowingDecimalsAreNotFiniteNumbers(String text) {
        assertEquals(DecimalNumber.NOT_FINITE, refusal(text));
    }

    @ParameterizedTest
    @CsvSource({"'1 2.5e1 x', 2, 7, 25", "'x-3.y', 1, 4, -3", "'[.5]', 1, 3, 0.5"})
    void onlyTheGivenRangeOfTheTextIsRead(String text, int start, int end, double expected) {
        assertEquals(expected, DecimalNumber.parseFinite(text, start, end));
    }
}
