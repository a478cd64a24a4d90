package org.descent.driver.train;

/**
 * Where the validation of a run stands: the best validation loss so far, the iteration whose
 * parameters gave it and those parameters, and the evaluations since it without an
 * improvement. Immutable; {@link #next} gives the state after one more evaluation.
 *
 * <p>An evaluation improves when its loss is below the best so far by more than
 * {@code minDelta}; then it becomes the best. Otherwise (a NaN loss included) it counts one
 * more evaluation without improvement, and the best stays. This is Keras's
 * {@code EarlyStopping} with {@code restore_best_weights}: a loss a little below the best but
 * not by more than {@code minDelta} is not a new best.
 *
 * @param bestLoss        the best validation loss, +∞ before any finite one
 * @param bestIteration   the iteration (1-based) whose parameters gave it, 0 before any
 * @param sinceBest       consecutive evaluations since without improvement
 * @param bestParams      the trainer's parameters (θ' with standardization) after
 *                        {@code bestIteration} iterations; null before any
 */
public record EarlyStopping(double bestLoss, int bestIteration, int sinceBest, double[] bestParams) {

    /** Before the first evaluation. */
    public static final EarlyStopping NONE = new EarlyStopping(Double.POSITIVE_INFINITY, 0, 0, null);

    public EarlyStopping {
        if ((bestIteration == 0) != (bestParams == null) || sinceBest < 0) {
            throw new IllegalArgumentException("early stopping: a best iteration needs its parameters and they it; got "
                    + bestIteration + " and " + (bestParams == null ? "none" : bestParams.length + " parameters"));
        }
    }

    /** The state after scoring the parameters {@code params} of iteration {@code iteration} at {@code loss}. */
    public EarlyStopping next(int iteration, double loss, double[] params, double minDelta) {
        if (loss < bestLoss - minDelta) {
            return new EarlyStopping(loss, iteration, 0, params.clone());
        }
        return new EarlyStopping(bestLoss, bestIteration, sinceBest + 1, bestParams);
    }

    /** Whether {@code patience} evaluations in a row have not improved (never with patience 0). */
    public boolean exhausted(int patience) {
        return patience > 0 && sinceBest >= patience;
    }

    public boolean hasBest() {
        return bestIteration > 0;
    }
}
