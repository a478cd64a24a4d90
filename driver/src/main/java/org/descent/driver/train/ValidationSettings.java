package org.descent.driver.train;

/**
 * How a run uses its validation rows: how often to score them and when to stop.
 *
 * @param every     score the model after every {@code every}-th iteration
 * @param patience  stop after this many consecutive evaluations without an improvement; 0 never stops
 * @param minDelta  an evaluation improves only when its loss is below the best so far by more than this
 */
public record ValidationSettings(int every, int patience, double minDelta) {

    /** Evaluations every 10 iterations: a pass over the validation rows costs about one full-batch iteration on them. */
    public static final int DEFAULT_EVERY = 10;
    /** Early stopping is off unless asked for. */
    public static final int DEFAULT_PATIENCE = 0;
    /** Any decrease of the validation loss is an improvement. */
    public static final double DEFAULT_MIN_DELTA = 0;

    public ValidationSettings {
        if (every < 1) {
            throw new IllegalArgumentException("validate-every must be >= 1, got " + every);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("early-stop-patience must be >= 0 (0: off), got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early-stop-min-delta must be a finite number >= 0, got " + minDelta);
        }
    }

    public boolean stopsEarly() {
        return patience > 0;
    }

    /** Whether the model after {@code iteration} iterations (1-based) is scored. */
    public boolean isDue(int iteration) {
        return iteration % every == 0;
    }

    /**
     * Whether a round that took the run from {@code from} to {@code to} completed iterations
     * passed an iteration that is scored: a local round is scored at its end if so.
     */
    public boolean isDueWithin(int from, int to) {
        return to / every > from / every;
    }
}
