package org.descent.optim;

import org.descent.model.ParameterLayout;
import org.descent.model.Regularization;

import java.io.Serializable;

/**
 * One optimizer step as the trainer takes it once the smooth gradient is known: clip it, let
 * the update rule step against it, then, with an L1 penalty, the proximal soft-threshold step.
 * The same object steps on the driver (a synchronous iteration) and inside a partition (each
 * local step of a local-SGD round), so both take exactly the same step.
 *
 * @param regularization whose L1 part is applied here; the caller adds the L2 part to the
 *                       gradient ({@link Regularization#addSmoothGradient}) before the step
 */
public record UpdateStep(Optimizer optimizer, GradientClipping clipping, Regularization regularization)
        implements Serializable {

    public UpdateStep {
        if (optimizer == null || clipping == null || regularization == null) {
            throw new IllegalArgumentException("optimizer, clipping and regularization must be given");
        }
    }

    /**
     * Steps {@code params} in place against {@code smoothGradient} (the data gradient plus the
     * L2 part; clipped in place) and advances {@code state}.
     */
    public void apply(double[] params, double[] smoothGradient, double learningRate, OptimizerState state,
                      ParameterLayout layout) {
        clipping.clip(smoothGradient);
        optimizer.update(params, smoothGradient, learningRate, state, layout);
        if (regularization.l1() > 0) {
            regularization.applyL1Proximal(params, layout, regularization.proximalThreshold(learningRate));
        }
    }
}
