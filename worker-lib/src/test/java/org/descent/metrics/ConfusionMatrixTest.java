package org.descent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private static final double TIGHT = 1e-12;

    /**
     * 15 rows of weight 1 (rows: true class, columns: predicted):
     * <pre>
     *            pred 0  pred 1  pred 2   support
     *   true 0      5       0       1        6
     *   true 1      2       3       0        5
     *   true 2      1       1       2        4
     *   predicted   8       4       3
     * </pre>
     * precision = diagonal / column, recall = diagonal / row, F1 = 2PR / (P + R):
     *   class 0: P = 5/8, R = 5/6, F1 = 2 (5/8)(5/6) / (5/8 + 5/6) = (25/24) / (35/24) = 5/7
     *   class 1: P = 3/4, R = 3/5, F1 = 2 (3/4)(3/5) / (3/4 + 3/5) = (9/10) / (27/20) = 2/3
     *   class 2: P = 2/3, R = 2/4, F1 = 2 (2/3)(1/2) / (2/3 + 1/2) = (2/3) / (7/6)  = 4/7
     * macro P  = (5/8 + 3/4 + 2/3) / 3 = (15 + 18 + 16) / 72 = 49/72
     * macro R  = (5/6 + 3/5 + 1/2) / 3 = (25 + 18 + 15) / 90 = 29/45
     * macro F1 = (5/7 + 2/3 + 4/7) / 3 = (15 + 14 + 12) / 63 = 41/63   (not the F1 of macro P and R, 0.6620...)
     * correct weight = 5 + 3 + 2 = 10.
     */
    @Test
    void threeClassMatrixByHand() {
        ConfusionMatrix matrix = fromCells(new long[][] {{5, 0, 1}, {2, 3, 0}, {1, 1, 2}});
        assertScores(matrix.scores(0), 5.0 / 8, 5.0 / 6, 5.0 / 7, 6);
        assertScores(matrix.scores(1), 3.0 / 4, 3.0 / 5, 2.0 / 3, 5);
        assertScores(matrix.scores(2), 2.0 / 3, 2.0 / 4, 4.0 / 7, 4);
        assertEquals(3, matrix.macroAveragedClasses());
        assertEquals(49.0 / 72, matrix.macroPrecision(), TIGHT);
        assertEquals(29.0 / 45, matrix.macroRecall(), TIGHT);
        assertEquals(41.0 / 63, matrix.macroF1(), TIGHT);
        assertEquals(10.0, matrix.correctWeight(), TIGHT);
        assertEquals(8.0, matrix.predictedWeight(0), TIGHT);
    }

    /**
     * Four classes; class 3 never occurs as a label but two rows of class 2 are predicted as 3:
     * <pre>
     *            pred 0  pred 1  pred 2  pred 3   support
     *   true 0      2       0       0       0        2
     *   true 1      0       1       1       0        2
     *   true 2      0       0       1       2        3
     *   true 3      0       0       0       0        0
     * </pre>
     * class 3: TP = 0 of 2 predicted, so P = 0; recall is 0 / 0, 0 by convention; F1 = 0.
     * class 2: P = 1/2, R = 1/3, F1 = 2 (1/2)(1/3) / (5/6) = 2/5.
     * class 1: P = 1, R = 1/2, F1 = 2/3.   class 0: P = R = F1 = 1.
     * Class 3 was predicted, so it counts in the macro averages, over 4 classes:
     * macro P = (1 + 1 + 1/2 + 0) / 4 = 5/8; macro R = (1 + 1/2 + 1/3 + 0) / 4 = 11/24;
     * macro F1 = (1 + 2/3 + 2/5 + 0) / 4 = (15 + 10 + 6) / 60 = 31/60.
     */
    @Test
    void aClassPredictedButNeverPresentHasPrecisionAndRecallZeroAndCountsInTheMacroAverages() {
        ConfusionMatrix matrix = fromCells(new long[][] {{2, 0, 0, 0}, {0, 1, 1, 0}, {0, 0, 1, 2}, {0, 0, 0, 0}});
        assertScores(matrix.scores(3), 0, 0, 0, 0);
        assertScores(matrix.scores(2), 1.0 / 2, 1.0 / 3, 2.0 / 5, 3);
        assertScores(matrix.scores(1), 1, 1.0 / 2, 2.0 / 3, 2);
        assertScores(matrix.scores(0), 1, 1, 1, 2);
        assertEquals(4, matrix.macroAveragedClasses());
        assertEquals(5.0 / 8, matrix.macroPrecision(), TIGHT);
        assertEquals(11.0 / 24, matrix.macroRecall(), TIGHT);
        assertEquals(31.0 / 60, matrix.macroF1(), TIGHT);
    }

    /**
     * The 3-class matrix above inside a 4-class model whose class 3 neither occurs nor is
     * predicted: its row of the table reads 0 with support 0, and the macro averages stay those
     * of the 3 classes, not 3/4 of them.
     */
    @Test
    void aClassNeitherPresentNorPredictedIsLeftOutOfTheMacroAverages() {
        ConfusionMatrix matrix = fromCells(new long[][] {{5, 0, 1, 0}, {2, 3, 0, 0}, {1, 1, 2, 0}, {0, 0, 0, 0}});
        assertScores(matrix.scores(3), 0, 0, 0, 0);
        assertEquals(3, matrix.macroAveragedClasses());
        assertEquals(49.0 / 72, matrix.macroPrecision(), TIGHT);
        assertEquals(29.0 / 45, matrix.macroRecall(), TIGHT);
        assertEquals(41.0 / 63, matrix.macroF1(), TIGHT);
        assertEquals(4, matrix.perClass().size(), "the table lists every class of the model");
    }

    /**
     * Rows (true, predicted, weight): (0, 0, 3), (0, 1, 1), (1, 1, 0.5), (1, 0, 0.5).
     * class 0: TP 3 of predicted 3 + 0.5 = 3.5, so P = 6/7; R = 3 / 4; F1 = 2 (6/7)(3/4) / (6/7 + 3/4) = (9/7) / (45/28) = 4/5.
     * class 1: TP 0.5 of predicted 1.5, so P = 1/3; R = 0.5 / 1 = 1/2; F1 = 2 (1/3)(1/2) / (5/6) = 2/5.
     * Unweighted, both classes would score P = R = F1 = 1/2: the weights decide.
     */
    @Test
    void weightsCountEachRowByItsWeight() {
        ConfusionMatrix matrix = new ConfusionMatrix(2);
        matrix.add(0, 0, 3);
        matrix.add(0, 1, 1);
        matrix.add(1, 1, 0.5);
        matrix.add(1, 0, 0.5);
        assertScores(matrix.scores(0), 6.0 / 7, 3.0 / 4, 4.0 / 5, 4);
        assertScores(matrix.scores(1), 1.0 / 3, 1.0 / 2, 2.0 / 5, 1);
        assertEquals(1, matrix.count(1, 0));
        assertEquals(0.5, matrix.weight(1, 0));
    }

    @Test
    void anEmptyMatrixHasNoMacroAverages() {
        ConfusionMatrix empty = new ConfusionMatrix(3);
        assertEquals(0, empty.macroAveragedClasses());
        assertTrue(Double.isNaN(empty.macroPrecision()));
        assertTrue(Double.isNaN(empty.macroF1()));
        assertScores(empty.scores(1), 0, 0, 0, 0);
    }

    @Test
    void mergingPartsInAnySplitEqualsAddingEveryRow() {
        int numClasses = 4;
        int n = 600;
        SplittableRandom rng = new SplittableRandom(11);
        int[] trueClass = new int[n];
        int[] predicted = new int[n];
        double[] weight = new double[n];
        ConfusionMatrix all = new ConfusionMatrix(numClasses);
        for (int i = 0; i < n; i++) {
            trueClass[i] = rng.nextInt(numClasses);
            predicted[i] = rng.nextInt(numClasses);
            weight[i] = rng.nextDouble(0.1, 2.0);
            all.add(trueClass[i], predicted[i], weight[i]);
        }
        for (int parts : new int[] {2, 3, 7}) {
            ConfusionMatrix[] partials = new ConfusionMatrix[parts];
            for (int p = 0; p < parts; p++) {
                partials[p] = new ConfusionMatrix(numClasses);
            }
            for (int i = 0; i < n; i++) {
                partials[rng.nextInt(parts)].add(trueClass[i], predicted[i], weight[i]);
            }
            ConfusionMatrix merged = partials[parts - 1];
            for (int p = parts - 2; p >= 0; p--) {
                assertSame(merged, merged.merge(partials[p]), "merge returns the receiver");
            }
            for (int k = 0; k < numClasses; k++) {
                assertEquals(all.precision(k), merged.precision(k), TIGHT);
                assertEquals(all.recall(k), merged.recall(k), TIGHT);
                assertEquals(all.f1(k), merged.f1(k), TIGHT);
                assertEquals(all.support(k), merged.support(k), TIGHT * n);
            }
            assertEquals(all.countRows(), merged.countRows());
            assertEquals(all.macroF1(), merged.macroF1(), TIGHT);
        }
    }

    @Test
    void scoresMapHoldsTheTableAndMacroAveragesInAFixedOrder() {
        Map<String, Object> map = fromCells(new long[][] {{5, 0, 1}, {2, 3, 0}, {1, 1, 2}}).scoresMap();
        assertEquals(List.of("perClass", "macroPrecision", "macroRecall", "macroF1", "macroClasses"), List.copyOf(map.keySet()));
        List<?> table = (List<?>) map.get("perClass");
        Map<?, ?> classOne = (Map<?, ?>) table.get(1);
        assertEquals(List.of("class", "precision", "recall", "f1", "support"), List.copyOf(classOne.keySet()));
        assertEquals(1, classOne.get("class"));
        assertEquals(0.75, (Double) classOne.get("precision"), TIGHT);
        assertEquals(0.6, (Double) classOne.get("recall"), TIGHT);
        assertEquals(2.0 / 3, (Double) classOne.get("f1"), TIGHT);
        assertEquals(5.0, classOne.get("support"));
        assertEquals(3, map.get("macroClasses"));
    }

    @Test
    void rejectsClassesOutsideTheMatrixAndMismatchedMerges() {
        ConfusionMatrix matrix = new ConfusionMatrix(3);
        assertThrows(IndexOutOfBoundsException.class, () -> matrix.add(3, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> matrix.add(0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> matrix.add(0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> matrix.merge(new ConfusionMatrix(2)));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(1));
        matrix.add(0, 0, 0.0);
        assertEquals(0, matrix.count(0, 0), "a zero weight adds no row");
    }

    private static void assertScores(ClassScores scores, double precision, double recall, double f1, double support) {
        String which = "class " + scores.classIndex();
        assertEquals(precision, scores.precision(), TIGHT, which + " precision");
        assertEquals(recall, scores.recall(), TIGHT, which + " recall");
        assertEquals(f1, scores.f1(), TIGHT, which + " F1");
        assertEquals(support, scores.support(), TIGHT, which + " support");
    }

    /** A matrix with cells[t][k] rows of weight 1 of true class t predicted as k. */
    private static ConfusionMatrix fromCells(long[][] cells) {
        ConfusionMatrix matrix = new ConfusionMatrix(cells.length);
        for (int t = 0; t < cells.length; t++) {
            for (int k = 0; k < cells.length; k++) {
                for (long r = 0; r < cells[t][k]; r++) {
                    matrix.add(t, k, 1.0);
                }
            }
        }
        return matrix;
    }
}
