package org.descent.model;

import org.descent.sums.SumsLayout;
import org.descent.data.DataBlock;
import org.descent.loss.OutputLoss;

import java.io.Serializable;

/**
 * A differentiable model: a way to turn the flat parameter array and a row into margins,
 * paired with the {@link OutputLoss} on those margins. Implementations own the block kernels
 * (dense and CSR) and are immutable and thread-safe; per-call scratch is allocated per block,
 * never per row.
 */
public interface Model extends Serializable {

    ParameterLayout layout();

    OutputLoss outputLoss();

    int numFeatures();

    /**
     * Folds rows of {@code block} into {@code sums} starting at {@code offset} (layout
     * {@link SumsLayout}): the weighted gradient sum, weighted loss sum, weight sum and row
     * count. {@code rows} lists the row indices to use (ascending, possibly empty), or is null
     * for every row. Regularization is not included: the driver adds it once per iteration.
     *
     * <p>{@code offset} is a seam kept on purpose: training today passes 0, but several models
     * can write their sums side by side in one array, so that one pass over a cached block
     * serves several configurations (a hyperparameter search) with a single reduce.
     */
    void accumulate(DataBlock block, int[] rows, double[] params, double[] sums, int offset);

    /**
     * {@link #accumulate} for several parameter vectors of this model at once: member
     * {@code m}'s sums, at {@code offsets[m]}, get exactly the bits that
     * {@code accumulate(block, rows, params[m], sums, offsets[m])} gives them, whatever the
     * other members. How a hyperparameter search trains several configurations in one pass
     * over the data. This default runs the members one after another; a model whose cost is
     * reading the block (the linear families) overrides it to read each row once for all.
     */
    default void accumulateMany(DataBlock block, int[] rows, double[][] params, double[] sums, int[] offsets) {
        checkMembers(params, offsets);
        for (int m = 0; m < params.length; m++) {
            accumulate(block, rows, params[m], sums, offsets[m]);
        }
    }

    /**
     * The parameters training starts from. All zeros by default, the customary start of the
     * convex (linear) models; a network overrides this with seeded random weights, since from
     * all-zero weights every hidden unit would receive the same gradient and stay identical.
     */
    default double[] initialParameters(long seed) {
        return new double[layout().numParams()];
    }

    /**
     * Writes the margins of every row of the block, {@code outputLoss().numOutputs()} per row
     * (the logit, the K class logits, or the regression output itself), into {@code out}, row
     * after row: what {@link #predict} maps through the loss, and what spark.ml calls a raw
     * prediction. Every row is computed, whatever its weight.
     */
    void margins(DataBlock block, double[] params, double[] out);

    /**
     * Writes {@code outputLoss().numPredictionOutputs()} predictions per row of the block into
     * {@code out}, row after row: each row's {@link #margins} mapped by
     * {@link OutputLoss#predict}.
     */
    default void predict(DataBlock block, double[] params, double[] out) {
        checkPredictArguments(block, params, out);
        OutputLoss loss = outputLoss();
        int width = loss.numOutputs();
        int perRow = loss.numPredictionOutputs();
        double[] z = new double[block.numRows() * width];
        margins(block, params, z);
        double[] row = new double[width];
        double[] prediction = new double[perRow];
        for (int i = 0; i < block.numRows(); i++) {
            System.arraycopy(z, i * width, row, 0, width);
            loss.predict(row, prediction);
            System.arraycopy(prediction, 0, out, i * perRow, perRow);
        }
    }

    /**
     * Throws IllegalArgumentException unless {@link #accumulate}'s arguments fit: the block is
     * {@code numFeatures()} wide, {@code params} has {@code layout().numParams()} entries and
     * {@code sums} holds the {@link SumsLayout} at {@code offset}.
     */
    default void checkAccumulateArguments(DataBlock block, double[] params, double[] sums, int offset) {
        checkBlockAndParams(block, params);
        int size = new SumsLayout(layout().numParams()).size();
        if (offset < 0 || (long) offset + size > sums.length) {
            throw new IllegalArgumentException("sums of length " + sums.length + " cannot hold " + size
                    + " entries at offset " + offset);
        }
    }

    /** Throws IllegalArgumentException unless {@link #accumulateMany} has one offset per member. */
    static void checkMembers(double[][] params, int[] offsets) {
        if (params.length != offsets.length) {
            throw new IllegalArgumentException(params.length + " parameter vectors but " + offsets.length + " offsets");
        }
    }

    /**
     * Throws IllegalArgumentException unless {@link #predict}'s arguments fit: as for
     * accumulate, and {@code out} holds {@code numRows · numPredictionOutputs} entries.
     */
    default void checkPredictArguments(DataBlock block, double[] params, double[] out) {
        checkOutputArguments(block, params, out, outputLoss().numPredictionOutputs(), "predictions");
    }

    /**
     * Throws IllegalArgumentException unless {@link #margins}' arguments fit: as for
     * accumulate, and {@code out} holds {@code numRows · numOutputs} entries.
     */
    default void checkMarginsArguments(DataBlock block, double[] params, double[] out) {
        checkOutputArguments(block, params, out, outputLoss().numOutputs(), "margins");
    }

    private void checkOutputArguments(DataBlock block, double[] params, double[] out, int perRow, String what) {
        checkBlockAndParams(block, params);
        if ((long) block.numRows() * perRow > out.length) {
            throw new IllegalArgumentException("out of length " + out.length + " cannot hold " + block.numRows()
                    + " rows x " + perRow + " " + what);
        }
    }

    private void checkBlockAndParams(DataBlock block, double[] params) {
        if (block.numFeatures() != numFeatures()) {
            throw new IllegalArgumentException("block has " + block.numFeatures() + " features but the model has "
                    + numFeatures());
        }
        if (params.length != layout().numParams()) {
            throw new IllegalArgumentException("params has length " + params.length + " but the layout needs "
                    + layout().numParams());
        }
    }
}
