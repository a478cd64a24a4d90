package org.descent.driver.tune;

import org.descent.driver.UserInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The budgets of successive halving (Jamieson and Talwalkar, 2016; Li et al., Hyperband,
 * 2018): the trials still running train to rung k's budget of {@code R·ηᵏ} iterations, then
 * only the best {@code 1/η} of them (at least one) go on to the next; the last rung is
 * {@code max-iter}. Without halving there is one rung, {@code max-iter}, and every trial
 * reaches it.
 *
 * @param eta     the factor between rungs (the 1/η kept); 0 without halving
 * @param budgets each rung's iterations, increasing, the last one {@code max-iter}
 */
public record HalvingPlan(int eta, List<Integer> budgets) {

    public HalvingPlan {
        budgets = List.copyOf(budgets);
    }

    /** One rung: every trial trains to {@code maxIterations}. */
    public static HalvingPlan none(int maxIterations) {
        return new HalvingPlan(0, List.of(maxIterations));
    }

    /**
     * Rungs {@code minIterations·ηᵏ} below {@code maxIterations}, then {@code maxIterations}.
     * The first must be a multiple of {@code validateEvery}, so that every rung ranks trials
     * on an evaluation made at its budget.
     */
    public static HalvingPlan of(int eta, int minIterations, int maxIterations, int validateEvery) {
        if (eta < 2) {
            throw new UserInputException("halving: the factor ETA between rungs must be >= 2, got " + eta);
        }
        if (minIterations < 1 || minIterations >= maxIterations) {
            throw new UserInputException("min-iter: the first rung's budget must be in [1, max-iter) = [1, "
                    + maxIterations + "), got " + minIterations);
        }
        if (minIterations % validateEvery != 0) {
            throw new UserInputException("min-iter: " + minIterations + " is not a multiple of --validate-every "
                    + validateEvery + "; every rung must end on an evaluation of the validation rows");
        }
        List<Integer> budgets = new ArrayList<>();
        for (long b = minIterations; b < maxIterations; b *= eta) {
            budgets.add((int) b);
        }
        budgets.add(maxIterations);
        return new HalvingPlan(eta, budgets);
    }

    /**
     * The first rung when {@code --min-iter} is not given: {@code max-iter / η²} rounded down to
     * a multiple of {@code validateEvery} (at least one evaluation), so three rungs or so.
     */
    public static int defaultMinIterations(int eta, int maxIterations, int validateEvery) {
        int r = maxIterations / (eta * eta);
        return Math.max(validateEvery, r - r % validateEvery);
    }

    public boolean halves() {
        return eta > 0;
    }

    public int rungs() {
        return budgets.size();
    }

    /** How many of {@code running} trials go on past a rung: the best 1/η, at least one. */
    public int survivors(int running) {
        return Math.max(1, running / eta);
    }
}
