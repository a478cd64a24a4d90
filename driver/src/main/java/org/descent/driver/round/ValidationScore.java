package org.descent.driver.round;

import org.descent.driver.spec.ProblemType;

/**
 * A model scored on the validation rows: the weighted mean loss of the objective being
 * minimized (no penalty), the task's metric for history.csv and, for a binary model, the area
 * under the ROC curve.
 *
 * @param loss          {@code Σ w_i l_i / Σ w_i} over the validation rows
 * @param metric        {@link #metricName}'s value
 * @param areaUnderRoc  ROC AUC of a binary model; NaN for the other tasks
 */
public record ValidationScore(double loss, double metric, double areaUnderRoc) {

    /** The metric history.csv's validation_metric column holds: accuracy for classifiers, RMSE for regression. */
    public static String metricName(ProblemType task) {
        return task == ProblemType.REGRESSION ? "rmse" : "accuracy";
    }
}
