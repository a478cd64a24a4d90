package org.descent.sampling;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HoldOutRuleTest {

    @Test
    void aboutTheFractionOfRowsIsHeldOutAndAHigherFractionHoldsOutASuperset() {
        HoldOutRule small = new HoldOutRule(42, 0.1);
        HoldOutRule large = new HoldOutRule(42, 0.4);
        int n = 100_000;
        int heldSmall = 0;
        int heldLarge = 0;
        for (long r = 0; r < n; r++) {
            boolean s = small.isHeldOut(r);
            boolean l = large.isHeldOut(r);
            assertTrue(!s || l, "row " + r + ": the same u(r) is compared with both fractions");
            heldSmall += s ? 1 : 0;
            heldLarge += l ? 1 : 0;
        }
        // Binomial standard deviations: sqrt(n p (1-p)) = 95 and 155 rows; 5 of them allowed.
        assertEquals(0.1 * n, heldSmall, 5 * 95);
        assertEquals(0.4 * n, heldLarge, 5 * 155);
    }

    @Test
    void theUniformIsTheSeedDerivationsTopBitsSoItIsPinnedWithIt() {
        HoldOutRule rule = new HoldOutRule(7, 0.5);
        for (long r : new long[]{0, 1, 12345}) {
            assertEquals((SeedDerivation.derive(7, r, -2) >>> 11) * 0x1.0p-53, rule.uniform(r), 0.0);
        }
    }

    @Test
    void aFractionOutsideZeroToOneIsRefusedByName() {
        for (double f : new double[]{0, 1, 1.5, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HoldOutRule(1, f));
            assertTrue(e.getMessage().startsWith("validation-fraction"), e.getMessage());
        }
    }
}
