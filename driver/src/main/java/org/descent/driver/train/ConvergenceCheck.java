package org.descent.driver.train;

import java.util.List;

/**
 * Decides, after each iteration's loss and gradient norm are known, whether training has
 * converged. A tolerance of 0 switches its test off.
 *
 * <p>Loss tolerance: stop when {@code |L_prev - L| / max(|L_prev|, TINY) < lossTolerance}.
 * With full batches L is the objective at consecutive iterates. With sampled batches one
 * batch's loss is noise, so L is instead the mean loss over the last {@link #WINDOW}
 * iterations, compared with the mean over the {@link #WINDOW} before; and since two noisy
 * means can agree to any precision by chance, the test also asks the comparison to be that
 * precise: the standard error of the difference of the two means, measured from the batch
 * losses in the windows, must be below the tolerance too. A tolerance finer than the batch
 * noise therefore never stops a sampled run (the default 1e-6 against mini-batch losses that
 * vary by percents); one coarser than the noise stops it once the trend has flattened.
 *
 * <p>Gradient tolerance: stop when the norm of the (minimum-norm sub)gradient of the
 * objective is at most {@code gradientTolerance}; with sampled batches this is the batch's
 * gradient and noisy, so it suits full batches best.
 */
public record ConvergenceCheck(double lossTolerance, double gradientTolerance, boolean stochastic) {

    /** Iterations averaged per side when comparing sampled-batch losses. */
    public static final int WINDOW = 10;

    /** Keeps the relative change defined when the loss is exactly 0. */
    private static final double TINY = 1e-300;

    public ConvergenceCheck {
        if (!(lossTolerance >= 0) || !(gradientTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0");
        }
    }

    /** The reason to stop now, or null to continue; {@code losses} ends with this iteration's. */
    public StopReason check(List<Double> losses, double gradientNorm) {
        if (gradientTolerance > 0 && gradientNorm <= gradientTolerance) {
            return StopReason.GRADIENT_TOLERANCE;
        }
        if (lossTolerance > 0) {
            int span = stochastic ? WINDOW : 1;
            int n = losses.size();
            if (n >= 2 * span) {
                double current = mean(losses, n - span, n);
                double previous = mean(losses, n - 2 * span, n - span);
                double scale = Math.max(Math.abs(previous), TINY);
                double noise = stochastic ? Math.sqrt((variance(losses, n - span, n, current)
                        + variance(losses, n - 2 * span, n - span, previous)) / span) : 0;
                if (Math.abs(previous - current) / scale < lossTolerance && noise / scale < lossTolerance) {
                    return StopReason.LOSS_TOLERANCE;
                }
            }
        }
        return null;
    }

    /** The sample variance of {@code values[from, to)} around their {@code mean}. */
    private static double variance(List<Double> values, int from, int to, double mean) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = values.get(i) - mean;
            sum += d * d;
        }
        return sum / (to - from - 1);
    }

    private static double mean(List<Double> values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values.get(i);
        }
        return sum / (to - from);
    }
}
