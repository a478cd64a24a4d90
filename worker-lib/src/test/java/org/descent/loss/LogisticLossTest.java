package org.descent.loss;

import org.descent.model.GradientCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticLossTest {

    private static final double LN2 = Math.log(2);

    private final LogisticLoss loss = new LogisticLoss();

    private double lossOf(double z, double label) {
        return loss.lossAndDerivative(new double[] {z}, label, new double[1]);
    }

    private double derivativeOf(double z, double label) {
        double[] dz = new double[1];
        loss.lossAndDerivative(new double[] {z}, label, dz);
        return dz[0];
    }

    @Test
    void atZeroMarginTheLossIsLn2AndTheDerivativeIsPlusOrMinusOneHalf() {
        assertEquals(LN2, lossOf(0, 0), 1e-16);
        assertEquals(LN2, lossOf(0, 1), 1e-16);
        assertEquals(0.5, derivativeOf(0, 0));
        assertEquals(-0.5, derivativeOf(0, 1));
    }

    @Test
    void matchesTheTextbookFormulaAtModerateMargins() {
        for (double z : new double[] {-20, -5, -1, -0.1, 0.3, 2, 10, 20}) {
            for (double y : new double[] {0, 1}) {
                double textbookLoss = Math.log(1 + Math.exp(z)) - y * z;
                double textbookDerivative = 1 / (1 + Math.exp(-z)) - y;
                assertEquals(textbookLoss, lossOf(z, y), 1e-14 * Math.max(1, textbookLoss), "loss z=" + z + " y=" + y);
                assertEquals(textbookDerivative, derivativeOf(z, y), 1e-15, "dz z=" + z + " y=" + y);
            }
        }
    }

    @Test
    void derivativeMatchesFiniteDifferences() {
        for (double z : new double[] {-30, -4, -0.5, 0, 0.7, 3, 25}) {
            for (double y : new double[] {0, 1}) {
                double[] dz = new double[1];
                loss.lossAndDerivative(new double[] {z}, y, dz);
                GradientCheck.Result result = GradientCheck.DEFAULT.check(
                        t -> loss.lossAndDerivative(t, y, new double[1]), new double[] {z}, dz);
                assertTrue(result.worstRelativeError() < 1e-8, "z=" + z + " y=" + y + ": " + result);
            }
        }
    }

    @Test
    void extremeMarginsGiveFiniteValuesWithTheRightLimits() {
        // Confidently right: loss and derivative vanish.
        assertEquals(0.0, lossOf(800, 1));
        assertEquals(0.0, derivativeOf(800, 1), 0.0); // −σ(−800) is −0.0
        assertEquals(0.0, lossOf(-800, 0));
        assertEquals(0.0, derivativeOf(-800, 0));
        // Confidently wrong: loss grows like |z|, derivative saturates at ±1.
        assertEquals(800.0, lossOf(-800, 1));
        assertEquals(-1.0, derivativeOf(-800, 1));
        assertEquals(800.0, lossOf(800, 0));
        assertEquals(1.0, derivativeOf(800, 0));
    }

    @Test
    void tinyLossesKeepTheirRelativePrecision() {
        // log(1 + e^{-40}) = e^{-40}(1 − e^{-40}/2 + …) and σ(−40) = e^{-40}/(1 + e^{-40});
        // the naive log(1 + e^z) − z and σ(z) − 1 both return 0 here.
        double e = Math.exp(-40);
        assertEquals(e, lossOf(40, 1), 1e-15 * e);
        assertEquals(-e, derivativeOf(40, 1), 1e-15 * e);
        assertEquals(e, lossOf(-40, 0), 1e-15 * e);
        assertEquals(e, derivativeOf(-40, 0), 1e-15 * e);
    }

    @Test
    void log1pExpNeverOverflowsAndIsAccurate() {
        assertEquals(LN2, LogisticLoss.log1pExp(0), 1e-16);
        assertEquals(1000.0, LogisticLoss.log1pExp(1000));
        assertEquals(Double.MAX_VALUE, LogisticLoss.log1pExp(Double.MAX_VALUE));
        assertEquals(0.0, LogisticLoss.log1pExp(-1000));
        assertEquals(Math.exp(-700), LogisticLoss.log1pExp(-700), 1e-15 * Math.exp(-700));
        for (double z : new double[] {-30, -3, -0.2, 0.2, 3, 30}) {
            double direct = Math.log1p(Math.exp(z));
            assertEquals(direct, LogisticLoss.log1pExp(z), 1e-15 * direct, "z=" + z);
        }
    }

    @Test
    void sigmoidIsFiniteSymmetricAndSaturates() {
        assertEquals(0.5, LogisticLoss.sigmoid(0));
        assertEquals(1.0, LogisticLoss.sigmoid(800));
        assertEquals(0.0, LogisticLoss.sigmoid(-800));
        for (double z : new double[] {-12, -1.5, 0.25, 4}) {
            assertEquals(1.0, LogisticLoss.sigmoid(z) + LogisticLoss.sigmoid(-z), 1e-16, "z=" + z);
        }
    }

    @Test
    void minusOneAndZeroAreTheSameNegativeLabel() {
        for (double z : new double[] {-3, 0, 0.5, 9}) {
            assertEquals(lossOf(z, 0), lossOf(z, -1), "z=" + z);
            assertEquals(derivativeOf(z, 0), derivativeOf(z, -1), "z=" + z);
            assertEquals(lossOf(z, 1), lossOf(z, +1.0), "z=" + z);
        }
    }

    @Test
    void predictsTheProbabilityOfThePositiveClass() {
        double[] out = new double[1];
        loss.predict(new double[] {Math.log(3)}, out);
        assertEquals(0.75, out[0], 1e-15);
        loss.predict(new double[] {-900}, out);
        assertEquals(0.0, out[0]);
        assertEquals(1, loss.numPredictionOutputs());
        assertEquals("logistic", loss.name());
    }

    @Test
    void acceptsOnlyZeroOneAndMinusOneLabels() {
        assertNull(loss.checkLabel(0));
        assertNull(loss.checkLabel(1));
        assertNull(loss.checkLabel(-1));
        for (double bad : new double[] {2, 0.5, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            String message = loss.checkLabel(bad);
            assertTrue(message != null && message.contains("0 or 1") && message.contains("-1 or +1"),
                    "label " + bad + ": " + message);
        }
    }

    /** The one-exponential evaluation gives the bits of the two stable building blocks. */
    @Test
    void lossAndDerivativeGiveTheBitsOfLog1pExpAndSigmoid() {
        LogisticLoss loss = new LogisticLoss();
        double[] dz = new double[1];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            double z = i < 8 ? new double[] {0.0, -0.0, 1e-300, -1e-300, 700, -700, 800, -800}[i]
                    : (rng.nextDouble() - 0.5) * Math.scalb(1.0, rng.nextInt(-20, 8));
            for (double label : new double[] {0, 1}) {
                double value = loss.lossAndDerivative(new double[] {z}, label, dz);
                double x = label > 0 ? -z : z;
                assertEquals(Double.doubleToLongBits(LogisticLoss.log1pExp(x)), Double.doubleToLongBits(value),
                        "loss at z=" + z + ", y=" + label);
                double expected = label > 0 ? -LogisticLoss.sigmoid(-z) : LogisticLoss.sigmoid(z);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(dz[0]),
                        "derivative at z=" + z + ", y=" + label);
            }
        }
    }
}
