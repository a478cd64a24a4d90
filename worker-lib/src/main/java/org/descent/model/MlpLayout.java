package org.descent.model;

import java.util.Arrays;

/**
 * Parameters of a fully connected network with widths {@code n_0, n_1, …, n_L} (n_0 the
 * feature count, n_L the output count, L ≥ 1 weight layers), all in one flat array, layer
 * after layer: for layer k (0-based, mapping width n_k to n_{k+1}) first its weight matrix
 * {@code W_k}, n_k x n_{k+1}, row-major, so that {@code W_k[i][j]} (from input i to unit j)
 * is at {@code weightOffset(k) + i · n_{k+1} + j}; then its n_{k+1} biases.
 *
 * <p>Why input-major (n_k x n_{k+1}, not units x inputs as {@link LinearLayout}): one row of
 * a layer's input contributes {@code x_i · W_k[i][·]}, a contiguous row of W, so a sparse input
 * row costs one contiguous axpy per non-zero in the forward pass and in the weight gradient;
 * and a chunk of rows held row-major is multiplied as {@code Z = A W}, a plain matrix-matrix
 * product. Weights are penalized by regularization; biases are not.
 */
public final class MlpLayout implements ParameterLayout {

    private static final long serialVersionUID = 1L;

    private final int[] widths;
    /** offsets[k] = start of W_k; offsets[L] = numParams. */
    private final int[] offsets;

    /** @param widths n_0 (features), the hidden widths, n_L (outputs); at least two entries, each ≥ 1 */
    public MlpLayout(int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output width, got "
                    + Arrays.toString(widths));
        }
        long total = 0;
        int[] offsets = new int[widths.length];
        for (int k = 0; k < widths.length; k++) {
            if (widths[k] < 1) {
                throw new IllegalArgumentException("layer widths must be >= 1, got " + Arrays.toString(widths));
            }
            if (k + 1 < widths.length) {
                total += (long) widths[k] * widths[k + 1] + widths[k + 1];
                if (total > LinearLayout.MAX_PARAMS) {
                    throw new IllegalArgumentException("too many parameters for one array: " + Arrays.toString(widths));
                }
                offsets[k + 1] = (int) total;
            }
        }
        this.widths = widths.clone();
        this.offsets = offsets;
    }

    /**
     * The largest input width n_0 the other widths leave room for: {@code n_0 · n_1 + n_1}
     * plus the later layers' parameters within {@link LinearLayout#MAX_PARAMS}; 0 if the
     * later layers alone are too many. {@code widths[0]} is ignored.
     */
    public static int maxInputWidth(int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output width, got "
                    + Arrays.toString(widths));
        }
        long later = widths[1];
        for (int k = 1; k + 1 < widths.length; k++) {
            later += (long) widths[k] * widths[k + 1] + widths[k + 1];
        }
        return later > LinearLayout.MAX_PARAMS ? 0 : (int) ((LinearLayout.MAX_PARAMS - later) / widths[1]);
    }

    /** L, the number of weight layers (hidden layers + 1). */
    public int numLayers() {
        return widths.length - 1;
    }

    /** n_k: the input width for k = 0, the output width for k = numLayers(). */
    public int width(int k) {
        return widths[k];
    }

    /** A copy of n_0 .. n_L. */
    public int[] widths() {
        return widths.clone();
    }

    public int numFeatures() {
        return widths[0];
    }

    public int numOutputs() {
        return widths[widths.length - 1];
    }

    /** Start of layer k's weight matrix W_k (n_k x n_{k+1}, row-major). */
    public int weightOffset(int layer) {
        return offsets[layer];
    }

    /** Start of layer k's n_{k+1} biases. */
    public int biasOffset(int layer) {
        return offsets[layer] + widths[layer] * widths[layer + 1];
    }

    /** Index of {@code W_k[input][unit]}. */
    public int weightIndex(int layer, int input, int unit) {
        return offsets[layer] + input * widths[layer + 1] + unit;
    }

    @Override
    public int numParams() {
        return offsets[offsets.length - 1];
    }

    @Override
    public boolean isPenalized(int index) {
        if (index < 0 || index >= numParams()) {
            throw new IndexOutOfBoundsException("parameter " + index + " of " + numParams());
        }
        int layer = 0;
        while (index >= offsets[layer + 1]) {
            layer++;
        }
        return index < biasOffset(layer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpLayout other && Arrays.equals(widths, other.widths);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(widths);
    }

    @Override
    public String toString() {
        return "MlpLayout" + Arrays.toString(widths);
    }
}
