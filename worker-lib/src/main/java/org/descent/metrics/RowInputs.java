package org.descent.metrics;

/** The checks every metric applies to a row before folding it in; each failure names the offending value. */
final class RowInputs {

    private RowInputs() {
    }

    /** Returns {@code weight} if it is finite and &ge; 0, else throws naming the offending value. */
    static double requireValid(double weight) {
        if (!(weight >= 0.0 && weight < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("row weight must be finite and >= 0, got " + weight);
        }
        return weight;
    }

    static double requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    static double requireProbability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + value);
        }
        return value;
    }
}
