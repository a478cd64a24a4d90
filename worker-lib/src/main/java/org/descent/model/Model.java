package org.descent.model;

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
     * {@link GradientSums}): the weighted gradient sum, weighted loss sum, weight sum and row
     * count. {@code rows} lists the row indices to use (ascending, possibly empty), or is null
     * for every row. Regularization is not included: the driver adds it once per iteration.
     */
    void accumulate(DataBlock block, int[] rows, double[] params, double[] sums, int offset);

    /**
     * Writes {@code outputLoss().numPredictionOutputs()} predictions per row of the block into
     * {@code out}, row after row.
     */
    void predict(DataBlock block, double[] params, double[] out);
}
