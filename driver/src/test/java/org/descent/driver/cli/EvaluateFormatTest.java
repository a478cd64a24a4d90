package org.descent.driver.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How evaluate prints a metric: readable at every magnitude, never hundreds of digits. */
class EvaluateFormatTest {

    @Test
    void aDivergedModelsHugeErrorIsScientific() {
        assertEquals("1.780000e+264", EvaluateCommand.readable(1.78e264));
        assertEquals("-2.500000e+07", EvaluateCommand.readable(-2.5e7 - 0.5));
    }

    @Test
    void ordinaryMagnitudesHaveSixDecimals() {
        assertEquals("0.123457", EvaluateCommand.readable(0.123456789));
        assertEquals("1234.500000", EvaluateCommand.readable(1234.5));
        assertEquals("0.001000", EvaluateCommand.readable(0.001));
    }

    @Test
    void tinyValuesAreScientificNotZero() {
        assertEquals("1.000000e-12", EvaluateCommand.readable(1e-12));
        assertEquals("9.990000e-04", EvaluateCommand.readable(0.000999));
    }

    @Test
    void wholeNumbersAreIntegersAndNonFiniteValuesAreNamed() {
        assertEquals("0", EvaluateCommand.readable(0.0));
        assertEquals("1", EvaluateCommand.readable(1.0));
        assertEquals("20000", EvaluateCommand.readable(20000.0));
        assertEquals("1.000000e+15", EvaluateCommand.readable(1e15));
        assertEquals("NaN", EvaluateCommand.readable(Double.NaN));
        assertEquals("Infinity", EvaluateCommand.readable(Double.POSITIVE_INFINITY));
    }
}
