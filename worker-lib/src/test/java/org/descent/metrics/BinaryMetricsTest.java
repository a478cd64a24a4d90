package org.descent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
     */
    @Test
    void smallWeightedExampleByHand() {
        BinaryMetrics metrics = handExample();
        assertEquals(4, metrics.count());
        assertEquals(5.0, metrics.weightSum(), TIGHT);
        assertEquals(0.4, metrics.accuracy(), TIGHT);
        assertEquals(0.6154752526, metrics.logLoss(), 1e-10);
        assertEquals(2.0 / 3.0, metrics.areaUnderRoc(), TIGHT);
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
            assertEquals(exactAuc(positive, probability, weight), metrics.areaUnderRoc(), 1e-3,
                    unitWeights ? "unit weights" : "random weights");
        }
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
    }

    @Test
    void logitBinsCoverZeroToOneInOrder() {
        assertEquals(0, RocHistogram.binOf(0.0));
        assertEquals(RocHistogram.NUM_BINS / 2, RocHistogram.binOf(0.5));
        assertEquals(RocHistogram.NUM_BINS - 1, RocHistogram.binOf(1.0));
        int previous = -1;
        for (double p = 0; p <= 1.0; p += 1e-4) {
            int bin = RocHistogram.binOf(p);
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
        assertEquals(List.of("count", "weightSum", "accuracy", "logLoss", "auc"), List.copyOf(handExample().toMap().keySet()));
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

    private static BinaryMetrics handExample() {
        BinaryMetrics metrics = new BinaryMetrics();
        metrics.add(1, 0.9, 1);
        metrics.add(0, 0.2, 1);
        metrics.add(1, 0.4, 1);
        metrics.add(0, 0.6, 2);
        return metrics;
    }
}
