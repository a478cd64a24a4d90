package org.descent.driver.tune;

import org.descent.driver.train.IterationRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a search's trials through a {@link TrialRunner} rung by rung ({@link HalvingPlan}): all
 * running trials train to the rung's budget; then, between rungs, the running trials are ranked
 * by their best validation score so far and only {@link HalvingPlan#survivors} go on. A trial
 * that stops by its own rules (tolerance, early stopping, divergence) leaves at once and keeps
 * its score; the others are not affected.
 */
public final class TuneSearch {

    private TuneSearch() {
    }

    /** Every trial's outcome, best first ({@link TrialOutcome#byScore}). */
    public static List<TrialOutcome> run(TrialRunner runner, List<Trial> trials, HalvingPlan plan, TuneMetric metric,
                                         TuneProgress progress) {
        int n = trials.size();
        int[] rung = new int[n];
        boolean[] dropped = new boolean[n];
        for (int k = 0; k < plan.rungs(); k++) {
            List<Integer> running = running(runner, n);
            if (running.isEmpty()) {
                break;
            }
            for (int i : running) {
                rung[i] = k + 1;
            }
            progress.rung(k + 1, plan.rungs(), plan.budgets().get(k), running.size());
            runner.advanceTo(plan.budgets().get(k), (trial, record) -> progress.onIteration(trials.get(trial).id(),
                    record));
            List<Integer> still = running(runner, n);
            if (k + 1 < plan.rungs() && plan.halves() && !still.isEmpty()) {
                Comparator<TrialOutcome> order = TrialOutcome.byScore(metric);
                List<TrialOutcome> ranked = new ArrayList<>();
                for (int i : still) {
                    ranked.add(outcome(runner, trials, metric, i, rung[i], false));
                }
                ranked.sort(order);
                for (TrialOutcome o : ranked.subList(plan.survivors(ranked.size()), ranked.size())) {
                    int i = trials.indexOf(o.trial());
                    runner.drop(i);
                    dropped[i] = true;
                }
            }
            progress.rungEnd(running(runner, n).size(), runner.gradientRows());
        }
        List<TrialOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            outcomes.add(outcome(runner, trials, metric, i, rung[i], dropped[i]));
        }
        outcomes.sort(TrialOutcome.byScore(metric));
        return outcomes;
    }

    private static TrialOutcome outcome(TrialRunner runner, List<Trial> trials, TuneMetric metric, int i, int rung,
                                        boolean dropped) {
        List<IterationRecord> history = runner.result(i).history();
        return new TrialOutcome(trials.get(i), runner.result(i), metric.best(history), rung, dropped);
    }

    private static List<Integer> running(TrialRunner runner, int n) {
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (runner.isRunning(i)) {
                running.add(i);
            }
        }
        return running;
    }
}
