package org.descent.driver.tune;

import org.descent.driver.UserInputException;
import org.descent.driver.spec.ProblemType;
import org.descent.driver.train.IterationRecord;

import java.util.List;
import java.util.Locale;

/**
 * What a search ranks trials by: a score the trainer computes anyway at every evaluation of the
 * validation rows (history.csv's {@code validation_loss} and {@code validation_metric}), so
 * ranking costs no extra pass. A trial's score is its best evaluation's.
 */
public enum TuneMetric {

    /** The validation rows' weighted mean loss of the objective being minimized (no penalty). */
    LOSS("loss", "validation loss", false),
    /** The fraction of validation rows classified right; classifiers only. */
    ACCURACY("accuracy", "validation accuracy", true),
    /** The root mean squared error on the validation rows; regression only. */
    RMSE("rmse", "validation RMSE", false);

    private final String spelling;
    private final String label;
    private final boolean higherIsBetter;

    TuneMetric(String spelling, String label, boolean higherIsBetter) {
        this.spelling = spelling;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    public String spelling() {
        return spelling;
    }

    /** As charts and tables name it. */
    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public static TuneMetric parse(String text) {
        for (TuneMetric m : values()) {
            if (m.spelling.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new UserInputException("metric: unknown value '" + text + "'; allowed: loss, accuracy, rmse");
    }

    /** Refuses a metric the model does not have (accuracy of a regression, RMSE of a classifier). */
    public void check(ProblemType task) {
        if ((this == ACCURACY && task == ProblemType.REGRESSION) || (this == RMSE && task != ProblemType.REGRESSION)) {
            throw new UserInputException("metric: " + spelling + " is not a metric of a "
                    + task.name().toLowerCase(Locale.ROOT) + " model; allowed: loss, "
                    + (task == ProblemType.REGRESSION ? "rmse" : "accuracy"));
        }
    }

    /** The record's value of this metric; NaN when the iteration was not scored. */
    public double of(IterationRecord record) {
        return this == LOSS ? record.validationLoss() : record.validationMetric();
    }

    /** Whether {@code a} is a better score than {@code b}; NaN is worse than any number. */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return higherIsBetter ? a > b : a < b;
    }

    /** The best evaluation in {@code history}: its score and iteration; NaN and 0 when none scored a number. */
    public Best best(List<IterationRecord> history) {
        double best = Double.NaN;
        int at = 0;
        for (IterationRecord r : history) {
            double v = of(r);
            if (better(v, best)) {
                best = v;
                at = r.iteration();
            }
        }
        return new Best(best, at);
    }

    /** A trial's best evaluation. */
    public record Best(double score, int iteration) {
    }
}
