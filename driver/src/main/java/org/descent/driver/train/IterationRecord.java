package org.descent.driver.train;

/**
 * One iteration as the user sees it: the objective and gradient norm at the parameters the
 * iteration started from (on its batch), the learning rate it stepped with, the batch's rows,
 * the wall time of the whole iteration (round, update and any validation) and, when the
 * validation rows were scored after it, their loss and metric at the parameters it ended with.
 *
 * @param iteration        1-based
 * @param validationLoss   the validation rows' mean loss after this iteration's update; NaN when not scored
 * @param validationMetric the task's validation metric ({@link org.descent.driver.round.ValidationScore#metricName}); NaN when not scored
 */
public record IterationRecord(int iteration, double loss, double gradientNorm, double learningRate, long batchRows,
                              double millis, double validationLoss, double validationMetric) {

    /** The columns of a run without validation, first and unchanged in every history.csv. */
    public static final String CSV_HEADER_WITHOUT_VALIDATION = "iteration,loss,gradient_norm,learning_rate,batch_rows,millis";
    public static final String CSV_HEADER = CSV_HEADER_WITHOUT_VALIDATION + ",validation_loss,validation_metric";

    /** An iteration without validation. */
    public IterationRecord(int iteration, double loss, double gradientNorm, double learningRate, long batchRows,
                           double millis) {
        this(iteration, loss, gradientNorm, learningRate, batchRows, millis, Double.NaN, Double.NaN);
    }

    public boolean isValidated() {
        return !Double.isNaN(validationLoss) || !Double.isNaN(validationMetric);
    }

    /** The row; the validation columns are empty where the iteration was not scored. */
    public String toCsvRow() {
        return iteration + "," + loss + "," + gradientNorm + "," + learningRate + "," + batchRows + ","
                + String.format(java.util.Locale.ROOT, "%.3f", millis) + "," + optional(validationLoss) + ","
                + optional(validationMetric);
    }

    /**
     * Reads a line written by {@link #toCsvRow()}, or one of the six columns written before
     * validation existed; the doubles come back with the same bits (Java's shortest
     * round-tripping decimal form), except millis, which is rounded.
     */
    public static IterationRecord parseCsvRow(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 6 && f.length != 8) {
            throw new IllegalArgumentException("expected 8 fields (" + CSV_HEADER + ") or the first 6, got " + f.length);
        }
        return new IterationRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Long.parseLong(f[4]), Double.parseDouble(f[5]),
                f.length == 8 ? parseOptional(f[6]) : Double.NaN, f.length == 8 ? parseOptional(f[7]) : Double.NaN);
    }

    private static String optional(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private static double parseOptional(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }
}
