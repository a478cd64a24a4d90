package org.descent.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weighted metrics of a K-class classifier that outputs a probability vector p_i over the
 * classes, for labels y_i in {0, .., K - 1} with weights w_i, W = sum w_i:
 * <pre>
 *   yhat_i   = argmax_k p_ik, ties going to the lowest index
 *   accuracy = sum w_i [yhat_i == y_i] / W
 *   logLoss  = -sum w_i log clip(p_{i, y_i}, 1e-15, 1 - 1e-15) / W
 *   C[t][k]  = sum of w_i over rows with y_i = t and yhat_i = k    (rows: true class, columns: predicted)
 *   precision_k = C[k][k] / sum_t C[t][k],   recall_k = C[k][k] / sum_j C[k][j],   F1_k their harmonic mean
 * </pre>
 * with macro averages of the three over the classes that occur as a label or a prediction.
 * A class never predicted has precision 0 and a class never present recall 0, as spark.ml's
 * {@code MulticlassMetrics} returns 0 for such a precision: see {@link ConfusionMatrix}.
 * The confusion matrix is kept twice: weighted ({@link #confusionWeight}) and as plain row counts
 * ({@link #confusionCount}); they agree when every weight is 1. The lowest-index tie rule matches
 * {@link BinaryMetrics}' strict threshold for K = 2.
 *
 * <p>See {@link MetricsAccumulator} for weights, merging and NaN rules.
 */
public final class MulticlassMetrics implements MetricsAccumulator<MulticlassMetrics> {

    private static final long serialVersionUID = 1L;

    private final int numClasses;
    private long count;
    private double weightSum;
    private double logLossSum;
    private final ConfusionMatrix confusion;

    public MulticlassMetrics(int numClasses) {
        this.confusion = new ConfusionMatrix(numClasses);
        this.numClasses = numClasses;
    }

    /**
     * Folds in one row; a zero weight leaves this unchanged.
     *
     * @param label the true class, in [0, numClasses)
     * @param probabilities holds the row's class probabilities at {@code offset .. offset + numClasses - 1},
     *                      each in [0, 1] (one row of a flat block of outputs)
     */
    public void add(int label, double[] probabilities, int offset, double weight) {
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException("label must be in [0, " + numClasses + "), got " + label);
        }
        if (offset < 0 || offset > probabilities.length - numClasses) {
            throw new IllegalArgumentException("probabilities of length " + probabilities.length
                    + " have no " + numClasses + " entries at offset " + offset);
        }
        int predicted = 0;
        double best = -1.0;
        for (int k = 0; k < numClasses; k++) {
            double p = RowInputs.requireProbability("probability of class " + k, probabilities[offset + k]);
            if (p > best) {
                best = p;
                predicted = k;
            }
        }
        if (RowInputs.requireValid(weight) == 0.0) {
            return;
        }
        count++;
        weightSum += weight;
        double clipped = Math.max(BinaryMetrics.PROBABILITY_CLIP,
                Math.min(1.0 - BinaryMetrics.PROBABILITY_CLIP, probabilities[offset + label]));
        logLossSum -= weight * Math.log(clipped);
        confusion.add(label, predicted, weight);
    }

    /** Adds {@code other} into this and returns this; {@code other} is unchanged. */
    @Override
    public MulticlassMetrics merge(MulticlassMetrics other) {
        confusion.merge(other.confusion);
        count += other.count;
        weightSum += other.weightSum;
        logLossSum += other.logLossSum;
        return this;
    }

    public int numClasses() {
        return numClasses;
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

    /** Total weight of rows of true class {@code trueClass} predicted as {@code predictedClass}. */
    public double confusionWeight(int trueClass, int predictedClass) {
        return confusion.weight(trueClass, predictedClass);
    }

    /** Number of rows (of positive weight) of true class {@code trueClass} predicted as {@code predictedClass}. */
    public long confusionCount(int trueClass, int predictedClass) {
        return confusion.count(trueClass, predictedClass);
    }

    /** The confusion matrix with the per-class precision, recall, F1 and their macro averages. */
    public ConfusionMatrix confusion() {
        return confusion;
    }

    /**
     * Keys in order: count, weightSum, numClasses, accuracy, logLoss, perClass (a list of
     * {@link ClassScores#toMap} in class order), macroPrecision, macroRecall, macroF1,
     * macroClasses (how many classes the macro averages are over), confusionMatrix (weighted,
     * a list of K rows of K doubles, row = true class), confusionMatrixCounts (the same with row
     * counts, longs).
     */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("weightSum", weightSum);
        map.put("numClasses", numClasses);
        map.put("accuracy", accuracy());
        map.put("logLoss", logLoss());
        map.putAll(confusion.scoresMap());
        map.put("confusionMatrix", confusion.weightRows());
        map.put("confusionMatrixCounts", confusion.countRows());
        return map;
    }

    @Override
    public String toString() {
        return "MulticlassMetrics" + toMap();
    }
}
