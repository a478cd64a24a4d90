package org.descent.loss;

import org.descent.model.GradientCheck;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftmaxCrossEntropyTest {

    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3);

    @Test
    void equalLogitsGiveLnKAndUniformProbabilities() {
        for (int k = 2; k <= 5; k++) {
            SoftmaxCrossEntropy softmax = new SoftmaxCrossEntropy(k);
            double[] z = new double[k];
            java.util.Arrays.fill(z, 0.7);
            double[] dz = new double[k];
            assertEquals(Math.log(k), softmax.lossAndDerivative(z, 1, dz), 1e-15);
            for (int c = 0; c < k; c++) {
                assertEquals(1.0 / k - (c == 1 ? 1 : 0), dz[c], 1e-16, "K=" + k + " class " + c);
            }
        }
    }

    @Test
    void matchesTheTextbookFormulaAtModerateLogits() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            double[] z = {3 * random.nextGaussian(), 3 * random.nextGaussian(), 3 * random.nextGaussian()};
            int y = random.nextInt(3);
            double denominator = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
            double[] dz = new double[3];
            double value = loss.lossAndDerivative(z, y, dz);
            assertEquals(-Math.log(Math.exp(z[y]) / denominator), value, 1e-14 * Math.max(1, value));
            for (int k = 0; k < 3; k++) {
                assertEquals(Math.exp(z[k]) / denominator - (k == y ? 1 : 0), dz[k], 1e-15);
            }
        }
    }

    @Test
    void derivativeMatchesFiniteDifferences() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            double[] z = {2 * random.nextGaussian(), 2 * random.nextGaussian(), 2 * random.nextGaussian()};
            int y = random.nextInt(3);
            double[] dz = new double[3];
            loss.lossAndDerivative(z, y, dz);
            GradientCheck.Result result =
                    GradientCheck.DEFAULT.check(t -> loss.lossAndDerivative(t, y, new double[3]), z, dz);
            assertTrue(result.worstRelativeError() < 1e-8, result.toString());
        }
    }

    @Test
    void logitsAThousandApartGiveFiniteValues() {
        double[] z = {0, 1000, -1000};
        double[] dz = new double[3];
        assertEquals(0.0, loss.lossAndDerivative(z, 1, dz));
        assertEquals(0.0, dz[0], 0.0);
        assertEquals(0.0, dz[1], 0.0); // −Σ_{k≠1} p_k is −0.0
        assertEquals(0.0, dz[2], 0.0);
        assertEquals(1000.0, loss.lossAndDerivative(z, 0, dz));
        assertEquals(-1.0, dz[0]);
        assertEquals(1.0, dz[1]);
        assertEquals(2000.0, loss.lossAndDerivative(z, 2, dz));
        assertEquals(-1.0, dz[2]);
        double[] p = new double[3];
        loss.predict(z, p);
        assertEquals(0.0, p[0]);
        assertEquals(1.0, p[1]);
        assertEquals(0.0, p[2]);
    }

    @Test
    void tinyLossesKeepTheirRelativePrecision() {
        // −log p_0 with z = (40, 0, 0) is log(1 + 2e^{-40}) ≈ 2e^{-40}, and dz_0 = −2e^{-40}/(1 + 2e^{-40});
        // logsumexp(z) − z_0 and p_0 − 1 both round to 0.
        double tiny = 2 * Math.exp(-40);
        double[] dz = new double[3];
        assertEquals(tiny, loss.lossAndDerivative(new double[] {40, 0, 0}, 0, dz), 1e-15 * tiny);
        assertEquals(-tiny, dz[0], 1e-15 * tiny);
    }

    @Test
    void withTwoClassesItIsTheLogisticLossOfTheLogitDifference() {
        SoftmaxCrossEntropy softmax = new SoftmaxCrossEntropy(2);
        LogisticLoss logistic = new LogisticLoss();
        for (double[] z : new double[][] {{0.3, -1.1}, {5, 2}, {-40, 3}, {700, -700}}) {
            for (int y = 0; y < 2; y++) {
                double[] dz = new double[2];
                double[] dLogit = new double[1];
                double expected = logistic.lossAndDerivative(new double[] {z[1] - z[0]}, y, dLogit);
                assertEquals(expected, softmax.lossAndDerivative(z, y, dz), 1e-15 * Math.max(1, expected));
                assertEquals(dLogit[0], dz[1], 1e-15 * Math.abs(dLogit[0]));
                assertEquals(-dLogit[0], dz[0], 1e-15 * Math.abs(dLogit[0]));
            }
        }
    }

    @Test
    void derivativesSumToZeroAndProbabilitiesToOne() {
        double[] z = {1.5, -0.25, 3.0};
        double[] dz = new double[3];
        loss.lossAndDerivative(z, 2, dz);
        assertEquals(0.0, dz[0] + dz[1] + dz[2], 1e-16);
        double[] p = new double[3];
        loss.predict(z, p);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-15);
        assertTrue(p[2] > p[0] && p[0] > p[1]);
        assertEquals(3, loss.numPredictionOutputs());
        assertEquals(3, loss.numOutputs());
        assertEquals("softmax", loss.name());
    }

    @Test
    void acceptsOnlyClassIndices() {
        assertNull(loss.checkLabel(0));
        assertNull(loss.checkLabel(1));
        assertNull(loss.checkLabel(2.0));
        for (double bad : new double[] {3, -1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            String message = loss.checkLabel(bad);
            assertTrue(message != null && message.contains("integer") && message.contains("0..2"),
                    "label " + bad + ": " + message);
        }
    }

    @Test
    void needsAtLeastTwoClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy(1));
        assertTrue(e.getMessage().contains("numClasses"));
    }
}
