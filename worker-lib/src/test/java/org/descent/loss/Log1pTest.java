package org.descent.loss;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Log1pTest {

    /** Error in units of the last place of the exact-to-rounding reference. */
    private static double ulpsFromReference(double x) {
        double reference = StrictMath.log1p(x);
        return Math.abs(Log1p.of(x) - reference) / Math.ulp(reference);
    }

    @Test
    void isWithinTwoUlpsOfStrictMathAcrossEveryScaleTheLossesUse() {
        SplittableRandom random = new SplittableRandom(42);
        double worst = 0;
        // Logistic loss: x = e^{-|z|} in (0, 1]; softmax: a sum of such terms, up to K - 1.
        for (int i = 0; i < 2_000_000; i++) {
            double x = Math.pow(2, -1074 + random.nextDouble() * (1074 + 40));
            worst = Math.max(worst, ulpsFromReference(x));
        }
        for (int i = 0; i < 1_000_000; i++) {
            worst = Math.max(worst, ulpsFromReference(random.nextDouble()));
        }
        assertEquals(0, worst, 2, "worst error in ulps");
    }

    @Test
    void isExactWhereOnePlusXRoundsToOne() {
        for (double x : new double[]{Double.MIN_VALUE, 1e-300, 1e-20, 0x1p-54}) {
            assertEquals(StrictMath.log1p(x), Log1p.of(x), 0.0, "x = " + x);
        }
    }

    @Test
    void matchesLog1pAtTheEdges() {
        assertEquals(0.0, Log1p.of(0.0), 0.0);
        assertEquals(Math.log(2), Log1p.of(1.0), Math.ulp(Math.log(2)));
        assertEquals(Math.log1p(-0.5), Log1p.of(-0.5), 0.0);
        assertEquals(Math.log1p(1e300), Log1p.of(1e300), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Log1p.of(Double.POSITIVE_INFINITY));
        assertEquals(Double.NaN, Log1p.of(Double.NaN));
        assertEquals(Double.NEGATIVE_INFINITY, Log1p.of(-1.0));
    }
}
