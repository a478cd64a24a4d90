package org.descent.loss;

import java.io.Serializable;

/**
 * The loss of one row as a function of the model's outputs for that row (its margins
 * {@code z}, one per output): squared loss on one output, binary cross-entropy on one logit,
 * multinomial cross-entropy on K logits. A model computes the margins, asks the loss for the
 * value and for {@code dLoss/dz}, and back-propagates that derivative into its parameters;
 * so linear models and networks share the same losses.
 *
 * <p>Implementations are stateless and thread-safe; scratch arrays are the caller's.
 */
public interface OutputLoss extends Serializable {

    /** Name used in model files and on the command line: "squared", "logistic", "softmax". */
    String name();

    /** Number of margins per row: 1 for squared and logistic loss, K for softmax. */
    int numOutputs();

    /**
     * Returns the loss of a row with margins {@code z[0..numOutputs())} and the given label,
     * writing {@code dLoss/dz} into {@code dz[0..numOutputs())}. Labels have been validated
     * on loading (see {@link #checkLabel}).
     */
    double lossAndDerivative(double[] z, double label, double[] dz);

    /**
     * Maps margins to what the model predicts: the value itself (regression), the probability
     * of the positive class (binary), or the K class probabilities (softmax). {@code out} has
     * {@link #numPredictionOutputs()} entries.
     */
    void predict(double[] z, double[] out);

    /** Entries {@link #predict} writes per row. */
    int numPredictionOutputs();

    /**
     * Returns null if {@code label} is acceptable for this loss, else a message saying what is
     * allowed (used by the loader, which adds file and line).
     */
    String checkLabel(double label);
}
