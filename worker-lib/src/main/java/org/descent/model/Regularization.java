package org.descent.model;

import java.io.Serializable;

/**
 * Elastic-net regularization of the penalized parameters (weights, never intercepts or biases;
 * see {@link ParameterLayout#isPenalized}): the objective being minimized is
 * <pre>
 *   F(θ) = L(θ) + R(θ),     R(θ) = (λ₂/2) Σ_{j penalized} θ_j² + λ₁ Σ_{j penalized} |θ_j|
 * </pre>
 * where L is the mean weighted data loss (Zou and Hastie, "Regularization and variable
 * selection via the elastic net", J. R. Statist. Soc. B 67, 2005).
 *
 * <p><b>How each part is applied.</b> The L2 part is smooth: {@link #addSmoothGradient} adds
 * {@code λ₂ θ_j} to the data gradient, and the optimizer steps on the sum. The L1 part is not
 * differentiable at 0 and is applied by its proximal operator instead (proximal gradient
 * descent, ISTA): after each optimizer step with learning rate η the trainer calls
 * {@link #applyL1Proximal} with threshold {@code η λ₁} (see {@link #proximalThreshold}), which
 * soft-thresholds every penalized parameter,
 * <pre>
 *   θ_j ← sign(θ_j) · max(|θ_j| − η λ₁, 0),
 * </pre>
 * the exact minimizer of {@code ½‖θ − v‖² + η λ₁ ‖θ‖₁}. With plain gradient descent this is
 * ISTA, which converges to the minimizer of F for η ≤ 1/Lipschitz(∇(L + L2 part)) and yields
 * exact zeros (Beck and Teboulle, "A fast iterative shrinkage-thresholding algorithm for
 * linear inverse problems", SIAM J. Imaging Sci. 2, 2009; Parikh and Boyd, "Proximal
 * Algorithms", Found. Trends Optim. 1(3), 2014, §4.2 and §6.5.2). Combined with momentum or
 * adaptive optimizers it is the usual heuristic, not an exact proximal method.
 *
 * <p>Convergence is measured by {@link #stationarityNorm}, the norm of the minimum-norm
 * element of the subdifferential of F, which is 0 exactly at a minimizer.
 *
 * @param l2 λ₂ ≥ 0, the coefficient of the squared L2 norm (with the ½)
 * @param l1 λ₁ ≥ 0, the coefficient of the L1 norm
 */
public record Regularization(double l2, double l1) implements Serializable {

    /** No regularization at all. */
    public static final Regularization NONE = new Regularization(0, 0);

    public Regularization {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a finite number >= 0, got " + l2);
        }
        if (!(l1 >= 0) || Double.isInfinite(l1)) {
            throw new IllegalArgumentException("l1 must be a finite number >= 0, got " + l1);
        }
    }

    /** {@code R(θ) = Σ_{j penalized} ((λ₂/2) θ_j² + λ₁ |θ_j|)}. */
    public double penalty(double[] params, ParameterLayout layout) {
        checkLength(params, layout, "params");
        double squares = 0;
        double absolutes = 0;
        for (int j = 0; j < params.length; j++) {
            if (layout.isPenalized(j)) {
                squares += params[j] * params[j];
                absolutes += Math.abs(params[j]);
            }
        }
        return 0.5 * l2 * squares + l1 * absolutes;
    }

    /** Adds the gradient of the smooth (L2) part, {@code λ₂ θ_j}, to each penalized entry. */
    public void addSmoothGradient(double[] params, ParameterLayout layout, double[] gradient) {
        checkLength(params, layout, "params");
        checkLength(gradient, layout, "gradient");
        if (l2 == 0) {
            return;
        }
        for (int j = 0; j < params.length; j++) {
            if (layout.isPenalized(j)) {
                gradient[j] += l2 * params[j];
            }
        }
    }

    /** The soft-threshold for a step of learning rate η: {@code η λ₁}. */
    public double proximalThreshold(double learningRate) {
        return learningRate * l1;
    }

    /**
     * Soft-thresholds every penalized parameter in place,
     * {@code θ_j ← sign(θ_j) · max(|θ_j| − threshold, 0)}: the proximal operator of
     * {@code threshold · ‖θ‖₁}. Call after each optimizer step with
     * {@code threshold = proximalThreshold(learningRate)}. A NaN parameter stays NaN.
     */
    public void applyL1Proximal(double[] params, ParameterLayout layout, double threshold) {
        checkLength(params, layout, "params");
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a finite number >= 0, got " + threshold);
        }
        if (threshold == 0) {
            return;
        }
        for (int j = 0; j < params.length; j++) {
            if (layout.isPenalized(j)) {
                double w = params[j];
                // signum and max both propagate NaN, so a diverged parameter is not reset to 0.
                params[j] = Math.signum(w) * Math.max(Math.abs(w) - threshold, 0.0);
            }
        }
    }

    /**
     * The Euclidean norm of the minimum-norm subgradient of F at θ, given the gradient
     * {@code g} of its smooth part (data loss plus the L2 term, as after
     * {@link #addSmoothGradient}). Entry by entry,
     * <pre>
     *   penalized, θ_j ≠ 0:  g_j + λ₁ sign(θ_j)
     *   penalized, θ_j = 0:  sign(g_j) · max(|g_j| − λ₁, 0)     (closest point of g_j + [−λ₁, λ₁] to 0)
     *   unpenalized:          g_j
     * </pre>
     * It is 0 exactly when θ minimizes F (F convex), and equals ‖g‖ when λ₁ = 0.
     */
    public double stationarityNorm(double[] params, ParameterLayout layout, double[] smoothGradient) {
        checkLength(params, layout, "params");
        checkLength(smoothGradient, layout, "smoothGradient");
        double sumOfSquares = 0;
        for (int j = 0; j < params.length; j++) {
            double g = smoothGradient[j];
            double s;
            if (!layout.isPenalized(j) || l1 == 0) {
                s = g;
            } else if (params[j] != 0) {
                s = g + l1 * Math.signum(params[j]);
            } else {
                s = Math.max(Math.abs(g) - l1, 0.0);
            }
            sumOfSquares += s * s;
        }
        return Math.sqrt(sumOfSquares);
    }

    private static void checkLength(double[] array, ParameterLayout layout, String name) {
        if (array.length != layout.numParams()) {
            throw new IllegalArgumentException(name + " has length " + array.length + " but the layout has "
                    + layout.numParams() + " parameters");
        }
    }
}
