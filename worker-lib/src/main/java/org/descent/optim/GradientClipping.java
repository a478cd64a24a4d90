package org.descent.optim;

import java.io.Serializable;

/**
 * Clipping by global norm (Pascanu et al. 2013): when ‖g‖₂ exceeds c, the whole gradient is
 * rescaled to norm c, keeping its direction; otherwise it is left alone. Applied to the full
 * (regularized) gradient before the optimizer sees it.
 *
 * @param maxNorm c > 0, or {@link #OFF}
 */
public record GradientClipping(double maxNorm) implements Serializable {

    /** No clipping. */
    public static final GradientClipping OFF = new GradientClipping(Double.POSITIVE_INFINITY);

    public GradientClipping {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clip-norm must be > 0, got " + maxNorm);
        }
    }

    public boolean isOn() {
        return maxNorm != Double.POSITIVE_INFINITY;
    }

    /** Rescales {@code gradient} in place if its norm exceeds the limit; returns the factor applied. */
    public double clip(double[] gradient) {
        if (!isOn()) {
            return 1.0;
        }
        double sumSquares = 0;
        for (double g : gradient) {
            sumSquares += g * g;
        }
        double norm = Math.sqrt(sumSquares);
        if (!(norm > maxNorm)) {
            return 1.0;
        }
        double factor = maxNorm / norm;
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] *= factor;
        }
        return factor;
    }

    @Override
    public String toString() {
        return isOn() ? "clip-norm=" + maxNorm : "off";
    }
}
