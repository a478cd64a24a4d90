package org.descent.driver.ml;

import org.descent.driver.load.LoadedData;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.train.TrainingResult;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How a fit went, as {@code LogisticRegressionModel.summary()} tells it: the objective at each
 * iteration, the iterations run and why training stopped; with Descent's final objective on
 * all rows, the rows and partitions trained on and the time taken. A fitted model has one; a
 * loaded model has none (spark.ml does not save summaries either).
 */
public final class DescentTrainingSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] objectiveHistory;
    private final String stopReason;
    private final String message;
    private final double finalObjective;
    private final long numRows;
    private final int numPartitions;
    private final double trainMillis;
    private final long validationRows;
    private final int[] validationIterations;
    private final double[] validationLosses;
    private final double[] validationMetrics;
    private final int bestIteration;
    private final double bestValidationLoss;

    /** @param validationRows the rows scored during training; 0 without validation */
    DescentTrainingSummary(TrainingResult result, LoadedData loaded, long validationRows) {
        this.objectiveHistory = result.history().stream().mapToDouble(IterationRecord::loss).toArray();
        this.stopReason = result.stopReason().name().toLowerCase(Locale.ROOT);
        this.message = result.message();
        this.finalObjective = result.finalLoss();
        this.numRows = loaded.numRows();
        this.numPartitions = loaded.numPartitions();
        this.trainMillis = result.trainMillis();
        this.validationRows = validationRows;
        List<IterationRecord> scored = result.history().stream().filter(IterationRecord::isValidated).toList();
        this.validationIterations = scored.stream().mapToInt(IterationRecord::iteration).toArray();
        this.validationLosses = scored.stream().mapToDouble(IterationRecord::validationLoss).toArray();
        this.validationMetrics = scored.stream().mapToDouble(IterationRecord::validationMetric).toArray();
        boolean best = result.earlyStopping() != null && result.earlyStopping().hasBest();
        this.bestIteration = best ? result.earlyStopping().bestIteration() : 0;
        this.bestValidationLoss = best ? result.earlyStopping().bestLoss() : Double.NaN;
    }

    /**
     * The objective (mean loss plus penalty) of each iteration's batch at the parameters the
     * iteration started from, first iteration first; NaN for an iteration whose sampled batch
     * was empty. A copy.
     */
    public double[] objectiveHistory() {
        return objectiveHistory.clone();
    }

    /** Iterations run (a resumed run counts those before its checkpoint too). */
    public int totalIterations() {
        return objectiveHistory.length;
    }

    /**
     * Why training stopped, as summary.json of {@code descent train} says it:
     * {@code max_iterations}, {@code loss_tolerance}, {@code gradient_tolerance},
     * {@code early_stopped} (with earlyStopPatience: the model is the best evaluation's) or
     * {@code diverged} (then the model holds the last parameters with a finite objective).
     */
    public String stopReason() {
        return stopReason;
    }

    /** Whether training diverged: the model holds the last parameters with a finite objective. */
    public boolean diverged() {
        return stopReason.equals("diverged");
    }

    /** A one-line account of why training stopped. */
    public String message() {
        return message;
    }

    /** The objective on all rows at the final parameters. */
    public double finalObjective() {
        return finalObjective;
    }

    public long numRows() {
        return numRows;
    }

    public int numPartitions() {
        return numPartitions;
    }

    /** Rows held out and scored during training (validationFraction or validationIndicatorCol); 0 without. */
    public long validationRows() {
        return validationRows;
    }

    /**
     * The iterations after which the validation rows were scored (every validateEvery-th), in
     * order; empty without validation. A copy.
     */
    public int[] validationIterations() {
        return validationIterations.clone();
    }

    /** The validation loss after each of {@link #validationIterations()}, as history.csv's validation_loss. A copy. */
    public double[] validationLossHistory() {
        return validationLosses.clone();
    }

    /**
     * The validation metric after each of {@link #validationIterations()}, as history.csv's
     * validation_metric: accuracy for a classifier, RMSE for a regressor. A copy.
     */
    public double[] validationMetricHistory() {
        return validationMetrics.clone();
    }

    /** The iteration of the best validation loss; 0 without validation. */
    public int bestIteration() {
        return bestIteration;
    }

    /** The best validation loss; NaN without validation. */
    public double bestValidationLoss() {
        return bestValidationLoss;
    }

    /** Wall time of the iterations, in milliseconds. */
    public double trainMillis() {
        return trainMillis;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d iterations, %s: %s; final objective %.6g on %d rows (%d partitions)",
                totalIterations(), stopReason, message, finalObjective, numRows, numPartitions);
    }
}
