package org.descent.driver.checkpoint;

import org.descent.driver.train.TrainingState;

/**
 * A training run saved after {@code state.iterations()} iterations: the run it belongs to and
 * where it stood. Written and read by {@link CheckpointStore}.
 *
 * @param location where it was read from or written to (for messages)
 */
public record Checkpoint(RunIdentity run, TrainingState state, String location) {

    public int iteration() {
        return state.iterations();
    }
}
