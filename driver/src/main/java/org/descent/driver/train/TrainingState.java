package org.descent.driver.train;

import org.descent.model.FeatureScaling;
import org.descent.optim.OptimizerState;

import java.util.List;

/**
 * Where a run stands after some iterations: everything the loop needs to go on exactly as if
 * it had never stopped. The parameters and the optimizer state are those the next iteration
 * starts from; the history holds one record per completed iteration, so its size is the
 * iteration count and the convergence test sees the losses it compares. The random streams
 * need nothing more: every iteration's seeds derive from (seed, iteration, partition).
 *
 * @param params     the parameters the optimizer works on: with standardization, the
 *                   standardized coordinates θ' ({@code scaling.toModel} gives the model)
 * @param stopReason why the run ended, or null while it can go on
 * @param scaling    the standardization θ' is in, {@link FeatureScaling#NONE} without: part of
 *                   the state, so a resumed run goes on in exactly the coordinates it stopped in
 * @param earlyStopping the validation's best so far, {@link EarlyStopping#NONE} without
 *                   validation or before its first evaluation: part of the state, so a
 *                   resumed run stops where the uninterrupted one would, with its best parameters
 */
public record TrainingState(double[] params, OptimizerState optimizerState, List<IterationRecord> history,
                            StopReason stopReason, FeatureScaling scaling, EarlyStopping earlyStopping) {

    public TrainingState {
        history = List.copyOf(history);
        if (scaling == null) {
            throw new IllegalArgumentException("scaling must be given (FeatureScaling.NONE for none)");
        }
        if (earlyStopping == null) {
            throw new IllegalArgumentException("earlyStopping must be given (EarlyStopping.NONE for none)");
        }
    }

    /** A state without validation. */
    public TrainingState(double[] params, OptimizerState optimizerState, List<IterationRecord> history,
                         StopReason stopReason, FeatureScaling scaling) {
        this(params, optimizerState, history, stopReason, scaling, EarlyStopping.NONE);
    }

    /** A state of a run on the features as they are. */
    public TrainingState(double[] params, OptimizerState optimizerState, List<IterationRecord> history,
                         StopReason stopReason) {
        this(params, optimizerState, history, stopReason, FeatureScaling.NONE);
    }

    /** The state before the first iteration. */
    public static TrainingState initial(double[] params, OptimizerState optimizerState, FeatureScaling scaling) {
        return new TrainingState(params, optimizerState, List.of(), null, scaling, EarlyStopping.NONE);
    }

    /** Iterations completed. */
    public int iterations() {
        return history.size();
    }

    public boolean finished() {
        return stopReason != null;
    }
}
