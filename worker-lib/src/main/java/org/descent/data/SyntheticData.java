package org.descent.data;

import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.util.SplittableRandom;

/**
 * Seeded synthetic data with a known generating model, for the quickstart, tests and the
 * benchmark. Features are standard normal; a row has all {@code numFeatures} of them
 * ({@code density == 1}) or {@code round(density * numFeatures)} at uniformly chosen columns.
 * True weights are N(0, 1/nnzPerRow) so margins have unit variance whatever the width, and the
 * true intercept is 0.5. Labels:
 * <ul>
 *   <li>linear: {@code y = w.x + b + noise * N(0,1)};</li>
 *   <li>logistic: {@code y ~ Bernoulli(sigmoid(scale * (w.x + b)))} in {0, 1};</li>
 *   <li>softmax: {@code y ~ Categorical(softmax(scale * (W x + b)))} in 0..K-1.</li>
 * </ul>
 * Rows depend only on (seed, stream, position in stream), so partitions can generate their own
 * rows independently and reproducibly.
 */
public record SyntheticData(String kind, int numFeatures, int numClasses, double density, double noise, long seed)
        implements Serializable {

    public static final double TRUE_INTERCEPT = 0.5;
    /** Sharpens class probabilities so the problems are learnable but not separable. */
    public static final double LOGIT_SCALE = 2.0;

    public SyntheticData {
        if (!kind.equals("linear") && !kind.equals("logistic") && !kind.equals("softmax")) {
            throw new IllegalArgumentException("kind: unknown value '" + kind + "'; allowed: linear, logistic, softmax");
        }
        if (numFeatures < 1) {
            throw new IllegalArgumentException("features must be >= 1, got " + numFeatures);
        }
        if (kind.equals("softmax") ? numClasses < 2 : numClasses != 0 && numClasses != 2) {
            throw new IllegalArgumentException("classes must be >= 2 for softmax, got " + numClasses);
        }
        if (!(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("density must be in (0, 1], got " + density);
        }
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("noise must be >= 0, got " + noise);
        }
    }

    private int outputs() {
        return kind.equals("softmax") ? numClasses : 1;
    }

    public int nonZerosPerRow() {
        return Math.max(1, (int) Math.round(density * numFeatures));
    }

    /** The generating weights, {@code outputs x numFeatures} row-major, from the seed alone. */
    public double[] trueWeights() {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[outputs() * numFeatures];
        double scale = 1.0 / Math.sqrt(nonZerosPerRow());
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(rng) * scale;
        }
        return w;
    }

    /** A generator of the rows of one stream (e.g. one partition or one file). */
    public Rows rows(long stream) {
        return new Rows(stream);
    }

    /** Generates rows one after another; holds its scratch, so one per thread. */
    public final class Rows {
        private final SplittableRandom rng;
        private final double[] weights = trueWeights();
        private final int[] columns = new int[nonZerosPerRow()];
        private final double[] values = new double[nonZerosPerRow()];
        private final double[] margins = new double[outputs()];
        private double label;

        private Rows(long stream) {
            this.rng = new SplittableRandom(mix(seed, stream));
        }

        /** Appends {@code count} rows to {@code out}. */
        public void appendTo(BlockBuilder out, int count) {
            for (int r = 0; r < count; r++) {
                int nnz = next();
                out.startRow(label, 1.0);
                for (int k = 0; k < nnz; k++) {
                    out.addFeature(columns[k], values[k]);
                }
                out.endRow();
            }
        }

        /** Writes {@code count} rows as LIBSVM lines (1-based indices). */
        public void writeLibSvm(Writer out, long count) throws IOException {
            StringBuilder line = new StringBuilder(nonZerosPerRow() * 24);
            for (long r = 0; r < count; r++) {
                int nnz = next();
                line.setLength(0);
                line.append(formatLabel(label));
                for (int k = 0; k < nnz; k++) {
                    line.append(' ').append(columns[k] + 1).append(':').append(format(values[k]));
                }
                line.append('\n');
                out.write(line.toString());
            }
        }

        /** Writes {@code count} rows as CSV, label first, all columns present. */
        public void writeCsv(Writer out, long count) throws IOException {
            StringBuilder line = new StringBuilder(numFeatures * 12);
            double[] dense = new double[numFeatures];
            for (long r = 0; r < count; r++) {
                int nnz = next();
                java.util.Arrays.fill(dense, 0.0);
                for (int k = 0; k < nnz; k++) {
                    dense[columns[k]] = values[k];
                }
                line.setLength(0);
                line.append(formatLabel(label));
                for (double v : dense) {
                    line.append(',').append(v == 0 ? "0" : format(v));
                }
                line.append('\n');
                out.write(line.toString());
            }
        }

        /** Generates the next row into the scratch arrays; returns its non-zero count. */
        private int next() {
            SplittableRandom g = rng;
            int nnz = columns.length;
            if (nnz == numFeatures) {
                for (int j = 0; j < nnz; j++) {
                    columns[j] = j;
                }
            } else {
                int[] picked = org.descent.sampling.RowSampler.exactly(numFeatures, nnz, g);
                System.arraycopy(picked, 0, columns, 0, nnz);
            }
            for (int k = 0; k < nnz; k++) {
                values[k] = round(gaussian(g));
            }
            for (int o = 0; o < margins.length; o++) {
                double z = TRUE_INTERCEPT;
                for (int k = 0; k < nnz; k++) {
                    z += weights[o * numFeatures + columns[k]] * values[k];
                }
                margins[o] = z;
            }
            label = switch (kind) {
                case "linear" -> margins[0] + noise * gaussian(g);
                case "logistic" -> g.nextDouble() < 1 / (1 + Math.exp(-LOGIT_SCALE * margins[0])) ? 1 : 0;
                default -> sampleClass(g);
            };
            return nnz;
        }

        private double sampleClass(SplittableRandom g) {
            double max = Double.NEGATIVE_INFINITY;
            for (double z : margins) {
                max = Math.max(max, LOGIT_SCALE * z);
            }
            double total = 0;
            for (double z : margins) {
                total += Math.exp(LOGIT_SCALE * z - max);
            }
            double u = g.nextDouble() * total;
            for (int k = 0; k < margins.length; k++) {
                u -= Math.exp(LOGIT_SCALE * margins[k] - max);
                if (u <= 0) {
                    return k;
                }
            }
            return margins.length - 1;
        }
    }

    /**
     * Values are rounded to 4 decimals to keep files short. (Exactness does not depend on it:
     * Double.toString prints the shortest text that parses back to the same double, so a
     * written file read back is exactly the data generated.)
     */
    private static double round(double v) {
        return Math.rint(v * 1e4) / 1e4;
    }

    private static String format(double v) {
        return Double.toString(v);
    }

    private static String formatLabel(double label) {
        return label == Math.rint(label) && Math.abs(label) < 1e15 ? Long.toString((long) label) : Double.toString(label);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
