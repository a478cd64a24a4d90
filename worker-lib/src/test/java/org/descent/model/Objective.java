package org.descent.model;

import org.descent.sums.SumsLayout;
import org.descent.data.DataBlock;

/**
 * The full objective a trainer minimizes over one block, and its gradient, for finite-difference
 * checks of any model:
 * <pre>
 *   F(θ) = lossSum(θ) / weightSum + (λ₂/2)‖w‖² + λ₁‖w‖₁,
 *   ∇F   = gradientSum(θ) / weightSum + λ₂ w + λ₁ sign(w),
 * </pre>
 * where w are the entries the model's layout penalizes. The L1 term is differentiable only away
 * from 0: callers keep every penalized entry far from it.
 */
record Objective(Model model, Regularization regularization, DataBlock block) {

    double value(double[] theta) {
        SumsLayout layout = new SumsLayout(theta.length);
        double[] sums = new double[layout.size()];
        model.accumulate(block, null, theta, sums, 0);
        return sums[layout.lossIndex()] / sums[layout.weightIndex()] + regularization.penalty(theta, model.layout());
    }

    double[] gradient(double[] theta) {
        SumsLayout layout = new SumsLayout(theta.length);
        double[] sums = new double[layout.size()];
        model.accumulate(block, null, theta, sums, 0);
        double[] gradient = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            gradient[j] = sums[j] / sums[layout.weightIndex()];
        }
        regularization.addSmoothGradient(theta, model.layout(), gradient);
        for (int j = 0; j < theta.length; j++) {
            if (model.layout().isPenalized(j)) {
                gradient[j] += regularization.l1() * Math.signum(theta[j]);
            }
        }
        return gradient;
    }

    GradientCheck.Result check(double[] theta) {
        return GradientCheck.DEFAULT.check(this::value, theta, gradient(theta));
    }
}
