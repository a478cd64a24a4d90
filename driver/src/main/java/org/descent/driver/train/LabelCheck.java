package org.descent.driver.train;

import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ProblemType;
import org.descent.data.DataSummary;
import org.descent.driver.load.OffendingRowsException;
import org.descent.driver.load.RowCondition;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Checks the labels loading found against the model family, before any training, and works
 * out the classes: what each class index of the model stands for. A mismatch is an
 * {@link OffendingRowsException} whose condition picks out the rows with a label at fault.
 */
public final class LabelCheck {

    private LabelCheck() {
    }

    /**
     * The class labels for {@code kind} on data summarized by {@code summary}: empty for
     * regression, {0, 1} or {-1, +1} for logistic, 0..K-1 for softmax (K given, or max + 1).
     */
    public static double[] classes(ModelKind kind, DataSummary summary, int requestedClasses) {
        return classes(kind.task(null), kind.spelling(), summary, requestedClasses);
    }

    /** As above, for a whole configuration, networks included. */
    public static double[] classes(TrainingConfig config, DataSummary summary) {
        return classes(config.task(), config.kind().spelling(), summary, config.numClasses());
    }

    private static double[] classes(ProblemType task, String model, DataSummary summary, int requestedClasses) {
        return switch (task) {
            case REGRESSION -> new double[0];
            case BINARY -> binaryClasses(summary);
            case MULTICLASS -> multiclass(model, summary, requestedClasses);
        };
    }

    private static double[] binaryClasses(DataSummary summary) {
        double[] seen = summary.distinctLabels();
        boolean zeroOne = !summary.moreDistinctLabels() && Arrays.stream(seen).allMatch(l -> l == 0 || l == 1);
        boolean plusMinus = !summary.moreDistinctLabels() && Arrays.stream(seen).allMatch(l -> l == -1 || l == 1);
        if (!zeroOne && !plusMinus) {
            boolean onlyThoseThree = !summary.moreDistinctLabels()
                    && Arrays.stream(seen).allMatch(l -> l == -1 || l == 0 || l == 1);
            // Labels all in {-1, 0, 1} mix the two encodings; -1 is then the one to point at.
            RowCondition offending = onlyThoseThree
                    ? (label, maxColumn) -> label == -1
                    : (label, maxColumn) -> label != -1 && label != 0 && label != 1;
            throw new OffendingRowsException("labels: logistic regression needs labels 0/1 or -1/+1, but the data has "
                    + describe(summary), offending);
        }
        return zeroOne ? new double[]{0, 1} : new double[]{-1, 1};
    }

    private static double[] multiclass(String model, DataSummary summary, int requested) {
        if (!summary.allLabelsIntegral() || summary.minLabel() < 0) {
            throw new OffendingRowsException("labels: " + (model.equals("softmax") ? "softmax regression" : model
                    + " classification") + " needs integer labels 0..K-1, but the data has " + describe(summary),
                    (label, maxColumn) -> label < 0 || label != Math.rint(label));
        }
        int needed = (int) summary.maxLabel() + 1;
        int k = requested > 0 ? requested : Math.max(needed, 2);
        if (needed > k) {
            throw new OffendingRowsException("labels: the data has label " + (long) summary.maxLabel()
                    + " but --num-classes is " + k + " (labels must be 0.." + (k - 1) + ")",
                    (label, maxColumn) -> label >= k);
        }
        double[] classes = new double[k];
        for (int i = 0; i < k; i++) {
            classes[i] = i;
        }
        return classes;
    }

    private static String describe(DataSummary summary) {
        String list = Arrays.stream(summary.distinctLabels())
                .mapToObj(l -> l == Math.rint(l) ? String.valueOf((long) l) : String.valueOf(l))
                .collect(Collectors.joining(", "));
        return "labels {" + list + (summary.moreDistinctLabels() ? ", ..." : "") + "}";
    }
}
