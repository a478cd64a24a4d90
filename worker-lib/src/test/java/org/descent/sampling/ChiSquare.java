package org.descent.sampling;

/**
 * Pearson's chi-square statistic and an upper quantile of its distribution, for tests that check
 * a sampler's frequencies against their expectation with fixed seeds.
 */
final class ChiSquare {

    /** Standard-normal quantile of the bounds the tests use: P(Z &gt; 4.5) &asymp; 3.4e-6. */
    static final double Z = 4.5;

    private ChiSquare() {
    }

    /** sum (observed - expected)^2 / variance over the cells. */
    static double statistic(long[] observed, double[] expected, double[] variance) {
        double sum = 0.0;
        for (int i = 0; i < observed.length; i++) {
            double d = observed[i] - expected[i];
            sum += d * d / variance[i];
        }
        return sum;
    }

    /**
     * The upper quantile of chi-square with {@code degreesOfFreedom} at standard-normal quantile
     * {@code z}, by the Wilson-Hilferty approximation k (1 - 2/(9k) + z sqrt(2/(9k)))^3
     * (E. B. Wilson, M. M. Hilferty, PNAS 17(12), 1931).
     */
    static double upperQuantile(int degreesOfFreedom, double z) {
        double a = 2.0 / (9.0 * degreesOfFreedom);
        double root = 1.0 - a + z * Math.sqrt(a);
        return degreesOfFreedom * root * root * root;
    }
}
