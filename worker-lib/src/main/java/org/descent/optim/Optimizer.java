package org.descent.optim;

import org.descent.model.ParameterLayout;

import java.io.Serializable;

/**
 * The settings of an update rule: an immutable, validated description (learning-rate
 * independent hyper-parameters such as momentum or betas) that knows how much state it needs
 * and how to apply one update. The state itself lives in an {@link OptimizerState} the caller
 * owns, so a checkpoint can hold it and a resumed run continues exactly.
 *
 * <p>Call order: {@link #initialState} once, then {@link #update} once per iteration with the
 * same state. Sign convention: {@code gradient} is the gradient of the objective being
 * minimized; the optimizer steps against it. The learning rate comes from a
 * {@link LearningRateSchedule} each iteration, so schedules compose with every rule.
 */
public interface Optimizer extends Serializable {

    /** Which rule this is: its name and the settings it is configured by. */
    UpdateRule rule();

    /** The value of each of {@code rule().settings()}, in that order. */
    HyperparameterValues settings();

    /** The name used on the command line, in model files and in checkpoints, e.g. "adam". */
    default String name() {
        return rule().spelling();
    }

    /** Length of the state's slot array for a model with {@code numParams} parameters. */
    int stateSize(int numParams);

    default OptimizerState initialState(int numParams) {
        return new OptimizerState(0, new double[stateSize(numParams)]);
    }

    /**
     * Applies one update to {@code params} in place, reading {@code gradient}, and advances
     * {@code state}. {@code layout} says which parameters are weights (penalized) and which
     * are intercepts or biases; only rules with weight decay look at it.
     */
    void update(double[] params, double[] gradient, double learningRate, OptimizerState state, ParameterLayout layout);
}
