package org.descent.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * The weighted K x K confusion matrix of a classifier, C[t][k] = sum of w_i over rows with true
 * class t predicted as k (rows: true class, columns: predicted), and the per-class scores read
 * from it. The plain row counts are kept beside the weights; they agree when every weight is 1.
 * It merges by adding cells, so partial matrices from partitions combine in any order.
 *
 * <p>For class k, with TP_k = C[k][k], support_k = sum_j C[k][j] (weight truly of class k) and
 * predicted_k = sum_t C[t][k] (weight predicted as class k):
 * <pre>
 *   precision_k = TP_k / predicted_k                       (0 when predicted_k = 0)
 *   recall_k    = TP_k / support_k                         (0 when support_k = 0)
 *   F1_k        = 2 precision_k recall_k / (precision_k + recall_k)   (0 when both are 0)
 *   macro X     = (1 / |A|) sum_{k in A} X_k,   A = { k : support_k &gt; 0 or predicted_k &gt; 0 }
 * </pre>
 * <b>Convention for 0 / 0.</b> A class never predicted has precision 0, as spark.ml's
 * {@code MulticlassMetrics.precision} returns; a class never present has recall 0 by the same
 * rule (spark.ml has no entry for it; scikit-learn's {@code zero_division} default also gives 0),
 * and F1 is 0 when precision and recall both are, as spark.ml's {@code fMeasure}. These zeros
 * count in the macro averages, so predicting a class that never occurs lowers them.
 *
 * <p><b>Macro averages</b> are unweighted means of the per-class values (macro F1 is the mean of
 * the F1s, not the F1 of the macro precision and recall, as scikit-learn's
 * {@code f1_score(average='macro')}), over the classes that occur as a true label or a
 * prediction: scikit-learn's default label set. A class that does neither has nothing to
 * score, and counting it as 0 would make a test set that lacks a rare class look worse than
 * the same predictions on the same rows; torchmetrics leaves such a class out too. NaN when no
 * row has been added.
 */
public final class ConfusionMatrix implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int numClasses;
    /** K x K, row-major: entry t * K + k is true class t predicted as k. */
    private final double[] weights;
    private final long[] counts;

    public ConfusionMatrix(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.weights = new double[Math.multiplyExact(numClasses, numClasses)];
        this.counts = new long[numClasses * numClasses];
    }

    /** Adds one row of true class {@code trueClass} predicted as {@code predictedClass}; a zero weight adds nothing. */
    public void add(int trueClass, int predictedClass, double weight) {
        int cell = cell(trueClass, predictedClass);
        if (RowInputs.requireValid(weight) == 0.0) {
            return;
        }
        weights[cell] += weight;
        counts[cell]++;
    }

    /** Adds {@code other}'s cells into this and returns this; {@code other} is unchanged. */
    public ConfusionMatrix merge(ConfusionMatrix other) {
        if (other.numClasses != numClasses) {
            throw new IllegalArgumentException("cannot merge metrics of " + other.numClasses
                    + " classes into metrics of " + numClasses);
        }
        for (int c = 0; c < weights.length; c++) {
            weights[c] += other.weights[c];
            counts[c] += other.counts[c];
        }
        return this;
    }

    public int numClasses() {
        return numClasses;
    }

    /** C[trueClass][predictedClass]: the total weight of rows of true class {@code trueClass} predicted as {@code predictedClass}. */
    public double weight(int trueClass, int predictedClass) {
        return weights[cell(trueClass, predictedClass)];
    }

    /** The number of rows (of positive weight) of true class {@code trueClass} predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        return counts[cell(trueClass, predictedClass)];
    }

    /** The weight of the rows predicted right: the trace of C. */
    public double correctWeight() {
        double correct = 0.0;
        for (int k = 0; k < numClasses; k++) {
            correct += weights[k * numClasses + k];
        }
        return correct;
    }

    /** The weight of the rows whose true class is {@code k}: row k of C summed. */
    public double support(int k) {
        double sum = 0.0;
        for (int j = 0; j < numClasses; j++) {
            sum += weight(k, j);
        }
        return sum;
    }

    /** The weight of the rows predicted as {@code k}: column k of C summed. */
    public double predictedWeight(int k) {
        double sum = 0.0;
        for (int t = 0; t < numClasses; t++) {
            sum += weight(t, k);
        }
        return sum;
    }

    /** TP_k / predicted_k; 0 when class {@code k} was never predicted. */
    public double precision(int k) {
        return ratioOrZero(weight(k, k), predictedWeight(k));
    }

    /** TP_k / support_k; 0 when class {@code k} never occurs. */
    public double recall(int k) {
        return ratioOrZero(weight(k, k), support(k));
    }

    /** The harmonic mean of precision and recall; 0 when both are 0. */
    public double f1(int k) {
        double precision = precision(k);
        double recall = recall(k);
        return ratioOrZero(2.0 * precision * recall, precision + recall);
    }

    public ClassScores scores(int k) {
        return new ClassScores(k, precision(k), recall(k), f1(k), support(k));
    }

    /** One entry per class, in class order, including classes with no rows. */
    public List<ClassScores> perClass() {
        List<ClassScores> table = new ArrayList<>(numClasses);
        for (int k = 0; k < numClasses; k++) {
            table.add(scores(k));
        }
        return table;
    }

    /** |A|: how many classes occur as a true label or a prediction, the classes the macro averages are over. */
    public int macroAveragedClasses() {
        int n = 0;
        for (int k = 0; k < numClasses; k++) {
            if (isScored(k)) {
                n++;
            }
        }
        return n;
    }

    public double macroPrecision() {
        return macroAverage(this::precision);
    }

    public double macroRecall() {
        return macroAverage(this::recall);
    }

    public double macroF1() {
        return macroAverage(this::f1);
    }

    /**
     * The per-class table and macro averages by name, for JSON output. Keys in order: perClass
     * (a list of {@link ClassScores#toMap} in class order), macroPrecision, macroRecall, macroF1,
     * macroClasses (how many classes the averages are over).
     */
    public Map<String, Object> scoresMap() {
        List<Map<String, Object>> table = new ArrayList<>(numClasses);
        for (ClassScores row : perClass()) {
            table.add(row.toMap());
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("perClass", table);
        map.put("macroPrecision", macroPrecision());
        map.put("macroRecall", macroRecall());
        map.put("macroF1", macroF1());
        map.put("macroClasses", macroAveragedClasses());
        return map;
    }

    /** The weighted matrix as K rows of K doubles, row = true class, for JSON output. */
    public List<List<Double>> weightRows() {
        return rows(c -> weights[c]);
    }

    /** The row counts as K rows of K longs, row = true class, for JSON output. */
    public List<List<Long>> countRows() {
        return rows(c -> counts[c]);
    }

    private double macroAverage(IntToDoubleFunction score) {
        double sum = 0.0;
        for (int k = 0; k < numClasses; k++) {
            sum += isScored(k) ? score.applyAsDouble(k) : 0.0;
        }
        return sum / macroAveragedClasses();
    }

    private <T> List<List<T>> rows(IntFunction<T> cellValue) {
        List<List<T>> rows = new ArrayList<>(numClasses);
        for (int t = 0; t < numClasses; t++) {
            List<T> row = new ArrayList<>(numClasses);
            for (int k = 0; k < numClasses; k++) {
                row.add(cellValue.apply(t * numClasses + k));
            }
            rows.add(row);
        }
        return rows;
    }

    private boolean isScored(int k) {
        return support(k) > 0.0 || predictedWeight(k) > 0.0;
    }

    private static double ratioOrZero(double numerator, double denominator) {
        return denominator == 0.0 ? 0.0 : numerator / denominator;
    }

    private int cell(int trueClass, int predictedClass) {
        if (trueClass < 0 || trueClass >= numClasses || predictedClass < 0 || predictedClass >= numClasses) {
            throw new IndexOutOfBoundsException("class pair (" + trueClass + ", " + predictedClass
                    + ") outside [0, " + numClasses + ")");
        }
        return trueClass * numClasses + predictedClass;
    }
}
