package org.descent.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * Per-class multipliers of the sample weights: row i weighs {@code w_i · c(y_i)} in the loss,
 * its gradient and every weighted sum, so the objective becomes
 * {@code Σ_i w_i c(y_i) l_i / Σ_i w_i c(y_i)} (plus the penalties). Given as
 * {@code --class-weight balanced} or {@code --class-weight LABEL:FACTOR,...}.
 *
 * <p>{@code balanced} gives every class the same total weight, as scikit-learn's does:
 * {@code c(k) = W / (K · W_k)}, W the weight of all rows, W_k of the rows of class k, K the
 * number of classes present. Listed factors apply to the labels named, as the data spells them
 * ({@code -1:1,1:10} as well as {@code 0:1,1:10}); a class not listed keeps factor 1.
 *
 * @param labels  the labels given factors, ascending
 * @param factors the factor of each label, finite and positive
 */
public record ClassWeights(double[] labels, double[] factors) implements Serializable {

    /** What {@code --class-weight} says before the data is seen: balanced, or the listed factors. */
    public record Spec(boolean balanced, double[] labels, double[] factors) implements Serializable {

        public static final String BALANCED = "balanced";

        /** Parses {@code balanced} or {@code LABEL:FACTOR,...}; the message names the option and what is allowed. */
        public static Spec parse(String text) {
            String trimmed = text.trim();
            if (trimmed.equalsIgnoreCase(BALANCED)) {
                return new Spec(true, new double[0], new double[0]);
            }
            String[] pairs = trimmed.split(",");
            double[][] sorted = new double[pairs.length][];
            for (int i = 0; i < pairs.length; i++) {
                String[] parts = pairs[i].split(":");
                if (parts.length != 2) {
                    throw refused(text, "'" + pairs[i].trim() + "' is not LABEL:FACTOR");
                }
                double label = number(text, parts[0]);
                double factor = number(text, parts[1]);
                if (!(factor > 0) || Double.isInfinite(factor)) {
                    throw refused(text, "the factor of label " + parts[0].trim() + " must be a finite number > 0");
                }
                sorted[i] = new double[] {label == 0 ? 0.0 : label, factor};
            }
            Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i][0] == sorted[i - 1][0]) {
                    throw refused(text, "label " + format(sorted[i][0]) + " is given twice");
                }
            }
            return new Spec(false, Arrays.stream(sorted).mapToDouble(p -> p[0]).toArray(),
                    Arrays.stream(sorted).mapToDouble(p -> p[1]).toArray());
        }

        /**
         * The factors for data whose classes are {@code classes} (ascending, as the data spells
         * them) with {@code classWeightSums} of sample weight each; a listed label that is not
         * among the classes is refused, naming it.
         */
        public ClassWeights resolve(double[] classes, double[] classWeightSums) {
            if (balanced) {
                double total = Arrays.stream(classWeightSums).sum();
                int present = (int) Arrays.stream(classWeightSums).filter(w -> w > 0).count();
                double[] f = new double[classes.length];
                for (int k = 0; k < classes.length; k++) {
                    f[k] = classWeightSums[k] > 0 ? total / (present * classWeightSums[k]) : 1.0;
                }
                return new ClassWeights(classes, f);
            }
            for (double label : labels) {
                if (Arrays.binarySearch(classes, label) < 0) {
                    throw new IllegalArgumentException("class-weight: label " + format(label) + " is not a class of the data; "
                            + "its classes are " + formatAll(classes));
                }
            }
            return new ClassWeights(labels, factors);
        }

        @Override
        public String toString() {
            if (balanced) {
                return BALANCED;
            }
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < labels.length; i++) {
                s.append(i == 0 ? "" : ",").append(format(labels[i])).append(':').append(format(factors[i]));
            }
            return s.toString();
        }

        private static double number(String text, String token) {
            try {
                double value = Double.parseDouble(token.trim());
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw refused(text, "'" + token.trim() + "' is not a number");
        }

        private static IllegalArgumentException refused(String text, String why) {
            return new IllegalArgumentException("class-weight: '" + text + "': " + why
                    + "; allowed: balanced, or LABEL:FACTOR pairs such as 0:1,1:10");
        }
    }

    public ClassWeights {
        if (labels.length != factors.length) {
            throw new IllegalArgumentException("one factor per label");
        }
        labels = labels.clone();
        factors = factors.clone();
    }

    /** The factor of rows labelled {@code label}: 1 for a label not listed. */
    public double factor(double label) {
        int k = Arrays.binarySearch(labels, label == 0 ? 0.0 : label);
        return k >= 0 ? factors[k] : 1.0;
    }

    /** {@code block} with each row's weight multiplied by its class's factor; its features are shared, not copied. */
    public DataBlock applyTo(DataBlock block) {
        double[] labelsOfRows = block.labels();
        double[] weights = block.weights().clone();
        for (int i = 0; i < weights.length; i++) {
            weights[i] *= factor(labelsOfRows[i]);
        }
        return block.withWeights(weights);
    }

    /** Sample weight per class of {@code block}: {@code sums[k]} for rows labelled {@code classes[k]}. */
    public static double[] weightSums(DataBlock block, double[] classes) {
        double[] sums = new double[classes.length];
        double[] labelsOfRows = block.labels();
        double[] weights = block.weights();
        for (int i = 0; i < labelsOfRows.length; i++) {
            int k = Arrays.binarySearch(classes, labelsOfRows[i] == 0 ? 0.0 : labelsOfRows[i]);
            if (k >= 0) {
                sums[k] += weights[i];
            }
        }
        return sums;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }

    private static String formatAll(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(format(v));
        }
        return s.toString();
    }
}
