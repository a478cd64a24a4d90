package org.descent.driver.ml;

import org.descent.driver.load.LoadedData;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.train.TrainingResult;

import java.io.Serializable;
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

    DescentTrainingSummary(TrainingResult result, LoadedData loaded) {
        this.objectiveHistory = result.history().stream().mapToDouble(IterationRecord::loss).toArray();
        this.stopReason = result.stopReason().name().toLowerCase(Locale.ROOT);
        this.message = result.message();
        this.finalObjective = result.finalLoss();
        this.numRows = loaded.numRows();
        this.numPartitions = loaded.numPartitions();
        this.trainMillis = result.trainMillis();
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
     * {@code max_iterations}, {@code loss_tolerance}, {@code gradient_tolerance} or
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
