package org.descent.driver.train;

import org.descent.optim.OptimizerState;

import java.util.List;

/**
 * Where a run stands after some iterations: everything the loop needs to go on exactly as if
 * it had never stopped. The parameters and the optimizer state are those the next iteration
 * starts from; the history holds one record per completed iteration, so its size is the
 * iteration count and the convergence test sees the losses it compares. The random streams
 * need nothing more: every iteration's seeds derive from (seed, iteration, partition).
 *
 * @param stopReason why the run ended, or null while it can go on
 */
public record TrainingState(double[] params, OptimizerState optimizerState, List<IterationRecord> history,
                            StopReason stopReason) {

    public TrainingState {
        history = List.copyOf(history);
    }

    /** The state before the first iteration. */
    public static TrainingState initial(double[] params, OptimizerState optimizerState) {
        return new TrainingState(params, optimizerState, List.of(), null);
    }

    /** Iterations completed. */
    public int iterations() {
        return history.size();
    }

    public boolean finished() {
        return stopReason != null;
    }
}
