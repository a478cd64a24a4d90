package org.descent.model;

import org.junit.jupiter.api.Test;

import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gradient check itself: it accepts right gradients and names the wrong coordinate. */
class GradientCheckTest {

    /** f(θ) = Σ_j exp(θ_j) + θ_0 θ_1, with ∇f = (e^{θ_0} + θ_1, e^{θ_1} + θ_0, e^{θ_2}, ...). */
    private static final ToDoubleFunction<double[]> F = theta -> {
        double sum = theta[0] * theta[1];
        for (double t : theta) {
            sum += Math.exp(t);
        }
        return sum;
    };

    private static double[] gradientOfF(double[] theta) {
        double[] g = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            g[j] = Math.exp(theta[j]);
        }
        g[0] += theta[1];
        g[1] += theta[0];
        return g;
    }

    private final double[] theta = {0.3, -1.2, 2.5, 4.0};

    @Test
    void aCorrectGradientHasARelativeErrorFarBelowTheTolerance() {
        GradientCheck.Result result = GradientCheck.DEFAULT.check(F, theta, gradientOfF(theta));
        assertTrue(result.worstRelativeError() < 1e-9, result.toString());
    }

    @Test
    void aGradientOffByOnePartInAMillionIsReportedAtItsIndex() {
        double[] wrong = gradientOfF(theta);
        wrong[2] *= 1 + 1e-5;
        GradientCheck.Result result = GradientCheck.DEFAULT.check(F, theta, wrong);
        assertEquals(2, result.worstIndex());
        assertEquals(1e-5, result.worstRelativeError(), 1e-7);
    }

    @Test
    void entriesBelowTheFloorAreComparedAbsolutely() {
        GradientCheck check = GradientCheck.DEFAULT;
        assertEquals(1e-11 / 1e-5, check.relativeError(0.0, 1e-11), 1e-20);
        assertEquals(0.5, check.relativeError(2.0, 1.0));
    }

    @Test
    void aNanGradientIsTheWorstError() {
        double[] nan = gradientOfF(theta);
        nan[1] = Double.NaN;
        GradientCheck.Result result = GradientCheck.DEFAULT.check(F, theta, nan);
        assertTrue(Double.isNaN(result.worstRelativeError()));
        assertEquals(1, result.worstIndex());
    }

    @Test
    void thePointIsLeftUnchanged() {
        double[] copy = theta.clone();
        GradientCheck.DEFAULT.check(F, theta, gradientOfF(theta));
        assertArrayEquals(copy, theta, 0.0);
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new GradientCheck(0, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> new GradientCheck(1e-3, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.DEFAULT.check(F, theta, new double[theta.length - 1]));
    }
}
