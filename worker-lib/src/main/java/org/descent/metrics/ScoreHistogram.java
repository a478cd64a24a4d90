package org.descent.metrics;

import java.io.Serializable;

/**
 * Weighted histograms of the scores of positive and negative rows, from which the areas under
 * the ROC and precision-recall curves are read, each with a bound on its distance from the
 * exact area. A histogram has a fixed size, so it merges by addition whatever the number of
 * rows; this is what makes both areas computable from partial results without collecting the
 * scores.
 *
 * <p><b>Why bins and not a sort.</b> The exact areas need the scores in order: a distributed
 * sort of (score, label, weight), a shuffle of every row and a second job per evaluation. The
 * histogram is filled in the same pass as the other metrics, is a mergeable partial result
 * that validation during training can compute every few iterations at the cost of one
 * fixed-size array per partition, and reports how far from exact it can be. On logistic scores
 * spread over a few logit units the bounds are about 5e-5 for ROC AUC and 1e-4 to 2e-4 for PR
 * AUC, whatever the number of rows (measured in docs/metrics.md); they are reported beside the
 * areas, so a reader never has to trust the bins blindly.
 *
 * <p><b>Bins.</b> The score is the logit of the predicted probability, logit(p) = log p - log(1 - p),
 * clipped into [-{@value #LOGIT_LIMIT}, {@value #LOGIT_LIMIT}] and cut into {@value #NUM_BINS} equal
 * bins of width 80 / 2^16 &asymp; 0.0012. Binning the logit rather than p keeps resolution where
 * well-trained models put most of their scores, near 0 and 1. The bin is non-decreasing in p, so
 * rows in different bins are ordered as their scores are; only rows sharing a bin lose their
 * order, and both areas are computed as if every bin held tied scores. Equal scores always
 * share a bin, so true ties are handled exactly, the standard way. Each bin also keeps the one
 * probability all its rows have, or a mark that two differ (a <em>mixed</em> bin): a bin of one
 * row or of exact ties is known to be exact and adds nothing to the bounds below.
 *
 * <p><b>ROC AUC</b> is the Mann-Whitney statistic, the weighted probability that a positive
 * outscores a negative, ties counting one half. With pos_b, neg_b the weights in bin b,
 * P = sum pos_b, N = sum neg_b:
 * <pre>
 *   AUC   = sum_b pos_b (negBelow_b + neg_b / 2) / (P N),   negBelow_b = sum_{c &lt; b} neg_c
 *   bound = sum_{b mixed} pos_b neg_b / (2 P N)
 * </pre>
 * A positive-negative pair in one bin counts 1/2 where its exact value is 0, 1/2 or 1 (exactly
 * 1/2 if the bin is not mixed), and every other pair counts exactly, so the AUC is within the
 * bound: half the weighted fraction of pairs that share a mixed bin. It is attained when every
 * such pair is in fact ordered the same way. The bound is 0, and the AUC exact, when no mixed bin
 * holds both classes.
 *
 * <p><b>PR AUC</b> is average precision, the step sum over thresholds taken at each distinct
 * score from the highest, as scikit-learn's {@code average_precision_score}:
 * AP = sum_t (R_t - R_{t-1}) P_t, where tied scores form one threshold. Not spark.ml's
 * {@code areaUnderPR}, which joins (recall, precision) points with trapezoids from a first point
 * (0, precision at the top score): linear interpolation between points of the PR curve is not
 * a curve any classifier attains and overstates the area (Davis and Goadrich 2006), while the
 * step sum is the mean, over positive weight, of the precision at which each positive is
 * recalled. Walking the bins from the highest, with T_b, F_b the positive and negative weight in
 * higher bins and G_b = F_b + neg_b:
 * <pre>
 *   AP    = (1 / P) sum_b pos_b (T_b + pos_b) / (T_b + F_b + pos_b + neg_b)
 *   bound = (1 / P) sum_{b mixed} [ pos_b (T_b + pos_b) / (T_b + F_b + pos_b)  -  L_b ],
 *           L_b = integral_0^{pos_b} (T_b + x) / (T_b + G_b + x) dx = pos_b - G_b ln(1 + pos_b / (T_b + G_b))
 * </pre>
 * (L_b = pos_b when G_b = 0). Why: in the exact sum a positive in bin b is credited
 * (T_b + x) / (T_b + F_b + x + y), x in (0, pos_b] and y in [0, neg_b] being the positive and
 * negative weight of bin b scored at or above it. That is at most the first term's ratio, and,
 * taking y = neg_b and x no more than the running sum of positive weight in score order, the
 * bin's credits form a right Riemann sum of an increasing function, at least L_b. The binned
 * credit lies between the same two, so it is within their difference. A mixed bin's term is 0
 * when no negative weight lies in or above it, and second order in pos_b otherwise.
 *
 * <p>Sources: J. A. Hanley, B. J. McNeil, "The meaning and use of the area under a receiver
 * operating characteristic (ROC) curve", Radiology 143(1), 1982; T. Fawcett, "An introduction to
 * ROC analysis", Pattern Recognition Letters 27(8), 2006; J. Davis, M. Goadrich, "The
 * relationship between precision-recall and ROC curves", ICML 2006. Spark's
 * {@code BinaryClassificationMetrics(numBins)} and Keras' {@code AUC(num_thresholds)} bin scores
 * similarly, without a bound.
 *
 * <p>Memory: three arrays of 2^16 doubles, 1.5 MiB per histogram, shipped once per partition.
 */
