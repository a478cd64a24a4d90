package org.descent.driver.round;

import java.io.Serializable;

/**
 * Which rows each iteration's gradient is computed on. Spelled on the command line as
 * {@code full}, {@code fraction=F}, {@code size=B} or {@code sgd}.
 */
public sealed interface BatchMode extends Serializable {

    /** Every row, every iteration: batch gradient descent. */
    record Full() implements BatchMode {
        @Override
        public String toString() {
            return "full";
        }
    }

    /**
     * Each partition keeps each of its rows independently with probability {@code fraction}
     * (the semantics of MLlib's {@code miniBatchFraction}), drawn by skipping, not scanning.
     */
    record Fraction(double fraction) implements BatchMode {
        public Fraction {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("batch fraction must be in (0, 1], got " + fraction);
            }
        }

        @Override
        public String toString() {
            return "fraction=" + fraction;
        }
    }

    /**
     * A global batch of exactly {@code size} rows drawn uniformly without replacement from all
     * rows: the driver decides how many fall in each partition, each partition draws that
     * many of its own rows. {@code size = 1} is pure stochastic gradient descent.
     */
    record Size(int size) implements BatchMode {
        public Size {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + size);
            }
        }

        @Override
        public String toString() {
            return size == 1 ? "sgd" : "size=" + size;
        }
    }

    /** True when each iteration sees a random subset, so its loss is a noisy estimate. */
    default boolean isStochastic() {
        return !(this instanceof Full);
    }

    String ALLOWED = "full, fraction=F (0 < F <= 1), size=B (B >= 1), sgd";

    /** Parses the command-line spelling; the message of a failure names what is allowed. */
    static BatchMode parse(String text) {
        String t = text.trim();
        try {
            if (t.equals("full")) {
                return new Full();
            }
            if (t.equals("sgd")) {
                return new Size(1);
            }
            if (t.startsWith("fraction=")) {
                return new Fraction(Double.parseDouble(t.substring("fraction=".length())));
            }
            if (t.startsWith("size=")) {
                return new Size(Integer.parseInt(t.substring("size=".length())));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("batch: '" + text + "' has no valid number; allowed: " + ALLOWED);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("batch: " + e.getMessage() + "; allowed: " + ALLOWED);
        }
        throw new IllegalArgumentException("batch: unknown mode '" + text + "'; allowed: " + ALLOWED);
    }
}
