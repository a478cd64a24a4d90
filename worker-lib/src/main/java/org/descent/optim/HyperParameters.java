package org.descent.optim;

/**
 * Range checks for optimizer and schedule settings. Each message names the command-line key
 * (e.g. {@code beta1}) so that a bad value in a config file or on the command line is
 * recognisable at once.
 */
final class HyperParameters {

    private HyperParameters() {
    }

    /** A value in [0, 1): decay rates such as momentum, betas and rho. */
    static double unitInterval(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1), got " + value);
        }
        return value;
    }

    static double positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    static double nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a finite number >= 0, got " + value);
        }
        return value;
    }
}
