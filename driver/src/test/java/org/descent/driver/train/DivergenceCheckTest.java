package org.descent.driver.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DivergenceCheckTest {

    @Test
    void aFiniteLossMillionsOfTimesTheFirstIsDivergence() {
        assertNull(DivergenceCheck.exploded(List.of(2.0, 3.0, 2e6)));
        assertEquals("the loss is 2.00e+06, more than 1e+06 times the first iteration's (1.00000)",
                DivergenceCheck.exploded(List.of(1.0, 3.0, 2e6)));
    }

    @Test
    void aStartNearZeroIsJudgedAgainstOneNotAgainstItsNoise() {
        assertNull(DivergenceCheck.exploded(List.of(1e-15, 1e-3, 0.5)));
        assertEquals("the loss is 2.00e+06, more than 1e+06 times the first iteration's (1.00000e-15)",
                DivergenceCheck.exploded(List.of(1e-15, 2e6)));
    }

    @Test
    void aLossAboveTheCeilingIsDivergenceWhateverTheStart() {
        assertEquals("the loss is 1.78e+264, above 1e+100", DivergenceCheck.exploded(List.of(1e200, 1.78e264)));
        assertNull(DivergenceCheck.exploded(List.of(1e95, 1e99)), "a huge start may grow a little");
    }

    @Test
    void noLossesNoVerdict() {
        assertNull(DivergenceCheck.exploded(List.of()));
    }
}
