package org.descent.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weighted regression metrics of predictions p_i against labels y_i with weights w_i, W = sum w_i:
 * <pre>
 *   MSE  = sum w_i (y_i - p_i)^2 / W          RMSE = sqrt(MSE)
 *   MAE  = sum w_i |y_i - p_i| / W
 *   R^2  = 1 - SS_res / SS_tot,   SS_res = sum w_i (y_i - p_i)^2,   SS_tot = sum w_i (y_i - ybar)^2,
 *          ybar = sum w_i y_i / W
 * </pre>
 * SS_tot is not formed as {@code sum w y^2 - (sum w y)^2 / W}, which cancels catastrophically when
 * the labels sit far from zero (labels near 1e9 have squares near 1e18, whose rounding error
 * exceeds a small SS_tot). Instead the weighted mean and the centred sum of squares are updated
 * row by row (West's weighted form of Welford's update) and partial results are combined with
 * the pairwise formula of Chan, Golub and LeVeque:
 * <pre>
 *   add:   W' = W + w,  d = y - ybar,  ybar' = ybar + d w / W',  M2' = M2 + w d (y - ybar')
 *   merge: W = Wa + Wb,  d = ybar_b - ybar_a,  ybar = ybar_a + d Wb / W,  M2 = M2a + M2b + d^2 Wa Wb / W
 * </pre>
 * Residuals are formed per row before squaring, so SS_res has no such cancellation.
 *
 * <p>Sources: B. P. Welford, Technometrics 4(3), 1962; D. H. D. West, "Updating mean and variance
 * estimates: an improved method", CACM 22(9), 1979; T. F. Chan, G. H. Golub, R. J. LeVeque,
 * "Updating formulae and a pairwise algorithm for computing sample variances", Stanford
 * STAN-CS-79-773, 1979. Definitions as Spark's {@code org.apache.spark.mllib.evaluation.RegressionMetrics}.
 *
 * <p>R^2 is NaN when SS_tot is zero (all labels equal), every metric is NaN before any row is added.
 * See {@link MetricsAccumulator} for weights, merging and NaN rules.
 */
public final class RegressionMetrics implements MetricsAccumulator<RegressionMetrics> {

    private static final long serialVersionUID = 1L;

    private long count;
    private double weightSum;
    private double squaredErrorSum;
    private double absoluteErrorSum;
    private double labelMean;
    /** sum w_i (y_i - ybar)^2: the weighted centred sum of squares of the labels (Welford's M2). */
    private double labelSquaredDeviationSum;

    /** Folds in one row; a zero weight leaves this unchanged. */
    public void add(double label, double prediction, double weight) {
        RowInputs.requireFinite("label", label);
        RowInputs.requireFinite("prediction", prediction);
        if (RowInputs.requireValid(weight) == 0.0) {
            return;
        }
        double error = label - prediction;
        count++;
        weightSum += weight;
        squaredErrorSum += weight * error * error;
        absoluteErrorSum += weight * Math.abs(error);
        double deviation = label - labelMean;
        labelMean += deviation * (weight / weightSum);
        labelSquaredDeviationSum += weight * deviation * (label - labelMean);
    }

    /** Adds {@code other} into this and returns this; {@code other} is unchanged. */
    @Override
    public RegressionMetrics merge(RegressionMetrics other) {
        if (other.weightSum == 0.0) {
            return this;
        }
        double combinedWeight = weightSum + other.weightSum;
        double meanDifference = other.labelMean - labelMean;
        labelSquaredDeviationSum += other.labelSquaredDeviationSum
                + meanDifference * meanDifference * (weightSum * other.weightSum / combinedWeight);
        labelMean += meanDifference * (other.weightSum / combinedWeight);
        count += other.count;
        weightSum = combinedWeight;
        squaredErrorSum += other.squaredErrorSum;
        absoluteErrorSum += other.absoluteErrorSum;
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

    public double meanSquaredError() {
        return squaredErrorSum / weightSum;
    }

    public double rootMeanSquaredError() {
        return Math.sqrt(meanSquaredError());
    }

    public double meanAbsoluteError() {
        return absoluteErrorSum / weightSum;
    }

    /** 1 - SS_res / SS_tot; NaN when SS_tot is zero. */
    public double r2() {
        if (labelSquaredDeviationSum == 0.0) {
            return Double.NaN;
        }
        return 1.0 - squaredErrorSum / labelSquaredDeviationSum;
    }

    /** The weighted mean of the labels, ybar. */
    public double labelMean() {
        return weightSum == 0.0 ? Double.NaN : labelMean;
    }

    /** Keys in order: count, weightSum, mse, rmse, mae, r2. */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("weightSum", weightSum);
        map.put("mse", meanSquaredError());
        map.put("rmse", rootMeanSquaredError());
        map.put("mae", meanAbsoluteError());
        map.put("r2", r2());
        return map;
    }

    @Override
    public String toString() {
        return "RegressionMetrics" + toMap();
    }
}
