package org.descent.metrics;

import java.io.Serializable;

/**
 * Weighted histograms of the scores of positive and negative rows, from which the area under the
 * ROC curve is read. A histogram has a fixed size, so it merges by addition, whatever the number
 * of rows; this is what makes AUC computable from partial results without collecting the scores.
 *
 * <p>The score is the logit of the predicted probability, logit(p) = log p - log(1 - p), clipped
 * into [-{@value #LOGIT_LIMIT}, {@value #LOGIT_LIMIT}] and cut into {@value #NUM_BINS} equal bins of
 * width 80 / 2^16 &asymp; 0.0012. Binning the logit rather than p keeps resolution where
 * well-trained models put most of their scores, near 0 and 1.
 *
 * <p>AUC is the Mann-Whitney statistic, the weighted probability that a positive outscores a
 * negative, ties counting one half:
 * <pre>
 *   AUC = sum_b pos_b (negBelow_b + neg_b / 2) / (sum_b pos_b * sum_b neg_b),   negBelow_b = sum_{c &lt; b} neg_c
 * </pre>
 * <b>Approximation:</b> every pair of scores that fall in the same bin counts as a tie, one half,
 * so the result differs from the exact AUC by at most half the weighted fraction of
 * positive-negative pairs sharing a bin (and scores with |logit| &gt; 40, i.e. p within about 4e-18
 * of 0 or 1, are tied with the limit). The result is exact when no bin holds both classes, so
 * perfectly separated scores give exactly 1 and constant scores exactly 1/2.
 *
 * <p>Sources: J. A. Hanley, B. J. McNeil, "The meaning and use of the area under a receiver
 * operating characteristic (ROC) curve", Radiology 143(1), 1982; T. Fawcett, "An introduction to
 * ROC analysis", Pattern Recognition Letters 27(8), 2006. Spark's {@code BinaryClassificationMetrics}
 * and Keras' {@code AUC(num_thresholds)} bin scores similarly.
 *
 * <p>Memory: two arrays of 2^16 doubles, 1 MiB per histogram, shipped once per partition.
 */
public final class RocHistogram implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Number of equal-width logit bins: 2^16. */
    public static final int NUM_BINS = 1 << 16;
    /** Logits are clipped into [-LOGIT_LIMIT, LOGIT_LIMIT]; e^-40 &asymp; 4e-18 is below any useful probability resolution. */
    public static final double LOGIT_LIMIT = 40.0;

    private static final double BINS_PER_LOGIT_UNIT = NUM_BINS / (2 * LOGIT_LIMIT);

    private final double[] positiveWeights = new double[NUM_BINS];
    private final double[] negativeWeights = new double[NUM_BINS];

    /** Adds a row's weight to its class's histogram at the bin of {@code probability}. */
    public void add(boolean positive, double probability, double weight) {
        (positive ? positiveWeights : negativeWeights)[binOf(probability)] += weight;
    }

    /** Adds {@code other}'s histograms into this and returns this; {@code other} is unchanged. */
    public RocHistogram merge(RocHistogram other) {
        for (int b = 0; b < NUM_BINS; b++) {
            positiveWeights[b] += other.positiveWeights[b];
            negativeWeights[b] += other.negativeWeights[b];
        }
        return this;
    }

    /** The area under the ROC curve as above; NaN unless both classes have positive weight. */
    public double areaUnderCurve() {
        double positiveTotal = 0.0;
        double negativeTotal = 0.0;
        double concordantWeight = 0.0;
        for (int b = 0; b < NUM_BINS; b++) {
            concordantWeight += positiveWeights[b] * (negativeTotal + 0.5 * negativeWeights[b]);
            negativeTotal += negativeWeights[b];
            positiveTotal += positiveWeights[b];
        }
        if (positiveTotal == 0.0 || negativeTotal == 0.0) {
            return Double.NaN;
        }
        return concordantWeight / (positiveTotal * negativeTotal);
    }

    /** The bin of a probability in [0, 1]: its clipped logit scaled onto 0 .. NUM_BINS - 1. */
    static int binOf(double probability) {
        // log(p) - log1p(-p) is -inf at p = 0 and +inf at p = 1, never NaN; clipping handles both.
        double logit = Math.log(probability) - Math.log1p(-probability);
        double clipped = Math.max(-LOGIT_LIMIT, Math.min(LOGIT_LIMIT, logit));
        return Math.min(NUM_BINS - 1, (int) ((clipped + LOGIT_LIMIT) * BINS_PER_LOGIT_UNIT));
    }
}
