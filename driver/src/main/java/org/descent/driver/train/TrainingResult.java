package org.descent.driver.train;

import org.descent.optim.OptimizerState;

import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param params     the final model, in the features' own units (standardization folded in),
 *                   or on divergence the last one with a finite objective
 * @param optimizerState the optimizer's state, in the coordinates it worked in (standardized
 *                   ones with standardization)
 * @param finalLoss  the objective on all the data at {@code params} (one extra full pass)
 * @param message    a one-line account of why training stopped
 * @param earlyStopping the validation's best (in the trainer's coordinates), {@link EarlyStopping#NONE} without
 *                   validation; with early stopping on, {@code params} are its best parameters
 */
public record TrainingResult(double[] params, OptimizerState optimizerState, List<IterationRecord> history,
                             StopReason stopReason, String message, double finalLoss, double trainMillis,
                             EarlyStopping earlyStopping) {

    /** The outcome of a run without validation. */
    public TrainingResult(double[] params, OptimizerState optimizerState, List<IterationRecord> history,
                          StopReason stopReason, String message, double finalLoss, double trainMillis) {
        this(params, optimizerState, history, stopReason, message, finalLoss, trainMillis, EarlyStopping.NONE);
    }

    public int iterations() {
        return history.size();
    }
}