public final class ScoreHistogram implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Number of equal-width logit bins: 2^16 keeps the bounds near 1e-4 or below on spread scores for 1.5 MiB a partition. */
    public static final int NUM_BINS = 1 << 16;
    /** Logits are clipped into [-LOGIT_LIMIT, LOGIT_LIMIT]; e^-40 &asymp; 4e-18 is below any useful probability resolution. */
    public static final double LOGIT_LIMIT = 40.0;

    private static final double BINS_PER_LOGIT_UNIT = NUM_BINS / (2 * LOGIT_LIMIT);

    private final double[] positiveWeights = new double[NUM_BINS];
    private final double[] negativeWeights = new double[NUM_BINS];
    /** Per bin, the probability every row in it has, or {@link #MIXED} once two differ; unused while the bin is empty. */
    private final double[] binScores = new double[NUM_BINS];

    /** Marks a bin holding two different probabilities; NaN, so that it differs from every score, itself included. */
    private static final double MIXED = Double.NaN;

    /** Adds a row's weight to its class's histogram at the bin of {@code probability}; a zero weight adds nothing. */
    public void add(boolean positive, double probability, double weight) {
        if (RowInputs.requireValid(weight) == 0.0) {
            return;
        }
        int b = binOf(probability);
        binScores[b] = isEmpty(b) ? probability : sameOrMixed(binScores[b], probability);
        (positive ? positiveWeights : negativeWeights)[b] += weight;
    }

    /** Adds {@code other}'s histograms into this and returns this; {@code other} is unchanged. */
    public ScoreHistogram merge(ScoreHistogram other) {
        for (int b = 0; b < NUM_BINS; b++) {
            if (!other.isEmpty(b)) {
                binScores[b] = isEmpty(b) ? other.binScores[b] : sameOrMixed(binScores[b], other.binScores[b]);
            }
            positiveWeights[b] += other.positiveWeights[b];
            negativeWeights[b] += other.negativeWeights[b];
        }
        return this;
    }

    /** The area under the ROC curve and its bound, as above; undefined unless both classes have positive weight. */
    public CurveArea areaUnderRoc() {
        double positiveTotal = 0.0;
        double negativeTotal = 0.0;
        double concordantWeight = 0.0;
        double sharedBinWeight = 0.0;
        for (int b = 0; b < NUM_BINS; b++) {
            concordantWeight += positiveWeights[b] * (negativeTotal + 0.5 * negativeWeights[b]);
            if (isMixed(b)) {
                sharedBinWeight += positiveWeights[b] * negativeWeights[b];
            }
            negativeTotal += negativeWeights[b];
            positiveTotal += positiveWeights[b];
        }
        if (positiveTotal == 0.0 || negativeTotal == 0.0) {
            return CurveArea.UNDEFINED;
        }
        double pairWeight = positiveTotal * negativeTotal;
        return new CurveArea(concordantWeight / pairWeight, 0.5 * sharedBinWeight / pairWeight);
    }

    /**
     * Average precision (the step-sum area under the precision-recall curve) and its bound, as
     * above; undefined unless some positive has weight. It is 1 when there are no negatives.
     */
    public CurveArea averagePrecision() {
        double positiveAbove = 0.0;
        double negativeAbove = 0.0;
        double creditSum = 0.0;
        double slackSum = 0.0;
        for (int b = NUM_BINS - 1; b >= 0; b--) {
            double positive = positiveWeights[b];
            double negative = negativeWeights[b];
            if (positive > 0.0) {
                creditSum += positive * (positiveAbove + positive) / (positiveAbove + negativeAbove + positive + negative);
            }
            if (positive > 0.0 && isMixed(b)) {
                double most = positive * (positiveAbove + positive) / (positiveAbove + negativeAbove + positive);
                double least = leastCredit(positiveAbove, negativeAbove + negative, positive);
                // Rounding can leave a zero difference (no negative in or above the bin) a few ulps below 0.
                slackSum += Math.max(0.0, most - least);
            }
            positiveAbove += positive;
            negativeAbove += negative;
        }
        if (positiveAbove == 0.0) {
            return CurveArea.UNDEFINED;
        }
        return new CurveArea(creditSum / positiveAbove, slackSum / positiveAbove);
    }

    private boolean isEmpty(int b) {
        // Weights are positive, so a bin's sum is 0 exactly when nothing was added to it.
        return positiveWeights[b] + negativeWeights[b] == 0.0;
    }

    private boolean isMixed(int b) {
        return Double.isNaN(binScores[b]);
    }

    private static double sameOrMixed(double a, double b) {
        return a == b ? a : MIXED;
    }

    /** L = integral_0^p (t + x) / (t + g + x) dx = p - g ln(1 + p / (t + g)); p when g = 0 (the integrand is then 1). */
    private static double leastCredit(double t, double g, double p) {
        return g == 0.0 ? p : p - g * Math.log1p(p / (t + g));
    }

    /** The bin of a probability in [0, 1]: its clipped logit scaled onto 0 .. NUM_BINS - 1. */
    static int binOf(double probability) {
        // log(p) - log1p(-p) is -inf at p = 0 and +inf at p = 1, never NaN; clipping handles both.
        double logit = Math.log(probability) - Math.log1p(-probability);
        double clipped = Math.max(-LOGIT_LIMIT, Math.min(LOGIT_LIMIT, logit));
        return Math.min(NUM_BINS - 1, (int) ((clipped + LOGIT_LIMIT) * BINS_PER_LOGIT_UNIT));
    }
}
