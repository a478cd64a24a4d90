package org.descent.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weighted metrics of a binary classifier that outputs p_i = P(y_i = 1), for labels y_i in {0, 1}
 * with weights w_i, W = sum w_i:
 * <pre>
 *   accuracy = sum w_i [ (p_i &gt; 1/2) == (y_i == 1) ] / W
 *   logLoss  = -sum w_i ( y_i log q_i + (1 - y_i) log(1 - q_i) ) / W,   q_i = clip(p_i, 1e-15, 1 - 1e-15)
 *   yhat_i   = 1 if p_i &gt; 1/2, else 0
 *   precision, recall, F1 = those of class 1 (positive) in the confusion matrix of (y_i, yhat_i)
 *   AUC      = area under the ROC curve, ties counting one half
 *   PR AUC   = average precision: sum over thresholds t of (R_t - R_{t-1}) P_t
 * </pre>
 * A row is predicted positive when p &gt; 1/2 strictly, as Spark's {@code LogisticRegressionModel}
 * does with its default threshold. The per-class table (class 0 and class 1) and its macro
 * averages follow {@link ConfusionMatrix}, whose 0 / 0 convention applies: precision is 0 when no
 * row is predicted positive. Both areas are read from logit bins with a bound on their distance
 * from the exact areas, reported beside them: see {@link ScoreHistogram}. The clip keeps the log-loss of a confident wrong prediction
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

    /** Class 1 is positive. */
    private static final int POSITIVE = 1;

    private long count;
    private double weightSum;
    private double logLossSum;
    private final ConfusionMatrix confusion = new ConfusionMatrix(2);
    private final ScoreHistogram scoreHistogram = new ScoreHistogram();

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
        confusion.add(positive ? 1 : 0, probabilityPositive > THRESHOLD ? 1 : 0, weight);
        double clipped = Math.max(PROBABILITY_CLIP, Math.min(1.0 - PROBABILITY_CLIP, probabilityPositive));
        logLossSum -= weight * (positive ? Math.log(clipped) : Math.log1p(-clipped));
        scoreHistogram.add(positive, probabilityPositive, weight);
    }

    /** Adds {@code other} into this and returns this; {@code other} is unchanged. */
    @Override
    public BinaryMetrics merge(BinaryMetrics other) {
        count += other.count;
        weightSum += other.weightSum;
        logLossSum += other.logLossSum;
        confusion.merge(other.confusion);
        scoreHistogram.merge(other.scoreHistogram);
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
        return confusion.correctWeight() / weightSum;
    }

    public double logLoss() {
        return logLossSum / weightSum;
    }

    /** Precision of the positive class at p &gt; 1/2: TP / (TP + FP); 0 when no row is predicted positive. */
    public double precision() {
        return confusion.precision(POSITIVE);
    }

    /** Recall of the positive class at p &gt; 1/2: TP / (TP + FN); 0 when no row is positive. */
    public double recall() {
        return confusion.recall(POSITIVE);
    }

    /** F1 of the positive class at p &gt; 1/2; 0 when precision and recall both are. */
    public double f1() {
        return confusion.f1(POSITIVE);
    }

    /** The 2 x 2 confusion matrix at p &gt; 1/2 (class 0 negative, 1 positive), with the per-class table and macro averages. */
    public ConfusionMatrix confusion() {
        return confusion;
    }

    /** Area under the ROC curve on logit bins, ties counting one half; NaN unless both classes occur. */
    public double areaUnderRoc() {
        return scoreHistogram.areaUnderRoc().value();
    }

    /** The most {@link #areaUnderRoc} can differ from the AUC of the unbinned scores; see {@link ScoreHistogram}. */
    public double areaUnderRocErrorBound() {
        return scoreHistogram.areaUnderRoc().errorBound();
    }

    /** Area under the precision-recall curve as average precision (a step sum); NaN unless a positive occurs. */
    public double areaUnderPr() {
        return scoreHistogram.averagePrecision().value();
    }

    /** The most {@link #areaUnderPr} can differ from the average precision of the unbinned scores; see {@link ScoreHistogram}. */
    public double areaUnderPrErrorBound() {
        return scoreHistogram.averagePrecision().errorBound();
    }

    /**
     * Keys in order: count, weightSum, accuracy, logLoss, precision, recall, f1 (the positive
     * class at p &gt; 1/2), perClass (a list of {@link ClassScores#toMap}, class 0 then 1),
     * macroPrecision, macroRecall, macroF1, macroClasses (how many classes the macro averages
     * are over), auc, aucErrorBound, prAuc, prAucErrorBound.
     */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("weightSum", weightSum);
        map.put("accuracy", accuracy());
        map.put("logLoss", logLoss());
        map.put("precision", precision());
        map.put("recall", recall());
        map.put("f1", f1());
        map.putAll(confusion.scoresMap());
        CurveArea roc = scoreHistogram.areaUnderRoc();
        CurveArea pr = scoreHistogram.averagePrecision();
        map.put("auc", roc.value());
        map.put("aucErrorBound", roc.errorBound());
        map.put("prAuc", pr.value());
        map.put("prAucErrorBound", pr.errorBound());
        return map;
    }

    @Override
    public String toString() {
        return "BinaryMetrics" + toMap();
    }
}
