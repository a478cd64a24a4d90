package org.descent.model;

import java.util.function.ToDoubleFunction;

/**
 * Checks an analytic gradient against central finite differences of the function, in double
 * precision, coordinate by coordinate, and reports the worst relative error
 * <pre>
 *   err_j = |a_j − n_j| / max(|a_j|, |n_j|, absoluteFloor)
 * </pre>
 * where a is the analytic and n the numerical gradient. Works on any {@code double[] → double}.
 *
 * <p><b>Difference formula.</b> The fourth-order central difference
 * <pre>
 *   n_j = [ f(θ − 2h e_j) − 8 f(θ − h e_j) + 8 f(θ + h e_j) − f(θ + 2h e_j) ] / (12 h)
 * </pre>
 * has truncation error {@code (h⁴/30) f⁽⁵⁾} and rounding error about {@code 1.5 ε |f| / h}
 * (ε = 2⁻⁵²). On the linear-model objectives of this project (f of order 1 to 5) it leaves an
 * absolute error of at most ≈ 1e−12 per entry; the plain two-point formula
 * {@code (f(θ + h) − f(θ − h)) / 2h} at its best step h ≈ 1e−5 leaves ≈ 1.4e−10, which would
 * fail a 1e−6 relative tolerance on any correct entry smaller than ≈ 1e−4. (Numerical
 * Recipes, 3rd ed., §5.7; B. Fornberg, "Generation of finite difference formulas on
 * arbitrarily spaced grids", Math. Comp. 51, 1988.)
 *
 * <p><b>Step.</b> {@code h_j = relativeStep · max(1, |θ_j|)}, rounded so that θ_j + h_j is an
 * exact shift (the "temp = x + h; h = temp − x" trick of Numerical Recipes §5.7; the other
 * three points are then off by at most one rounding, a relative effect of ε|θ_j|/h_j).
 * The function must be smooth within ±2h_j of θ: for an L1 term keep every penalized
 * coordinate farther than that from 0.
 *
 * <p><b>Absolute floor.</b> A gradient entry that is truly 0 (or very small) cannot be matched
 * to a relative tolerance, because the numerical estimate carries the absolute noise above.
 * The floor in the denominator turns the test for such entries into an absolute one: with the
 * default floor 1e−5 and a relative tolerance of 1e−6, an entry below 1e−5 in magnitude must
 * agree to 1e−11 absolutely (about 10 times the measured noise), and every larger entry is held
 * to the full relative tolerance. (DL4J's {@code GradientCheckUtil} combines a relative and a
 * minimum absolute error in the same spirit.) A floor as small as 1e−8 would demand 1e−14
 * absolute agreement, below the rounding noise of any finite difference of an f of order 1;
 * use a smaller floor only for functions of correspondingly smaller magnitude.
 *
 * @param relativeStep  h relative to max(1, |θ_j|)
 * @param absoluteFloor the smallest denominator of the relative error
 */
public record GradientCheck(double relativeStep, double absoluteFloor) {

    /** Near the optimal step of the fourth-order formula, ε^{1/5} ≈ 7e−4. */
    public static final double DEFAULT_RELATIVE_STEP = 1e-3;

    /** See the class comment: entries below this are compared absolutely, to floor × tolerance. */
    public static final double DEFAULT_ABSOLUTE_FLOOR = 1e-5;

    public static final GradientCheck DEFAULT = new GradientCheck(DEFAULT_RELATIVE_STEP, DEFAULT_ABSOLUTE_FLOOR);

    public GradientCheck {
        if (!(relativeStep > 0) || relativeStep > 0.1) {
            throw new IllegalArgumentException("relativeStep must be in (0, 0.1], got " + relativeStep);
        }
        if (!(absoluteFloor > 0) || Double.isInfinite(absoluteFloor)) {
            throw new IllegalArgumentException("absoluteFloor must be a finite number > 0, got " + absoluteFloor);
        }
    }

    /**
     * The worst coordinate: its index, relative error, and the analytic and numerical values
     * there, plus the worst absolute difference over all coordinates (for reporting).
     */
    public record Result(double worstRelativeError, int worstIndex, double analytic, double numeric,
                         double worstAbsoluteError) {

        @Override
        public String toString() {
            return String.format("worst relative error %.3e at index %d (analytic %.17g, numeric %.17g);"
                    + " worst absolute error %.3e", worstRelativeError, worstIndex, analytic, numeric,
                    worstAbsoluteError);
        }
    }

    /**
     * Compares {@code analyticGradient} with the numerical gradient of {@code function} at
     * {@code theta}. {@code theta} is left unchanged; the function may read but must not keep
     * or modify the array it is given.
     */
    public Result check(ToDoubleFunction<double[]> function, double[] theta, double[] analyticGradient) {
        if (analyticGradient.length != theta.length) {
            throw new IllegalArgumentException("gradient has length " + analyticGradient.length + " but theta has "
                    + theta.length);
        }
        if (theta.length == 0) {
            throw new IllegalArgumentException("nothing to check: theta is empty");
        }
        double[] point = theta.clone();
        double worst = -1;
        int worstIndex = -1;
        double worstAnalytic = Double.NaN;
        double worstNumeric = Double.NaN;
        double worstAbsolute = 0;
        for (int j = 0; j < theta.length; j++) {
            double numeric = numericDerivative(function, point, j);
            double analytic = analyticGradient[j];
            double error = relativeError(analytic, numeric);
            worstAbsolute = Math.max(worstAbsolute, Math.abs(analytic - numeric));
            // "!(error <= worst)" also catches NaN, which must be reported as the worst.
            if (!(error <= worst)) {
                worst = error;
                worstIndex = j;
                worstAnalytic = analytic;
                worstNumeric = numeric;
                if (Double.isNaN(error)) {
                    break;
                }
            }
        }
        return new Result(worst, worstIndex, worstAnalytic, worstNumeric, worstAbsolute);
    }

    /** {@code |a − n| / max(|a|, |n|, absoluteFloor)}; NaN if either is NaN. */
    public double relativeError(double analytic, double numeric) {
        if (Double.isNaN(analytic) || Double.isNaN(numeric)) {
            return Double.NaN;
        }
        return Math.abs(analytic - numeric) / Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), absoluteFloor);
    }

    /**
     * The fourth-order central difference of {@code function} along coordinate {@code j} at
     * {@code point}; {@code point[j]} is restored before returning.
     */
    public double numericDerivative(ToDoubleFunction<double[]> function, double[] point, int j) {
        double original = point[j];
        double requested = relativeStep * Math.max(1.0, Math.abs(original));
        // Make the shift exactly representable so the divisor matches the step actually taken.
        double h = (original + requested) - original;
        try {
            point[j] = original + h;
            double plus1 = function.applyAsDouble(point);
            point[j] = original - h;
            double minus1 = function.applyAsDouble(point);
            point[j] = original + 2 * h;
            double plus2 = function.applyAsDouble(point);
            point[j] = original - 2 * h;
            double minus2 = function.applyAsDouble(point);
            return (8 * (plus1 - minus1) - (plus2 - minus2)) / (12 * h);
        } finally {
            point[j] = original;
        }
    }
}
