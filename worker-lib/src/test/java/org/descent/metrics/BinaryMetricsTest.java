package org.descent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    private static final double TIGHT = 1e-12;

    /**
     * Rows (label, p, weight): (1, 0.9, 1), (0, 0.2, 1), (1, 0.4, 1), (0, 0.6, 2). W = 5.
     * Predicted (p &gt; 0.5): 1, 0, 0, 1; correct weight 1 + 1 = 2, so accuracy = 0.4.
     * logLoss = -(ln 0.9 + ln 0.8 + ln 0.4 + 2 ln 0.4) / 5 = 3.0773762630 / 5 = 0.6154752526.
     * AUC over positive-negative pairs, weighted by w_pos * w_neg:
     *   0.9 vs 0.2 (1, won), 0.9 vs 0.6 (2, won), 0.4 vs 0.2 (1, won), 0.4 vs 0.6 (2, lost)
     *   = (1 + 2 + 1) / (2 * 3) = 2/3.
     * Average precision, scores from the top, P = 2: 0.9 (positive) TP 1 FP 0, precision 1, recall
     * step 1/2; 0.6 (negative, weight 2) FP 2; 0.4 (positive) TP 2 FP 2, precision 1/2, step 1/2.
     * AP = 1/2 * 1 + 1/2 * 1/2 = 3/4 (unweighted it would be 1/2 + 1/2 * 2/3 = 5/6).
     * Confusion at p &gt; 0.5 (rows true, columns predicted, weighted): [[1 2] [1 1]].
     *   class 1: TP 1, predicted 1 + 2 = 3, so P = 1/3; R = 1/2; F1 = 2 (1/3)(1/2) / (5/6) = 2/5.
     *   class 0: TP 1, predicted 1 + 1 = 2, so P = 1/2; support 1 + 2 = 3, R = 1/3; F1 = 2/5.
     *   macro P = (1/3 + 1/2) / 2 = 5/12, macro R = 5/12, macro F1 = 2/5.
     * Every score is alone in its bin, so both areas are exact: bounds 0.
     */
    @Test
    void smallWeightedExampleByHand() {
        BinaryMetrics metrics = handExample();
        assertEquals(4, metrics.count());
        assertEquals(5.0, metrics.weightSum(), TIGHT);
        assertEquals(0.4, metrics.accuracy(), TIGHT);
        assertEquals(0.6154752526, metrics.logLoss(), 1e-10);
        assertEquals(2.0 / 3.0, metrics.areaUnderRoc(), TIGHT);
        assertEquals(0.75, metrics.areaUnderPr(), TIGHT);
        assertEquals(0.0, metrics.areaUnderRocErrorBound());
        assertEquals(0.0, metrics.areaUnderPrErrorBound());
        assertEquals(1.0 / 3, metrics.precision(), TIGHT);
        assertEquals(0.5, metrics.recall(), TIGHT);
        assertEquals(0.4, metrics.f1(), TIGHT);
        ConfusionMatrix confusion = metrics.confusion();
        assertEquals(0.5, confusion.precision(0), TIGHT);
        assertEquals(1.0 / 3, confusion.recall(0), TIGHT);
        assertEquals(0.4, confusion.f1(0), TIGHT);
        assertEquals(3.0, confusion.support(0), TIGHT);
        assertEquals(5.0 / 12, confusion.macroPrecision(), TIGHT);
        assertEquals(5.0 / 12, confusion.macroRecall(), TIGHT);
        assertEquals(0.4, confusion.macroF1(), TIGHT);
    }

    /**
     * Eight rows of weight 1 (label, p), with two ties across the classes:
     * <pre>
     *   a (1, 0.9)   b (1, 0.8)   c (0, 0.8)   d (1, 0.6)   e (0, 0.6)   f (0, 0.5)   g (1, 0.3)   h (0, 0.2)
     * </pre>
     * ROC AUC, 4 x 4 = 16 positive-negative pairs, a tie counting 1/2:
     *   a beats c, e, f, h: 4;   b ties c, beats e, f, h: 3.5;   d loses to c, ties e, beats f, h: 2.5;
     *   g beats h: 1.   AUC = (4 + 3.5 + 2.5 + 1) / 16 = 11/16 = 0.6875.
     * PR AUC as average precision, one threshold per distinct score from the top (P = 4):
     *   0.9: TP 1 FP 0, precision 1,   recall 1/4
     *   0.8: TP 2 FP 1, precision 2/3, recall 2/4   (b and c are one threshold)
     *   0.6: TP 3 FP 2, precision 3/5, recall 3/4
     *   0.5: TP 3 FP 3, no recall step;   0.3: TP 4 FP 3, precision 4/7, recall 1;   0.2: no step
     *   AP = 1/4 (1 + 2/3 + 3/5 + 4/7) = 1/4 * 298/105 = 149/210 = 0.709523...
     *   (spark.ml's trapezoids from (0, 1) through the same points would give 0.750595...)
     * At p &gt; 0.5 (0.5 itself is negative) a b c d e are predicted positive:
     *   class 1: TP a b d = 3, FP c e = 2, FN g = 1: P = 3/5, R = 3/4, F1 = 2 (3/5)(3/4) / (27/20) = 2/3.
     *   class 0: TP f h = 2 of predicted f g h = 3, support 4: P = 2/3, R = 1/2, F1 = (2/3) / (7/6) = 4/7.
     *   macro P = (3/5 + 2/3) / 2 = 19/30, macro R = (3/4 + 1/2) / 2 = 5/8, macro F1 = (2/3 + 4/7) / 2 = 13/21.
     *   accuracy = 5/8.
     * Tied scores share a bin that holds no other score, so both areas are exact: bounds 0.
     */
    @Test
    void eightRowsWithTiedScoresByHand() {
        BinaryMetrics metrics = new BinaryMetrics();
        double[][] rows = {{1, 0.9}, {1, 0.8}, {0, 0.8}, {1, 0.6}, {0, 0.6}, {0, 0.5}, {1, 0.3}, {0, 0.2}};
        for (double[] row : rows) {
            metrics.add(row[0], row[1], 1.0);
        }
        assertEquals(11.0 / 16, metrics.areaUnderRoc(), TIGHT);
        assertEquals(149.0 / 210, metrics.areaUnderPr(), TIGHT);
        assertEquals(0.0, metrics.areaUnderRocErrorBound());
        assertEquals(0.0, metrics.areaUnderPrErrorBound());
        assertEquals(3.0 / 5, metrics.precision(), TIGHT);
        assertEquals(3.0 / 4, metrics.recall(), TIGHT);
        assertEquals(2.0 / 3, metrics.f1(), TIGHT);
        ConfusionMatrix confusion = metrics.confusion();
        assertEquals(2.0 / 3, confusion.precision(0), TIGHT);
        assertEquals(1.0 / 2, confusion.recall(0), TIGHT);
        assertEquals(4.0 / 7, confusion.f1(0), TIGHT);
        assertEquals(4.0, confusion.support(0), TIGHT);
        assertEquals(4.0, confusion.support(1), TIGHT);
        assertEquals(19.0 / 30, confusion.macroPrecision(), TIGHT);
        assertEquals(5.0 / 8, confusion.macroRecall(), TIGHT);
        assertEquals(13.0 / 21, confusion.macroF1(), TIGHT);
        assertEquals(5.0 / 8, metrics.accuracy(), TIGHT);
    }

    @Test
    void noRowPredictedPositiveGivesPrecisionZeroAsSparkDoes() {
        BinaryMetrics metrics = new BinaryMetrics();
        metrics.add(1, 0.3, 1);
        metrics.add(0, 0.2, 1);
        assertEquals(0.0, metrics.precision(), "0 / 0 reads as 0");
        assertEquals(0.0, metrics.recall());
        assertEquals(0.0, metrics.f1());
        assertEquals(1.0, metrics.areaUnderRoc(), "the ranking is still perfect");
    }

    @Test
    void aProbabilityOfExactlyOneHalfPredictsNegative() {
        BinaryMetrics metrics = new BinaryMetrics();
        metrics.add(0, 0.5, 1);
        metrics.add(1, 0.5, 1);
        assertEquals(0.5, metrics.accuracy(), TIGHT);
        assertEquals(Math.log(2), metrics.logLoss(), TIGHT);
    }

    @Test
    void confidentWrongPredictionsCostTheClippedLoss() {
        BinaryMetrics metrics = new BinaryMetrics();
        metrics.add(1, 0.0, 1);
        metrics.add(0, 1.0, 1);
        assertEquals(-Math.log(BinaryMetrics.PROBABILITY_CLIP), metrics.logLoss(), 1e-3);
        assertTrue(Double.isFinite(metrics.logLoss()));
        assertEquals(0.0, metrics.accuracy());
    }

    @Test
    void aucMatchesTheExactPairwiseStatisticOnRandomScores() {
        for (boolean unitWeights : new boolean[] {true, false}) {
            SplittableRandom rng = new SplittableRandom(unitWeights ? 17 : 18);
            int n = 2000;
            boolean[] positive = new boolean[n];
            double[] probability = new double[n];
            double[] weight = new double[n];
            BinaryMetrics metrics = new BinaryMetrics();
            for (int i = 0; i < n; i++) {
                positive[i] = rng.nextBoolean();
                double logit = rng.nextGaussian() * 2 + (positive[i] ? 1.0 : -1.0);
                probability[i] = 1 / (1 + Math.exp(-logit));
                weight[i] = unitWeights ? 1.0 : rng.nextDouble(0.1, 2.0);
                metrics.add(positive[i] ? 1 : 0, probability[i], weight[i]);
            }
            String which = unitWeights ? "unit weights" : "random weights";
            assertWithinBound(exactAuc(positive, probability, weight), metrics.areaUnderRoc(),
                    metrics.areaUnderRocErrorBound(), "ROC AUC, " + which);
            assertWithinBound(exactAveragePrecision(positive, probability, weight), metrics.areaUnderPr(),
                    metrics.areaUnderPrErrorBound(), "PR AUC, " + which);
            assertTrue(metrics.areaUnderRocErrorBound() < 1e-3 && metrics.areaUnderPrErrorBound() < 1e-3,
                    which + ": spread scores leave small bounds");
        }
    }

    /**
     * Scores on a grid of step 1e-5 around 1/2, where a bin is about 3e-4 wide: many distinct
     * scores share each bin, and many are exactly tied. The areas are then approximate, and the
     * exact ones must lie within the stated bounds, which must not be zero.
     */
    @Test
    void crowdedBinsStayWithinTheStatedBounds() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            int n = 300;
            boolean[] positive = new boolean[n];
            double[] probability = new double[n];
            double[] weight = new double[n];
            BinaryMetrics metrics = new BinaryMetrics();
            for (int i = 0; i < n; i++) {
                positive[i] = rng.nextInt(3) == 0;
                probability[i] = 0.499 + 1e-5 * (rng.nextInt(150) + (positive[i] ? 50 : 0));
                weight[i] = seed % 2 == 0 ? 1.0 : rng.nextDouble(0.1, 3.0);
                metrics.add(positive[i] ? 1 : 0, probability[i], weight[i]);
            }
            assertTrue(metrics.areaUnderRocErrorBound() > 0 && metrics.areaUnderPrErrorBound() > 0, "seed " + seed);
            assertWithinBound(exactAuc(positive, probability, weight), metrics.areaUnderRoc(),
                    metrics.areaUnderRocErrorBound(), "ROC AUC, seed " + seed);
            assertWithinBound(exactAveragePrecision(positive, probability, weight), metrics.areaUnderPr(),
                    metrics.areaUnderPrErrorBound(), "PR AUC, seed " + seed);
        }
    }

    /**
     * A positive at 0.5000001 and a negative at 0.5 share a bin: the histogram reads a tie, 1/2,
     * where the exact AUC is 1, and the ROC bound (1 x 1) / (2 x 1 x 1) = 1/2 is attained. Average
     * precision reads 1/2 (precision at the bin's end) against exactly 1; its bound is
     * 1 - (1 - ln 2) = ln 2. Swapped, the exact values are 0 and 1/2, the same distance away.
     */
    @Test
    void theRocBoundIsAttainedWhenEveryPairInASharedBinIsOrderedOneWay() {
        double above = 0.5000001;
        assertEquals(ScoreHistogram.binOf(0.5), ScoreHistogram.binOf(above), "one bin");
        BinaryMetrics ordered = new BinaryMetrics();
        ordered.add(1, above, 1);
        ordered.add(0, 0.5, 1);
        assertEquals(0.5, ordered.areaUnderRoc());
        assertEquals(0.5, ordered.areaUnderRocErrorBound());
        assertEquals(0.5, ordered.areaUnderPr(), TIGHT);
        assertEquals(Math.log(2), ordered.areaUnderPrErrorBound(), TIGHT);
        assertWithinBound(1.0, ordered.areaUnderRoc(), ordered.areaUnderRocErrorBound(), "exact ROC AUC 1");
        assertWithinBound(1.0, ordered.areaUnderPr(), ordered.areaUnderPrErrorBound(), "exact AP 1");
        BinaryMetrics swapped = new BinaryMetrics();
        swapped.add(0, above, 1);
        swapped.add(1, 0.5, 1);
        assertWithinBound(0.0, swapped.areaUnderRoc(), swapped.areaUnderRocErrorBound(), "exact ROC AUC 0");
        assertWithinBound(0.5, swapped.areaUnderPr(), swapped.areaUnderPrErrorBound(), "exact AP 1/2");
    }

    /**
     * Whether a bin holds one score or several must survive merging: equal scores from two
     * partitions stay an exact tie, different scores in one bin from two partitions do not.
     */
    @Test
    void mergingKeepsTrackOfWhetherABinHoldsOneScore() {
        BinaryMetrics tiedLeft = new BinaryMetrics();
        BinaryMetrics tiedRight = new BinaryMetrics();
        tiedLeft.add(1, 0.5, 1);
        tiedRight.add(0, 0.5, 1);
        BinaryMetrics tied = tiedLeft.merge(tiedRight);
        assertEquals(0.5, tied.areaUnderRoc());
        assertEquals(0.0, tied.areaUnderRocErrorBound(), "an exact tie");
        BinaryMetrics nearLeft = new BinaryMetrics();
        BinaryMetrics nearRight = new BinaryMetrics();
        nearLeft.add(1, 0.5000001, 1);
        nearRight.add(0, 0.5, 1);
        assertEquals(0.5, new BinaryMetrics().merge(nearLeft).merge(nearRight).areaUnderRocErrorBound(), "a near tie");
    }

    @Test
    void perfectlySeparatedScoresGiveAucOneAndReversedZero() {
        BinaryMetrics separated = new BinaryMetrics();
        BinaryMetrics reversed = new BinaryMetrics();
        for (int i = 0; i < 100; i++) {
            double low = 0.1 + 0.003 * i;   // 0.1 .. 0.397
            double high = 0.6 + 0.003 * i;  // 0.6 .. 0.897
            separated.add(0, low, 1);
            separated.add(1, high, 1);
            reversed.add(1, low, 1);
            reversed.add(0, high, 1);
        }
        assertEquals(1.0, separated.areaUnderRoc());
        assertEquals(0.0, reversed.areaUnderRoc());
    }

    @Test
    void constantScoresGiveAucOneHalf() {
        BinaryMetrics metrics = new BinaryMetrics();
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 500; i++) {
            metrics.add(rng.nextBoolean() ? 1 : 0, 0.73, rng.nextDouble(0.5, 1.5));
        }
        assertEquals(0.5, metrics.areaUnderRoc());
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        BinaryMetrics metrics = new BinaryMetrics();
        metrics.add(1, 0.3, 1);
        metrics.add(1, 0.8, 1);
        assertTrue(Double.isNaN(metrics.areaUnderRoc()));
        assertTrue(Double.isNaN(metrics.areaUnderRocErrorBound()));
        assertEquals(1.0, metrics.areaUnderPr(), "with no negatives every precision is 1");
        BinaryMetrics negatives = new BinaryMetrics();
        negatives.add(0, 0.3, 1);
        assertTrue(Double.isNaN(negatives.areaUnderPr()), "no positive to recall");
        assertTrue(Double.isNaN(new BinaryMetrics().accuracy()));
    }

    @Test
    void mergingTwoHalvesEqualsAddingEveryRow() {
        SplittableRandom rng = new SplittableRandom(3);
        BinaryMetrics all = new BinaryMetrics();
        BinaryMetrics first = new BinaryMetrics();
        BinaryMetrics second = new BinaryMetrics();
        for (int i = 0; i < 1000; i++) {
            int label = rng.nextInt(2);
            double probability = rng.nextDouble();
            double weight = rng.nextDouble(0.1, 2.0);
            all.add(label, probability, weight);
            (i % 3 == 0 ? first : second).add(label, probability, weight);
        }
        assertSame(first, first.merge(second), "merge returns the receiver");
        assertEquals(all.count(), first.count());
        assertEquals(all.weightSum(), first.weightSum(), TIGHT * all.weightSum());
        assertEquals(all.accuracy(), first.accuracy(), TIGHT);
        assertEquals(all.logLoss(), first.logLoss(), TIGHT);
        assertEquals(all.areaUnderRoc(), first.areaUnderRoc(), TIGHT);
        assertEquals(all.areaUnderRocErrorBound(), first.areaUnderRocErrorBound(), TIGHT);
        assertEquals(all.areaUnderPr(), first.areaUnderPr(), TIGHT);
        assertEquals(all.areaUnderPrErrorBound(), first.areaUnderPrErrorBound(), TIGHT);
        assertEquals(all.precision(), first.precision(), TIGHT);
        assertEquals(all.recall(), first.recall(), TIGHT);
        assertEquals(all.confusion().macroF1(), first.confusion().macroF1(), TIGHT);
    }

    @Test
    void logitBinsCoverZeroToOneInOrder() {
        assertEquals(0, ScoreHistogram.binOf(0.0));
        assertEquals(ScoreHistogram.NUM_BINS / 2, ScoreHistogram.binOf(0.5));
        assertEquals(ScoreHistogram.NUM_BINS - 1, ScoreHistogram.binOf(1.0));
        int previous = -1;
        for (double p = 0; p <= 1.0; p += 1e-4) {
            int bin = ScoreHistogram.binOf(p);
            assertTrue(bin >= previous, "bins increase with p at " + p);
            previous = bin;
        }
    }

    @Test
    void rejectsInvalidLabelsProbabilitiesAndWeights() {
        BinaryMetrics metrics = new BinaryMetrics();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> metrics.add(2, 0.5, 1));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> metrics.add(1, 1.01, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(1, 0.5, -2));
        assertEquals(0, metrics.count());
    }

    @Test
    void zeroWeightRowsAreIgnored() {
        BinaryMetrics metrics = handExample();
        metrics.add(1, 0.01, 0.0);
        assertEquals(handExample().toMap(), metrics.toMap());
    }

    @Test
    void mapListsMetricsInAFixedOrder() {
        assertEquals(List.of("count", "weightSum", "accuracy", "logLoss", "precision", "recall", "f1", "perClass",
                "macroPrecision", "macroRecall", "macroF1", "macroClasses", "auc", "aucErrorBound", "prAuc",
                "prAucErrorBound"), List.copyOf(handExample().toMap().keySet()));
        assertEquals(2, ((List<?>) handExample().toMap().get("perClass")).size());
    }

    @Test
    void survivesSerialization() {
        assertEquals(handExample().toMap(), SerializedCopy.of(handExample()).toMap());
    }

    /** sum over positive-negative pairs of w_i w_j ([s_i &gt; s_j] + [s_i = s_j] / 2), over the product of class weights. */
    private static double exactAuc(boolean[] positive, double[] score, double[] weight) {
        double concordant = 0;
        double positiveWeight = 0;
        double negativeWeight = 0;
        for (int i = 0; i < score.length; i++) {
            if (positive[i]) {
                positiveWeight += weight[i];
            } else {
                negativeWeight += weight[i];
                continue;
            }
            for (int j = 0; j < score.length; j++) {
                if (!positive[j]) {
                    double won = score[i] > score[j] ? 1.0 : score[i] == score[j] ? 0.5 : 0.0;
                    concordant += weight[i] * weight[j] * won;
                }
            }
        }
        return concordant / (positiveWeight * negativeWeight);
    }

    /**
     * Sum over thresholds t (distinct scores, from the highest) of (recall_t - recall_{t-1}) precision_t,
     * with weighted counts: scikit-learn's average_precision_score, written out.
     */
    private static double exactAveragePrecision(boolean[] positive, double[] score, double[] weight) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        double positiveWeight = 0;
        for (int i = 0; i < score.length; i++) {
            positiveWeight += positive[i] ? weight[i] : 0;
        }
        double truePositive = 0;
        double falsePositive = 0;
        double sum = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            double recalledHere = 0;
            while (end < order.length && score[order[end]] == score[order[start]]) {
                int i = order[end++];
                if (positive[i]) {
                    truePositive += weight[i];
                    recalledHere += weight[i];
                } else {
                    falsePositive += weight[i];
                }
            }
            sum += recalledHere / positiveWeight * truePositive / (truePositive + falsePositive);
            start = end;
        }
        return sum;
    }

    /** The exact value lies within the bound of the binned one (plus rounding). */
    private static void assertWithinBound(double exact, double binned, double bound, String what) {
        assertTrue(Math.abs(binned - exact) <= bound + 1e-12,
                what + ": binned " + binned + " is " + Math.abs(binned - exact) + " from exact " + exact + ", bound " + bound);
    }

    private static BinaryMetrics handExample() {
        BinaryMetrics metrics = new BinaryMetrics();
        metrics.add(1, 0.9, 1);
        metrics.add(0, 0.2, 1);
        metrics.add(1, 0.4, 1);
        metrics.add(0, 0.6, 2);
        return metrics;
    }
}
