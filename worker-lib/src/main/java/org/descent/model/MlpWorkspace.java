package org.descent.model;

import java.util.Arrays;

/**
 * The scratch matrices of {@link MlpModel}'s kernels for one thread: the gathered input chunk,
 * each layer's activations and deltas, and the output row handed to the loss. One instance
 * lives per thread ({@link #forCurrentThread()}), so an executor's task threads, which Spark
 * reuses from task to task, allocate their buffers once and keep them for the whole training
 * run instead of once per call or per block.
 *
 * <p>Buffers are keyed by role and layer, not by model shape, and only ever grow: a thread
 * that serves networks of different shapes (or several models in one pass) keeps the largest
 * it has needed, which is bounded by the chunk size times the widest layers. Contents are
 * meaningless between calls; every kernel writes a buffer before it reads it.
 */
final class MlpWorkspace {

    private static final ThreadLocal<MlpWorkspace> PER_THREAD = ThreadLocal.withInitial(MlpWorkspace::new);

    private int[] chunkRows = new int[0];
    private double[] input = new double[0];
    private double[][] activations = new double[0][];
    private double[][] deltas = new double[0][];
    private double[] outputRow = new double[0];
    private double[] outputDerivative = new double[0];

    private MlpWorkspace() {
    }

    static MlpWorkspace forCurrentThread() {
        return PER_THREAD.get();
    }

    /** Block row indices of the current chunk. */
    int[] chunkRows(int length) {
        if (chunkRows.length < length) {
            chunkRows = new int[length];
        }
        return chunkRows;
    }

    /** The chunk's input rows, dense, row-major. */
    double[] input(int length) {
        if (input.length < length) {
            input = new double[length];
        }
        return input;
    }

    /** Layer {@code layer}'s output for the chunk (1 ≤ layer ≤ L), row-major. */
    double[] activations(int layer, int length) {
        activations = grownTable(activations, layer);
        if (activations[layer].length < length) {
            activations[layer] = new double[length];
        }
        return activations[layer];
    }

    /** The loss's derivative with respect to layer {@code layer}'s pre-activations, row-major. */
    double[] deltas(int layer, int length) {
        deltas = grownTable(deltas, layer);
        if (deltas[layer].length < length) {
            deltas[layer] = new double[length];
        }
        return deltas[layer];
    }

    /** One row of margins for {@code OutputLoss}, which reads its first {@code numOutputs} entries. */
    double[] outputRow(int length) {
        if (outputRow.length < length) {
            outputRow = new double[length];
        }
        return outputRow;
    }

    double[] outputDerivative(int length) {
        if (outputDerivative.length < length) {
            outputDerivative = new double[length];
        }
        return outputDerivative;
    }

    private static double[][] grownTable(double[][] table, int index) {
        if (table.length > index) {
            return table;
        }
        double[][] grown = Arrays.copyOf(table, index + 1);
        for (int i = table.length; i < grown.length; i++) {
            grown[i] = new double[0];
        }
        return grown;
    }
}
