package org.descent.driver.train;

import java.util.function.Consumer;

/**
 * When the loop hands a copy of its {@link TrainingState} to {@code sink}: after every
 * {@code every}-th iteration while training goes on, and once more when it ends normally (a
 * diverged run hands over nothing, so the last snapshot taken stays the last good one).
 * Checkpointing is one such sink.
 */
public record SnapshotSchedule(int every, Consumer<TrainingState> sink) {

    /** No snapshots at all. */
    public static final SnapshotSchedule NONE = new SnapshotSchedule(Integer.MAX_VALUE, state -> { });

    public SnapshotSchedule {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint-every must be >= 1, got " + every);
        }
    }

    /** Whether a run that has completed {@code iterations} and goes on is due a snapshot. */
    boolean isDue(int iterations) {
        return this != NONE && iterations % every == 0;
    }

    /**
     * Whether a run that went from {@code from} to {@code to} completed iterations in one round
     * (a local round's steps) passed a due iteration: the snapshot is then taken after the round.
     */
    boolean isDueWithin(int from, int to) {
        return this != NONE && to / every > from / every;
    }
}
