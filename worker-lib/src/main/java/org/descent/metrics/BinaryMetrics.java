package org.descent.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weighted metrics of a binary classifier that outputs p_i = P(y_i = 1), for labels y_i in {0, 1}
 * with weights w_i, W = sum w_i:
 * <pre>
 *   accuracy = sum w_i [ (p_i &gt; 1/2) == (y_i == 1) ] / W
 *   logLoss  = -sum w_i ( y_i log q_i + (1 - y_i) log(1 - q_i) ) / W,   q_i = clip(p_i, 1e-15, 1 - 1e-15)
 *   AUC      = area under the ROC curve, approximated on 2^16 logit bins: see {@link RocHistogram}
 * </pre>
 * A row is predicted positive when p &gt; 1/2 strictly, as Spark's {@code LogisticRegressionModel}
 * does with its default threshold. The clip keeps the log-loss of a confident wrong prediction
 * finite (about 34.5), as scikit-learn's {@code log_loss} did with {@code eps = 1e-15}.
 *
 * <p>See {@link MetricsAccumulator} for weights, merging and NaN rules.
 */
public final class BinaryMetrics implements MetricsAccumulator<BinaryMetrics> {

    private static final long serialVersionUID = 1L;

    /** A row is predicted positive when its probability exceeds this. */
    public static final double THRESHOLD = 0.5;
    /** Probabilities are clipped into [PROBABILITY_CLIP, 1 - PROBABILITY_CLIP] before taking logs. */
    public static final double PROBABILITY_CLIP = 1e-15;

    private long count;
    private double weightSum;
    private double correctWeight;
    private double logLossSum;
    private final RocHistogram rocHistogram = new RocHistogram();

    /**
     * Folds in one row; a zero weight leaves this unchanged.
     *
     * @param label01 0 or 1
     * @param probabilityPositive the predicted P(label = 1), in [0, 1]
     */
    public void add(double label01, double probabilityPositive, double weight) {
        if (label01 != 0.0 && label01 != 1.0) {
            throw new IllegalArgumentException("binary label must be 0 or 1, got " + label01);
        }
        RowInputs.requireProbability("probabilityPositive", probabilityPositive);
        if (RowInputs.requireValid(weight) == 0.0) {
            return;
        }
        boolean positive = label01 == 1.0;
        count++;
        weightSum += weight;
        if ((probabilityPositive > THRESHOLD) == positive) {
            correctWeight += weight;
        }
        double clipped = Math.max(PROBABILITY_CLIP, Math.min(1.0 - PROBABILITY_CLIP, probabilityPositive));
        logLossSum -= weight * (positive ? Math.log(clipped) : Math.log1p(-clipped));
        rocHistogram.add(positive, probabilityPositive, weight);
    }

    /** Adds {@code other} into this and returns this; {@code other} is unchanged. */
    @Override
    public BinaryMetrics merge(BinaryMetrics other) {
        count += other.count;
        weightSum += other.weightSum;
        correctWeight += other.correctWeight;
        logLossSum += other.logLossSum;
        rocHistogram.merge(other.rocHistogram);
        return this;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public double weightSum() {
        return weightSum;
    }

    public double accuracy() {
        return correctWeight / weightSum;
    }

    public double logLoss() {
        return logLossSum / weightSum;
    }

    /** Area under the ROC curve on logit bins (see {@link RocHistogram}); NaN unless both classes occur. */
    public double areaUnderRoc() {
        return rocHistogram.areaUnderCurve();
    }

    /** Keys in order: count, weightSum, accuracy, logLoss, auc. */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("weightSum", weightSum);
        map.put("accuracy", accuracy());
        map.put("logLoss", logLoss());
        map.put("auc", areaUnderRoc());
        return map;
    }

    @Override
    public String toString() {
        return "BinaryMetrics" + toMap();
    }
}
