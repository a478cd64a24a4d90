package org.descent.bench;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one yardstick both trainers of {@link PipelineTimeToObjective} are measured by: the
 * binary logistic objective of a weight vector and intercept on a DataFrame's rows, mean log
 * loss (labels 0/1) plus an L2 penalty {@code (l2 / 2) ||w||^2} on the weights in the
 * features' own units (the intercept is never penalized), summed in double on the executors.
 * Neither trainer's code computes it, so neither is measured by its own account of its loss.
 */
public final class LogisticObjective {

    private LogisticObjective() {
    }

    /**
     * @param frame     rows with a double {@code label} (0 or 1) and a {@code features} vector
     * @param weights   one weight per feature, in the features' units
     * @param l2        the L2 penalty's factor; 0 for none
     */
    public static double of(Dataset<Row> frame, double[] weights, double intercept, double l2) {
        int labelIndex = frame.schema().fieldIndex("label");
        int featuresIndex = frame.schema().fieldIndex("features");
        double[] sumAndCount = frame.javaRDD().mapPartitions(rows -> {
            double sum = 0;
            long count = 0;
            while (rows.hasNext()) {
                Row row = rows.next();
                double y = row.getDouble(labelIndex);
                double margin = intercept + dot(row.<Vector>getAs(featuresIndex), weights);
                // log(1 + e^m) - y m, without overflow for large |m|
                sum += Math.max(margin, 0) + Math.log1p(Math.exp(-Math.abs(margin))) - y * margin;
                count++;
            }
            return java.util.List.of(new double[] {sum, count}).iterator();
        }).reduce((a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
        double penalty = 0;
        for (double w : weights) {
            penalty += w * w;
        }
        return sumAndCount[0] / sumAndCount[1] + l2 / 2 * penalty;
    }

    private static double dot(Vector x, double[] w) {
        double s = 0;
        if (x instanceof org.apache.spark.ml.linalg.SparseVector sparse) {
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                s += values[k] * w[indices[k]];
            }
        } else {
            double[] values = x.toArray();
            for (int j = 0; j < values.length; j++) {
                s += values[j] * w[j];
            }
        }
        return s;
    }
}
