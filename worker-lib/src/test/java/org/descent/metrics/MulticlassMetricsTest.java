package org.descent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MulticlassMetricsTest {

    private static final double TIGHT = 1e-12;

    /**
     * Three classes; rows (label, probabilities, weight), read from one flat array at offsets
     * 1, 4, 7, 10 (entry 0 is padding):
     *   (0, [0.7 0.2 0.1], 1)  predicted 0, right
     *   (1, [0.3 0.4 0.3], 1)  predicted 1, right
     *   (2, [0.5 0.1 0.4], 2)  predicted 0, wrong
     *   (1, [0.4 0.4 0.2], 1)  tie between 0 and 1 goes to 0, wrong
     * W = 5: accuracy = 2 / 5 = 0.4.
     * logLoss = -(ln 0.7 + ln 0.4 + 2 ln 0.4 + ln 0.4) / 5 = (0.3566749439 + 4 * 0.9162907319) / 5 = 0.8043675743.
     * Weighted confusion (rows true, columns predicted): [[1 0 0] [1 1 0] [2 0 0]]; counts [[1 0 0] [1 1 0] [1 0 0]].
     * Per class, from the weighted matrix:
     *   class 0: TP 1 of predicted 1 + 1 + 2 = 4, so P = 1/4; support 1, R = 1; F1 = 2 (1/4)(1) / (5/4) = 2/5.
     *   class 1: TP 1 of predicted 1, so P = 1; support 2, R = 1/2; F1 = 2 (1/2) / (3/2) = 2/3.
     *   class 2: never predicted, so P = 0 (as spark.ml); support 2, TP 0, R = 0; F1 = 0.
     *   macro, over the 3 classes: P = (1/4 + 1 + 0) / 3 = 5/12, R = (1 + 1/2 + 0) / 3 = 1/2,
     *   F1 = (2/5 + 2/3 + 0) / 3 = 16/45. (With the row counts instead, class 0 would have P = 1/3:
     *   the weight-2 row counts twice.)
     */
    @Test
    void smallWeightedExampleByHand() {
        MulticlassMetrics metrics = handExample();
        assertEquals(4, metrics.count());
        assertEquals(5.0, metrics.weightSum(), TIGHT);
        assertEquals(0.4, metrics.accuracy(), TIGHT);
        assertEquals(0.8043675743, metrics.logLoss(), 1e-10);
        double[][] weights = {{1, 0, 0}, {1, 1, 0}, {2, 0, 0}};
        long[][] counts = {{1, 0, 0}, {1, 1, 0}, {1, 0, 0}};
        for (int t = 0; t < 3; t++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(weights[t][k], metrics.confusionWeight(t, k), TIGHT, "weight " + t + "," + k);
                assertEquals(counts[t][k], metrics.confusionCount(t, k), "count " + t + "," + k);
            }
        }
        ConfusionMatrix confusion = metrics.confusion();
        double[][] precisionRecallF1 = {{1.0 / 4, 1, 2.0 / 5}, {1, 1.0 / 2, 2.0 / 3}, {0, 0, 0}};
        for (int k = 0; k < 3; k++) {
            assertEquals(precisionRecallF1[k][0], confusion.precision(k), TIGHT, "precision " + k);
            assertEquals(precisionRecallF1[k][1], confusion.recall(k), TIGHT, "recall " + k);
            assertEquals(precisionRecallF1[k][2], confusion.f1(k), TIGHT, "F1 " + k);
        }
        assertEquals(5.0 / 12, confusion.macroPrecision(), TIGHT);
        assertEquals(1.0 / 2, confusion.macroRecall(), TIGHT);
        assertEquals(16.0 / 45, confusion.macroF1(), TIGHT);
    }

    @Test
    void mapHoldsTheConfusionMatrixAsRowsOfTrueClasses() {
        var map = handExample().toMap();
        assertEquals(List.of("count", "weightSum", "numClasses", "accuracy", "logLoss", "perClass", "macroPrecision",
                "macroRecall", "macroF1", "macroClasses", "confusionMatrix", "confusionMatrixCounts"),
                List.copyOf(map.keySet()));
        assertEquals(3, ((List<?>) map.get("perClass")).size());
        assertEquals(16.0 / 45, (Double) map.get("macroF1"), TIGHT);
        assertEquals(List.of(List.of(1.0, 0.0, 0.0), List.of(1.0, 1.0, 0.0), List.of(2.0, 0.0, 0.0)), map.get("confusionMatrix"));
        assertEquals(List.of(List.of(1L, 0L, 0L), List.of(1L, 1L, 0L), List.of(1L, 0L, 0L)), map.get("confusionMatrixCounts"));
        assertEquals(3, map.get("numClasses"));
    }

    @Test
    void mergingTwoHalvesEqualsAddingEveryRow() {
        int numClasses = 4;
        SplittableRandom rng = new SplittableRandom(5);
        MulticlassMetrics all = new MulticlassMetrics(numClasses);
        MulticlassMetrics first = new MulticlassMetrics(numClasses);
        MulticlassMetrics second = new MulticlassMetrics(numClasses);
        double[] probabilities = new double[numClasses];
        for (int i = 0; i < 1000; i++) {
            double sum = 0;
            for (int k = 0; k < numClasses; k++) {
                probabilities[k] = rng.nextDouble();
                sum += probabilities[k];
            }
            for (int k = 0; k < numClasses; k++) {
                probabilities[k] /= sum;
            }
            int label = rng.nextInt(numClasses);
            double weight = rng.nextDouble(0.1, 2.0);
            all.add(label, probabilities, 0, weight);
            (i < 500 ? first : second).add(label, probabilities, 0, weight);
        }
        assertSame(first, first.merge(second), "merge returns the receiver");
        assertEquals(all.count(), first.count());
        assertEquals(all.accuracy(), first.accuracy(), TIGHT);
        assertEquals(all.logLoss(), first.logLoss(), TIGHT);
        for (int t = 0; t < numClasses; t++) {
            for (int k = 0; k < numClasses; k++) {
                assertEquals(all.confusionCount(t, k), first.confusionCount(t, k));
                assertEquals(all.confusionWeight(t, k), first.confusionWeight(t, k), TIGHT * all.weightSum());
            }
            assertEquals(all.confusion().f1(t), first.confusion().f1(t), TIGHT);
        }
        assertEquals(all.confusion().macroPrecision(), first.confusion().macroPrecision(), TIGHT);
    }

    @Test
    void aZeroProbabilityForTheTrueClassCostsTheClippedLoss() {
        MulticlassMetrics metrics = new MulticlassMetrics(2);
        metrics.add(1, new double[] {1.0, 0.0}, 0, 1);
        assertEquals(-Math.log(BinaryMetrics.PROBABILITY_CLIP), metrics.logLoss(), TIGHT);
    }

    @Test
    void rejectsInvalidRowsAndMismatchedMerges() {
        MulticlassMetrics metrics = new MulticlassMetrics(3);
        double[] probabilities = {0.2, 0.3, 0.5};
        assertThrows(IllegalArgumentException.class, () -> metrics.add(3, probabilities, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(-1, probabilities, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(0, probabilities, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(0, new double[] {0.2, Double.NaN, 0.8}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(0, probabilities, 0, -1));
        assertEquals(0, metrics.count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> metrics.merge(new MulticlassMetrics(4)));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MulticlassMetrics(1));
    }

    @Test
    void zeroWeightRowsAreIgnored() {
        MulticlassMetrics metrics = handExample();
        metrics.add(2, new double[] {1, 0, 0}, 0, 0.0);
        assertEquals(handExample().toMap(), metrics.toMap());
    }

    @Test
    void survivesSerialization() {
        assertEquals(handExample().toMap(), SerializedCopy.of(handExample()).toMap());
    }

    private static MulticlassMetrics handExample() {
        double[] outputs = {
            -1,                 // padding: rows start at offset 1
            0.7, 0.2, 0.1,
            0.3, 0.4, 0.3,
            0.5, 0.1, 0.4,
            0.4, 0.4, 0.2,
        };
        int[] labels = {0, 1, 2, 1};
        double[] weights = {1, 1, 2, 1};
        MulticlassMetrics metrics = new MulticlassMetrics(3);
        for (int i = 0; i < labels.length; i++) {
            metrics.add(labels[i], outputs, 1 + 3 * i, weights[i]);
        }
        return metrics;
    }
}
