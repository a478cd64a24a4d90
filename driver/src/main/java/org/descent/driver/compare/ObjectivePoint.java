package org.descent.driver.compare;

/**
 * The objective on all training rows after some iterations of a run.
 *
 * @param iteration iterations completed (0: the starting parameters)
 * @param millis    training time of those iterations: the sum of their wall times (gradient round
 *                  and update), without the passes that measured the objective
 * @param objective F(θ): weighted mean loss plus penalties, on every training row
 * @param round     rounds (Spark jobs of the training loop) of those iterations: the iterations
 *                  themselves for synchronous training, fewer with local steps
 */
public record ObjectivePoint(int iteration, double millis, double objective, long round) {

    /** A point of synchronous training, one round per iteration. */
    public ObjectivePoint(int iteration, double millis, double objective) {
        this(iteration, millis, objective, iteration);
    }
}
