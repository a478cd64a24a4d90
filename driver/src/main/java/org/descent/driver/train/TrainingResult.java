package org.descent.driver.train;

import org.descent.optim.OptimizerState;

import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param params     the final parameters, or on divergence the last ones with a finite objective
 * @param finalLoss  the objective on all the data at {@code params} (one extra full pass)
 * @param message    a one-line account of why training stopped
 */
public record TrainingResult(double[] params, OptimizerState optimizerState, List<IterationRecord> history,
                             StopReason stopReason, String message, double finalLoss, double trainMillis) {

    public int iterations() {
        return history.size();
    }
}
