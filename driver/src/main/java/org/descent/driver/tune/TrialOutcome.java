package org.descent.driver.tune;

import org.descent.driver.train.StopReason;
import org.descent.driver.train.TrainingResult;

import java.util.Comparator;
import java.util.Locale;

/**
 * How a trial ended in a search.
 *
 * @param best    its best validation evaluation: the trial's score and the iteration of it
 * @param rung    the last rung of successive halving it trained in (1-based; 1 without halving)
 * @param dropped whether the search stopped it at the end of {@code rung}
 */
public record TrialOutcome(Trial trial, TrainingResult result, TuneMetric.Best best, int rung, boolean dropped) {

    public boolean diverged() {
        return result.stopReason() == StopReason.DIVERGED;
    }

    /** Whether it can be the search's best: it did not diverge and scored a number. */
    public boolean ranked() {
        return !diverged() && !Double.isNaN(best.score());
    }

    /** Why it stopped: the trainer's reason, or that the search dropped it. */
    public String stopReason() {
        return dropped ? "dropped" : result.stopReason().name().toLowerCase(Locale.ROOT);
    }

    /** Best first: ranked trials by score, the others after them; ties by trial number. */
    public static Comparator<TrialOutcome> byScore(TuneMetric metric) {
        return (a, b) -> {
            if (a.ranked() != b.ranked()) {
                return a.ranked() ? -1 : 1;
            }
            if (a.ranked()) {
                if (metric.better(a.best.score(), b.best.score())) {
                    return -1;
                }
                if (metric.better(b.best.score(), a.best.score())) {
                    return 1;
                }
            }
            return Integer.compare(a.trial.id(), b.trial.id());
        };
    }
}
