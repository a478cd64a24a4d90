package org.descent.loss;

import org.descent.model.GradientCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SquaredLossTest {

    private final SquaredLoss loss = new SquaredLoss();

    @Test
    void lossIsHalfTheSquaredResidualAndTheDerivativeIsTheResidual() {
        double[] dz = new double[1];
        assertEquals(2.0, loss.lossAndDerivative(new double[] {3.0}, 1.0, dz));
        assertEquals(2.0, dz[0]);
        assertEquals(4.5, loss.lossAndDerivative(new double[] {-1.0}, 2.0, dz));
        assertEquals(-3.0, dz[0]);
        assertEquals(0.0, loss.lossAndDerivative(new double[] {0.25}, 0.25, dz));
        assertEquals(0.0, dz[0]);
    }

    @Test
    void derivativeMatchesFiniteDifferences() {
        for (double z : new double[] {-7.5, -0.3, 0.0, 2.0, 1e3}) {
            double label = 1.7;
            double[] dz = new double[1];
            loss.lossAndDerivative(new double[] {z}, label, dz);
            GradientCheck.Result result = GradientCheck.DEFAULT.check(
                    t -> loss.lossAndDerivative(t, label, new double[1]), new double[] {z}, dz);
            assertTrue(result.worstRelativeError() < 1e-9, "z=" + z + ": " + result);
        }
    }

    @Test
    void predictsTheMarginItself() {
        double[] out = new double[1];
        loss.predict(new double[] {-4.25}, out);
        assertEquals(-4.25, out[0]);
        assertEquals(1, loss.numOutputs());
        assertEquals(1, loss.numPredictionOutputs());
        assertEquals("squared", loss.name());
    }

    @Test
    void acceptsAnyFiniteLabelAndNothingElse() {
        assertNull(loss.checkLabel(0.0));
        assertNull(loss.checkLabel(-1e300));
        assertNull(loss.checkLabel(3.5));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            String message = loss.checkLabel(bad);
            assertTrue(message != null && message.contains("finite"), "label " + bad + ": " + message);
        }
    }
}
