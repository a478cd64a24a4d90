package org.descent.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationTest {

    private static final double[] POINTS = {-30, -3.5, -1, -0.25, 0.1, 0.7, 2, 40};

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativeFromTheOutputMatchesFiniteDifferencesOfTheFunction(Activation activation) {
        for (double z : POINTS) {
            double[] values = {z};
            activation.apply(values, 0, 1);
            double[] delta = {1.0};
            activation.multiplyByDerivative(values, delta, 0, 1);
            double numeric = GradientCheck.DEFAULT.numericDerivative(t -> apply(activation, t[0]), new double[] {z}, 0);
            assertEquals(numeric, delta[0], 1e-9, activation + " at " + z);
        }
    }

    @Test
    void valuesAreTheTextbookFunctions() {
        for (double z : POINTS) {
            assertEquals(Math.max(0, z), apply(Activation.RELU, z));
            assertEquals(Math.tanh(z), apply(Activation.TANH, z));
            assertEquals(1 / (1 + Math.exp(-z)), apply(Activation.SIGMOID, z), 1e-15);
        }
        assertTrue(Double.isNaN(apply(Activation.RELU, Double.NaN)), "NaN is kept, not clipped to 0");
        // Only [from, to) is touched.
        double[] values = {-1, -1, -1};
        Activation.RELU.apply(values, 1, 2);
        assertEquals(-1, values[0]);
        assertEquals(0, values[1]);
        assertEquals(-1, values[2]);
    }

    @Test
    void spellingsParseAndUnknownOnesNameTheAllowedValues() {
        assertSame(Activation.RELU, Activation.parse("relu"));
        assertSame(Activation.TANH, Activation.parse(" TanH "));
        assertSame(Activation.SIGMOID, Activation.parse("sigmoid"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("softplus"));
        assertEquals("unknown activation 'softplus'; allowed: relu, tanh, sigmoid", e.getMessage());
    }

    private static double apply(Activation activation, double z) {
        double[] values = {z};
        activation.apply(values, 0, 1);
        return values[0];
    }
}
