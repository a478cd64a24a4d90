package org.descent.driver.train;

/**
 * One iteration as the user sees it: the objective and gradient norm at the parameters the
 * iteration started from (on its batch), the learning rate it stepped with, the batch's rows
 * and the wall time of the whole iteration (round plus update).
 *
 * @param iteration 1-based
 */
public record IterationRecord(int iteration, double loss, double gradientNorm, double learningRate, long batchRows,
                              double millis) {

    public static final String CSV_HEADER = "iteration,loss,gradient_norm,learning_rate,batch_rows,millis";

    public String toCsvRow() {
        return iteration + "," + loss + "," + gradientNorm + "," + learningRate + "," + batchRows + ","
                + String.format(java.util.Locale.ROOT, "%.3f", millis);
    }

    /**
     * Reads a line written by {@link #toCsvRow()}; the doubles come back with the same bits
     * (Java's shortest round-tripping decimal form), except millis, which is rounded.
     */
    public static IterationRecord parseCsvRow(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 fields (" + CSV_HEADER + "), got " + f.length);
        }
        return new IterationRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Long.parseLong(f[4]), Double.parseDouble(f[5]));
    }
}
