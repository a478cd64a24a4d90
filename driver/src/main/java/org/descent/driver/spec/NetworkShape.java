package org.descent.driver.spec;

import org.descent.model.Activation;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The architecture of a multilayer perceptron beyond its input and output widths: the hidden
 * layers' widths (possibly none), one activation per hidden layer, and whether the network
 * classifies (softmax output, cross-entropy) or regresses (one linear output, squared loss).
 *
 * @param task MULTICLASS or REGRESSION; a two-class network is a MULTICLASS one with K = 2
 */
public record NetworkShape(List<Integer> hiddenWidths, List<Activation> activations, ProblemType task) implements Serializable {

    /** The task's spellings on the command line and in model files. */
    public static final String CLASSIFICATION = "classification";
    public static final String REGRESSION = "regression";

    public NetworkShape {
        hiddenWidths = List.copyOf(hiddenWidths);
        activations = List.copyOf(activations);
        for (int width : hiddenWidths) {
            if (width < 1) {
                throw new IllegalArgumentException("layers: hidden layer widths must be integers >= 1, got " + hiddenWidths);
            }
        }
        if (activations.size() != hiddenWidths.size()) {
            throw new IllegalArgumentException("activation: " + hiddenWidths.size() + " hidden layers need "
                    + hiddenWidths.size() + " activations (or one for all), got " + activations.size());
        }
        if (task != ProblemType.MULTICLASS && task != ProblemType.REGRESSION) {
            throw new IllegalArgumentException("task: a network does classification or regression, got " + task);
        }
    }

    /** {@value #CLASSIFICATION} or {@value #REGRESSION}. */
    public String taskSpelling() {
        return task == ProblemType.REGRESSION ? REGRESSION : CLASSIFICATION;
    }

    /** Parses a task's spelling; the message names the key and the allowed values. */
    public static ProblemType parseTask(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case CLASSIFICATION -> ProblemType.MULTICLASS;
            case REGRESSION -> ProblemType.REGRESSION;
            default -> throw new IllegalArgumentException("task: unknown value '" + text + "'; allowed: " + CLASSIFICATION
                    + ", " + REGRESSION);
        };
    }

    /** The layer widths n_0 .. n_L of a network on {@code numFeatures} inputs with {@code numOutputs} outputs. */
    public int[] widths(int numFeatures, int numOutputs) {
        int[] widths = new int[hiddenWidths.size() + 2];
        widths[0] = numFeatures;
        for (int k = 0; k < hiddenWidths.size(); k++) {
            widths[k + 1] = hiddenWidths.get(k);
        }
        widths[widths.length - 1] = numOutputs;
        return widths;
    }
}
