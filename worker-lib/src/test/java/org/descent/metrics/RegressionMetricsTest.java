package org.descent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    private static final double TIGHT = 1e-12;

    /**
     * Rows (label, prediction, weight): (1, 1.5, 1), (2, 2, 1), (3, 2, 1), (4, 5, 2).
     * W = 5; errors 0.5, 0, -1, 1.
     * SS_res = 0.25 + 0 + 1 + 2 * 1 = 3.25, so MSE = 0.65 and RMSE = sqrt(0.65).
     * sum w |e| = 0.5 + 0 + 1 + 2 = 3.5, so MAE = 0.7.
     * ybar = (1 + 2 + 3 + 8) / 5 = 2.8; SS_tot = 1.8^2 + 0.8^2 + 0.2^2 + 2 * 1.2^2 = 6.8,
     * so R^2 = 1 - 3.25 / 6.8 = 0.522058823529...
     */
    @Test
    void smallWeightedExampleByHand() {
        RegressionMetrics metrics = handExample();
        assertEquals(4, metrics.count());
        assertEquals(5.0, metrics.weightSum(), TIGHT);
        assertEquals(0.65, metrics.meanSquaredError(), TIGHT);
        assertEquals(Math.sqrt(0.65), metrics.rootMeanSquaredError(), TIGHT);
        assertEquals(0.7, metrics.meanAbsoluteError(), TIGHT);
        assertEquals(2.8, metrics.labelMean(), TIGHT);
        assertEquals(0.5220588235294118, metrics.r2(), TIGHT);
    }

    @Test
    void mergingTwoHalvesEqualsAddingEveryRow() {
        SplittableRandom rng = new SplittableRandom(6);
        RegressionMetrics all = new RegressionMetrics();
        RegressionMetrics first = new RegressionMetrics();
        RegressionMetrics second = new RegressionMetrics();
        for (int i = 0; i < 1000; i++) {
            double label = 3 + rng.nextGaussian();
            double prediction = label + 0.3 * rng.nextGaussian();
            double weight = rng.nextDouble(0.1, 3.0);
            all.add(label, prediction, weight);
            (i < 400 ? first : second).add(label, prediction, weight);
        }
        assertSame(first, first.merge(second), "merge returns the receiver");
        assertEquals(all.count(), first.count());
        assertEquals(all.weightSum(), first.weightSum(), TIGHT * all.weightSum());
        assertEquals(all.meanSquaredError(), first.meanSquaredError(), TIGHT);
        assertEquals(all.meanAbsoluteError(), first.meanAbsoluteError(), TIGHT);
        assertEquals(all.labelMean(), first.labelMean(), TIGHT);
        assertEquals(all.r2(), first.r2(), TIGHT);
    }

    @Test
    void mergingIntoOrFromAnEmptyAccumulatorChangesNothing() {
        RegressionMetrics merged = new RegressionMetrics().merge(handExample()).merge(new RegressionMetrics());
        assertEquals(handExample().toMap(), merged.toMap());
    }

    @Test
    void r2StaysAccurateWhenLabelsSitFarFromZero() {
        // Labels 1e9 + x with x in [0, 1): the sum of squared labels is near 1e21, whose rounding
        // (ulp about 1.3e5) dwarfs SS_tot (about n / 12 = 167), so sum w y^2 - (sum w y)^2 / W fails.
        double offset = 1e9;
        int n = 2000;
        double[] labels = new double[n];
        double[] predictions = new double[n];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            double x = rng.nextDouble();
            labels[i] = offset + x;
            predictions[i] = offset + x + 0.1 * rng.nextGaussian();
        }
        // Reference by two passes on the labels minus the offset: near 1e9 that subtraction is exact.
        double mean = 0;
        for (double y : labels) {
            mean += (y - offset) / n;
        }
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < n; i++) {
            double centred = labels[i] - offset - mean;
            double residual = (labels[i] - offset) - (predictions[i] - offset);
            ssTot += centred * centred;
            ssRes += residual * residual;
        }
        double expectedR2 = 1 - ssRes / ssTot;

        // Four partitions, merged on the driver.
        RegressionMetrics[] partitions = {new RegressionMetrics(), new RegressionMetrics(),
                new RegressionMetrics(), new RegressionMetrics()};
        for (int i = 0; i < n; i++) {
            partitions[i % 4].add(labels[i], predictions[i], 1.0);
        }
        RegressionMetrics merged = partitions[0].merge(partitions[1]).merge(partitions[2].merge(partitions[3]));
        assertEquals(expectedR2, merged.r2(), 1e-6);

        double naiveSumOfSquares = 0;
        double naiveSum = 0;
        for (double y : labels) {
            naiveSumOfSquares += y * y;
            naiveSum += y;
        }
        double naiveSsTot = naiveSumOfSquares - naiveSum * naiveSum / n;
        assertTrue(Math.abs(naiveSsTot - ssTot) > 1.0, "the test data defeats the textbook formula: " + naiveSsTot);
    }

    @Test
    void zeroWeightRowsAreIgnored() {
        RegressionMetrics metrics = handExample();
        metrics.add(100, -100, 0.0);
        assertEquals(handExample().toMap(), metrics.toMap());
    }

    @Test
    void undefinedMetricsReadAsNaN() {
        RegressionMetrics empty = new RegressionMetrics();
        assertEquals(0, empty.count());
        assertTrue(Double.isNaN(empty.meanSquaredError()));
        assertTrue(Double.isNaN(empty.r2()));
        assertTrue(Double.isNaN(empty.labelMean()));
        RegressionMetrics constantLabels = new RegressionMetrics();
        constantLabels.add(2, 1, 1);
        constantLabels.add(2, 3, 1);
        assertEquals(1.0, constantLabels.meanSquaredError(), TIGHT);
        assertTrue(Double.isNaN(constantLabels.r2()), "R^2 needs SS_tot > 0");
    }

    @Test
    void rejectsNonFiniteInputsAndInvalidWeights() {
        RegressionMetrics metrics = new RegressionMetrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.add(Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(1, Double.POSITIVE_INFINITY, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> metrics.add(1, 1, -1));
        assertTrue(e.getMessage().contains("weight"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> metrics.add(1, 1, Double.NaN));
        assertEquals(0, metrics.count(), "a rejected row leaves no trace");
    }

    @Test
    void mapListsMetricsInAFixedOrder() {
        assertEquals(List.of("count", "weightSum", "mse", "rmse", "mae", "r2"), List.copyOf(handExample().toMap().keySet()));
        assertEquals(4L, handExample().toMap().get("count"));
    }

    @Test
    void survivesSerialization() {
        assertEquals(handExample().toMap(), SerializedCopy.of(handExample()).toMap());
    }

    private static RegressionMetrics handExample() {
        RegressionMetrics metrics = new RegressionMetrics();
        metrics.add(1, 1.5, 1);
        metrics.add(2, 2, 1);
        metrics.add(3, 2, 1);
        metrics.add(4, 5, 2);
        return metrics;
    }
}
