package org.descent.model;

import org.descent.loss.LogisticLoss;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The element-wise non-linearity of a hidden layer, {@code a = f(z)}. Each derivative is
 * written in terms of the output {@code a}, so back-propagation needs only the activations the
 * forward pass kept, never the pre-activations:
 * <pre>
 *   relu:     f(z) = max(0, z)          f'(z) = [a &gt; 0]
 *   tanh:     f(z) = tanh(z)            f'(z) = 1 − a²
 *   sigmoid:  f(z) = 1 / (1 + e^{−z})   f'(z) = a (1 − a)
 * </pre>
 * (Goodfellow, Bengio and Courville, <i>Deep Learning</i>, 2016, §6.3.) relu's derivative at
 * exactly 0 is taken as 0, the usual subgradient.
 *
 * <p>Each activation also names its initialization: He for relu, Glorot for the two
 * saturating ones (see {@link #initialWeight}).
 */
public enum Activation {

    RELU {
        @Override
        void apply(double[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                // Math.max keeps NaN, so a diverged network stays visibly diverged.
                values[i] = Math.max(0.0, values[i]);
            }
        }

        @Override
        void multiplyByDerivative(double[] outputs, double[] deltas, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!(outputs[i] > 0)) {
                    deltas[i] = 0.0;
                }
            }
        }

        /** He et al., "Delving deep into rectifiers", ICCV 2015, §2.2: N(0, 2 / fanIn). */
        @Override
        double initialWeight(int fanIn, int fanOut, Random random) {
            return random.nextGaussian() * Math.sqrt(2.0 / fanIn);
        }
    },

    TANH {
        @Override
        void apply(double[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                values[i] = Math.tanh(values[i]);
            }
        }

        @Override
        void multiplyByDerivative(double[] outputs, double[] deltas, int from, int to) {
            for (int i = from; i < to; i++) {
                double a = outputs[i];
                deltas[i] *= 1.0 - a * a;
            }
        }

        @Override
        double initialWeight(int fanIn, int fanOut, Random random) {
            return glorotUniform(fanIn, fanOut, random);
        }
    },

    SIGMOID {
        @Override
        void apply(double[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                values[i] = LogisticLoss.sigmoid(values[i]);
            }
        }

        @Override
        void multiplyByDerivative(double[] outputs, double[] deltas, int from, int to) {
            for (int i = from; i < to; i++) {
                double a = outputs[i];
                deltas[i] *= a * (1.0 - a);
            }
        }

        @Override
        double initialWeight(int fanIn, int fanOut, Random random) {
            return glorotUniform(fanIn, fanOut, random);
        }
    };

    /** Replaces {@code values[from..to)} (pre-activations) by their activations, in place. */
    abstract void apply(double[] values, int from, int to);

    /**
     * {@code deltas[i] *= f'(z_i)} for i in [from, to), with f' computed from the activation
     * {@code outputs[i] = f(z_i)}.
     */
    abstract void multiplyByDerivative(double[] outputs, double[] deltas, int from, int to);

    /** One random initial weight of a layer with this activation and the given fan-in and fan-out. */
    abstract double initialWeight(int fanIn, int fanOut, Random random);

    /**
     * Glorot and Bengio, "Understanding the difficulty of training deep feedforward neural
     * networks", AISTATS 2010, eq. 16: U(−r, r) with {@code r = √(6 / (fanIn + fanOut))}.
     * Also used for the output layer, which has no activation of its own.
     */
    static double glorotUniform(int fanIn, int fanOut, Random random) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return (2 * random.nextDouble() - 1) * limit;
    }

    /** The name used on the command line and in model files: "relu", "tanh", "sigmoid". */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a spelling, case-insensitively; the message lists the allowed values. */
    public static Activation parse(String text) {
        for (Activation a : values()) {
            if (a.spelling().equalsIgnoreCase(text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + text + "'; allowed: " + allowed());
    }

    /** "relu, tanh, sigmoid". */
    public static String allowed() {
        return Arrays.stream(values()).map(Activation::spelling).collect(Collectors.joining(", "));
    }
}
