package org.descent.driver.train;

import java.util.List;
import java.util.Locale;

/**
 * Decides whether training has diverged, beyond the loss or gradient turning NaN or infinite:
 * a loss that stays finite while exploding is divergence too (a learning rate far too large
 * makes the loss of linear regression grow by orders of magnitude each iteration and Adam's
 * weights jump to the size of the rate, all without overflowing for many iterations).
 *
 * <p>The rule: the loss exceeds {@link #GROWTH} times the first iteration's loss (or 1, if
 * that was smaller, so that a run starting from a perfect fit is not judged by noise), or
 * exceeds {@link #CEILING} outright. Healthy runs, even noisy sampled ones and networks whose
 * loss rises for a while, stay within a small multiple of their starting loss; the first
 * iteration's loss is the loss at the starting parameters, known the same way after a resume.
 */
public final class DivergenceCheck {

    /** How many times the starting loss a finite loss may grow to before it counts as divergence. */
    public static final double GROWTH = 1e6;

    /** A loss above this is divergence whatever the start. */
    public static final double CEILING = 1e100;

    private DivergenceCheck() {
    }

    /**
     * Why the newest loss of {@code losses} (finite losses in iteration order, the first being the
     * run's first iteration) counts as divergence, in words for the user; null if it does not.
     */
    public static String exploded(List<Double> losses) {
        if (losses.isEmpty()) {
            return null;
        }
        double loss = losses.get(losses.size() - 1);
        if (loss > CEILING) {
            return String.format(Locale.ROOT, "the loss is %.3g, above %.0e", loss, CEILING);
        }
        double start = Math.max(Math.abs(losses.get(0)), 1.0);
        if (loss > GROWTH * start) {
            return String.format(Locale.ROOT, "the loss is %.3g, more than %.0e times the first iteration's (%.6g)",
                    loss, GROWTH, losses.get(0));
        }
        return null;
    }
}
