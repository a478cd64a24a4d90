package org.descent.driver.train;

import org.descent.driver.UserInputException;
import org.descent.sampling.HoldOutRule;

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

    /**
     * The settings given, null for one not given (its default), checked as {@code descent train}
     * checks them, for the command line and the estimators alike: without validation rows
     * ({@code on} false), a setting given is refused, and null returned; with them, each value
     * out of its range is refused. Every refusal names the command line's option.
     */
    public static ValidationSettings given(boolean on, Integer every, Integer patience, Double minDelta) {
        if (!on) {
            for (Object[] given : new Object[][]{{"validate-every", every}, {"early-stop-patience", patience},
                    {"early-stop-min-delta", minDelta}}) {
                if (given[1] != null) {
                    throw new UserInputException(given[0] + ": needs --validation PATH or --validation-fraction F");
                }
            }
            return null;
        }
        try {
            return new ValidationSettings(every == null ? DEFAULT_EVERY : every,
                    patience == null ? DEFAULT_PATIENCE : patience, minDelta == null ? DEFAULT_MIN_DELTA : minDelta);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /** The rule holding out about {@code fraction} of the rows of a run seeded with {@code seed}; refused out of (0, 1). */
    public static HoldOutRule holdOut(long seed, double fraction) {
        try {
            return new HoldOutRule(seed, fraction);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
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
