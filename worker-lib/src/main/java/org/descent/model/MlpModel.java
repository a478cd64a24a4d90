package org.descent.model;

import org.descent.sums.SumsLayout;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import org.descent.data.DataBlock;
import org.descent.data.DenseBlock;
import org.descent.data.DenseFloatBlock;
import org.descent.data.SparseBlock;
import org.descent.loss.OutputLoss;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A multilayer perceptron: L fully connected layers (parameter layout {@link MlpLayout}), a
 * per-layer {@link Activation} on each of the L − 1 hidden layers, and the {@link OutputLoss}
 * on the last layer's outputs (softmax cross-entropy for classification, squared loss for
 * regression, so the output layer itself is linear). For a row x, with {@code a_0 = x},
 * <pre>
 *   z_{k+1} = a_k W_k + b_k,   a_{k+1} = f_k(z_{k+1})   (k &lt; L − 1),   z_L = a_{L−1} W_{L−1} + b_{L−1},
 * </pre>
 * and back-propagation (Rumelhart, Hinton and Williams, Nature 323, 1986; Goodfellow et al.,
 * <i>Deep Learning</i>, §6.5), with {@code δ_L = w · ∂l/∂z_L} from the loss (w the row's
 * weight),
 * <pre>
 *   ∂/∂W_k += a_kᵀ δ_{k+1},   ∂/∂b_k += δ_{k+1},   δ_k = (δ_{k+1} W_kᵀ) ⊙ f'_{k−1}(a_k).
 * </pre>
 * With no hidden layer this is exactly the linear model of {@link LinearModel} with the same
 * loss (the parameters in the transposed order, see {@link MlpLayout}).
 *
 * <p><b>Kernels.</b> Rows are processed in chunks of up to {@link #CHUNK_ROWS} rows with
 * non-zero weight, gathered into a dense row-major matrix, so each formula above becomes one
 * matrix-matrix product per layer and chunk ({@code dgemm}: three per layer, forward, weight
 * gradient and back-propagated delta). The BLAS is netlib's pure-Java one, the one
 * {@code spark-mllib-local} brings: with {@code --add-modules=jdk.incubator.vector} (in
 * conf/jvm-flags.properties) it resolves to its vectorized implementation, and larger chunks
 * run nearer its peak (the measurements: docs/performance.md, "Network kernels"). The
 * pure-Java instance is taken on purpose instead of {@link BLAS#getInstance()}, which would
 * prefer a native library when one is installed: the same data and seed must give the same
 * model bit for bit on every executor.
 * A sparse (CSR) block of low density skips the gather: its first layer is computed row by
 * row from the non-zeros (one contiguous axpy per non-zero, in the forward pass and in the
 * weight gradient), so wide sparse data never becomes a dense matrix.
 *
 * <p>Scratch matrices come from a per-thread {@link MlpWorkspace}, allocated once per executor
 * thread, not per call. Rows of weight 0 are skipped and not counted, as in LinearModel.
 */
public record MlpModel(MlpLayout layout, List<Activation> hiddenActivations, OutputLoss loss) implements Model {

    /**
     * Rows per matrix-matrix product, at most: larger chunks keep dgemm nearer its peak (see
     * the class comment), and 256 rows of the widest layers of a typical network still fit
     * in L2. Fewer for very wide layers, see {@link #MAX_CHUNK_CELLS}.
     */
    public static final int CHUNK_ROWS = 256;

    /**
     * The most doubles one scratch matrix may hold (8 MB): a chunk has
     * {@code min(CHUNK_ROWS, MAX_CHUNK_CELLS / widest layer)} rows, so a 100,000-wide dense
     * input costs 10-row chunks, not a 200 MB buffer per thread.
     */
    public static final int MAX_CHUNK_CELLS = 1 << 20;

    /**
     * A CSR block at most this dense takes the sparse first-layer path; a denser one is
     * scattered into the dense chunk and multiplied by dgemm. Up to this density the direct
     * path was about as fast as the dense one or faster, beyond it no better or slower
     * (measured for a 784-256-128-10 network: docs/performance.md, "Sparse input").
     */
    public static final double SPARSE_INPUT_MAX_DENSITY = 0.1;

    /**
     * A CSR block wider than this always takes the sparse path, whatever its density: its
     * dense chunk would be a few rows of a very wide matrix, mostly zeros.
     */
    public static final int DENSE_CHUNK_MAX_WIDTH = 1 << 14;

    private static final BLAS NETLIB = JavaBLAS.getInstance();

    public MlpModel {
        if (layout == null || hiddenActivations == null || loss == null) {
            throw new IllegalArgumentException("layout, activations and loss must not be null");
        }
        hiddenActivations = List.copyOf(hiddenActivations);
        if (hiddenActivations.size() != layout.numLayers() - 1) {
            throw new IllegalArgumentException(layout.numLayers() - 1 + " hidden layers need as many activations, got "
                    + hiddenActivations.size());
        }
        if (layout.numOutputs() != loss.numOutputs()) {
            throw new IllegalArgumentException("layout has " + layout.numOutputs() + " outputs but loss '"
                    + loss.name() + "' needs " + loss.numOutputs());
        }
    }

    /**
     * Rows per chunk: CHUNK_ROWS, fewer when a scratch matrix would exceed MAX_CHUNK_CELLS.
     * The input width counts only when the input is gathered into a dense chunk.
     */
    int chunkRows(boolean sparseInput) {
        int widest = 1;
        for (int k = sparseInput ? 1 : 0; k <= layout.numLayers(); k++) {
            widest = Math.max(widest, layout.width(k));
        }
        return Math.max(1, Math.min(CHUNK_ROWS, MAX_CHUNK_CELLS / widest));
    }

    @Override
    public OutputLoss outputLoss() {
        return loss;
    }

    @Override
    public int numFeatures() {
        return layout.numFeatures();
    }

    /**
     * Seeded random weights, zero biases: hidden layer k draws from its activation's
     * initialization ({@link Activation#initialWeight}: He for relu, Glorot for tanh and
     * sigmoid), the output layer from Glorot's uniform. The same seed gives the same array.
     */
    @Override
    public double[] initialParameters(long seed) {
        double[] params = new double[layout.numParams()];
        Random random = new Random(seed);
        for (int k = 0; k < layout.numLayers(); k++) {
            int fanIn = layout.width(k);
            int fanOut = layout.width(k + 1);
            int start = layout.weightOffset(k);
            int end = layout.biasOffset(k);
            for (int p = start; p < end; p++) {
                params[p] = k < hiddenActivations.size()
                        ? hiddenActivations.get(k).initialWeight(fanIn, fanOut, random)
                        : Activation.glorotUniform(fanIn, fanOut, random);
            }
        }
        return params;
    }

    @Override
    public void accumulate(DataBlock block, int[] rows, double[] params, double[] sums, int offset) {
        checkAccumulateArguments(block, params, sums, offset);
        MlpWorkspace ws = MlpWorkspace.forCurrentThread();
        boolean sparseInput = takesSparsePath(block);
        int numOutputs = layout.numOutputs();
        int chunkRows = chunkRows(sparseInput);
        int[] chunk = ws.chunkRows(chunkRows);
        double[] z = ws.outputRow(numOutputs);
        double[] dz = ws.outputDerivative(numOutputs);
        double[] labels = block.labels();
        double[] weights = block.weights();
        double lossSum = 0;
        double weightSum = 0;
        long count = 0;
        int n = rows == null ? block.numRows() : rows.length;
        int r = 0;
        while (r < n) {
            int m = 0;
            while (r < n && m < chunkRows) {
                int i = rows == null ? r : rows[r];
                r++;
                if (weights[i] != 0) {
                    chunk[m++] = i;
                }
            }
            if (m == 0) {
                break;
            }
            double[] output = forward(block, sparseInput, chunk, m, params, ws);
            double[] delta = ws.deltas(layout.numLayers(), m * numOutputs);
            for (int c = 0; c < m; c++) {
                int i = chunk[c];
                double weight = weights[i];
                System.arraycopy(output, c * numOutputs, z, 0, numOutputs);
                lossSum += weight * loss.lossAndDerivative(z, labels[i], dz);
                for (int j = 0; j < numOutputs; j++) {
                    delta[c * numOutputs + j] = weight * dz[j];
                }
                weightSum += weight;
            }
            count += m;
            backward(block, sparseInput, chunk, m, params, sums, offset, ws);
        }
        new SumsLayout(layout.numParams()).addTotals(sums, offset, lossSum, weightSum, count);
    }

    /** {@inheritDoc} A chunk of rows at a time through {@link #forward}: the output layer's z_L. */
    @Override
    public void margins(DataBlock block, double[] params, double[] out) {
        checkMarginsArguments(block, params, out);
        MlpWorkspace ws = MlpWorkspace.forCurrentThread();
        boolean sparseInput = takesSparsePath(block);
        int numOutputs = layout.numOutputs();
        int chunkRows = chunkRows(sparseInput);
        int[] chunk = ws.chunkRows(chunkRows);
        for (int start = 0; start < block.numRows(); start += chunkRows) {
            int m = Math.min(chunkRows, block.numRows() - start);
            for (int c = 0; c < m; c++) {
                chunk[c] = start + c;
            }
            double[] output = forward(block, sparseInput, chunk, m, params, ws);
            System.arraycopy(output, 0, out, start * numOutputs, m * numOutputs);
        }
    }

    /**
     * Whether the first layer reads the CSR arrays directly instead of a dense chunk: for
     * sparse blocks that are too sparse or too wide to be worth densifying.
     */
    boolean takesSparsePath(DataBlock block) {
        if (!(block instanceof SparseBlock sparse)) {
            return false;
        }
        long cells = (long) sparse.numRows() * sparse.numFeatures();
        return sparse.numFeatures() > DENSE_CHUNK_MAX_WIDTH
                || sparse.numNonZeros() <= SPARSE_INPUT_MAX_DENSITY * cells;
    }

    /**
     * Runs the chunk's rows {@code chunk[0..m)} through the network; returns the buffer holding
     * the output layer's margins z_L (m x n_L, row-major). Hidden activations stay in the
     * workspace for {@link #backward}.
     */
    private double[] forward(DataBlock block, boolean sparseInput, int[] chunk, int m, double[] params,
                             MlpWorkspace ws) {
        double[] previous = sparseInput ? null : gatherDense(block, chunk, m, ws);
        int last = layout.numLayers() - 1;
        for (int k = 0; k <= last; k++) {
            int nIn = layout.width(k);
            int nOut = layout.width(k + 1);
            double[] z = ws.activations(k + 1, m * nOut);
            int biasOffset = layout.biasOffset(k);
            for (int c = 0; c < m; c++) {
                System.arraycopy(params, biasOffset, z, c * nOut, nOut);
            }
            if (k == 0 && sparseInput) {
                sparseFirstLayer((SparseBlock) block, chunk, m, params, z);
            } else {
                // Row-major Z (m x nOut) += A (m x nIn) · W (nIn x nOut); column-major that is
                // Zᵀ += Wᵀ Aᵀ, and each row-major buffer already is its transpose column-major.
                NETLIB.dgemm("N", "N", nOut, m, nIn, 1.0, params, layout.weightOffset(k), nOut,
                        previous, 0, nIn, 1.0, z, 0, nOut);
            }
            if (k < last) {
                hiddenActivations.get(k).apply(z, 0, m * nOut);
            }
            previous = z;
        }
        return previous;
    }

    /**
     * Given δ_L in the workspace, adds every layer's weight and bias gradient into
     * {@code sums} and back-propagates δ down to the first hidden layer.
     */
    private void backward(DataBlock block, boolean sparseInput, int[] chunk, int m, double[] params, double[] sums,
                          int offset, MlpWorkspace ws) {
        for (int k = layout.numLayers() - 1; k >= 0; k--) {
            int nIn = layout.width(k);
            int nOut = layout.width(k + 1);
            double[] delta = ws.deltas(k + 1, m * nOut);
            int biasStart = offset + layout.biasOffset(k);
            for (int c = 0; c < m; c++) {
                int row = c * nOut;
                for (int j = 0; j < nOut; j++) {
                    sums[biasStart + j] += delta[row + j];
                }
            }
            if (k == 0 && sparseInput) {
                sparseFirstLayerGradient((SparseBlock) block, chunk, m, delta, sums, offset + layout.weightOffset(0));
            } else {
                double[] input = k == 0 ? ws.input(0) : ws.activations(k, 0);
                // Row-major G (nIn x nOut) += Aᵀ (nIn x m) · Δ (m x nOut); column-major Gᵀ += Δᵀ A.
                NETLIB.dgemm("N", "T", nOut, nIn, m, 1.0, delta, 0, nOut, input, 0, nIn, 1.0,
                        sums, offset + layout.weightOffset(k), nOut);
            }
            if (k > 0) {
                double[] below = ws.deltas(k, m * nIn);
                // Row-major Δ_below (m x nIn) = Δ (m x nOut) · Wᵀ; column-major Δ_belowᵀ = W Δᵀ.
                NETLIB.dgemm("T", "N", nIn, m, nOut, 1.0, params, layout.weightOffset(k), nOut,
                        delta, 0, nOut, 0.0, below, 0, nIn);
                hiddenActivations.get(k - 1).multiplyByDerivative(ws.activations(k, 0), below, 0, m * nIn);
            }
        }
    }

    /**
     * Copies (dense block; float values widened exactly) or scatters (CSR block) the chunk's
     * rows into the workspace's input matrix.
     */
    private double[] gatherDense(DataBlock block, int[] chunk, int m, MlpWorkspace ws) {
        int nIn = layout.numFeatures();
        double[] input = ws.input(m * nIn);
        if (block instanceof DenseBlock dense) {
            double[] values = dense.values();
            for (int c = 0; c < m; c++) {
                System.arraycopy(values, chunk[c] * nIn, input, c * nIn, nIn);
            }
        } else if (block instanceof DenseFloatBlock single) {
            float[] values = single.values();
            for (int c = 0; c < m; c++) {
                int from = chunk[c] * nIn;
                int to = c * nIn;
                for (int j = 0; j < nIn; j++) {
                    input[to + j] = values[from + j];
                }
            }
        } else if (block instanceof SparseBlock sparse) {
            Arrays.fill(input, 0, m * nIn, 0.0);
            int[] pointers = sparse.rowPointers();
            int[] columns = sparse.columnIndices();
            double[] values = sparse.values();
            for (int c = 0; c < m; c++) {
                int base = c * nIn;
                for (int p = pointers[chunk[c]]; p < pointers[chunk[c] + 1]; p++) {
                    input[base + columns[p]] = values[p];
                }
            }
        } else {
            throw new IllegalArgumentException("unsupported block type " + block.getClass().getName());
        }
        return input;
    }

    /** {@code z[c] += Σ_p v_p · W_0[col_p][·]} over row c's non-zeros: one contiguous axpy each. */
    private void sparseFirstLayer(SparseBlock block, int[] chunk, int m, double[] params, double[] z) {
        int nOut = layout.width(1);
        int weights = layout.weightOffset(0);
        int[] pointers = block.rowPointers();
        int[] columns = block.columnIndices();
        double[] values = block.values();
        for (int c = 0; c < m; c++) {
            for (int p = pointers[chunk[c]]; p < pointers[chunk[c] + 1]; p++) {
                NETLIB.daxpy(nOut, values[p], params, weights + columns[p] * nOut, 1, z, c * nOut, 1);
            }
        }
    }

    /** {@code ∂/∂W_0[col_p][·] += v_p · δ_1[c]} over row c's non-zeros. */
    private void sparseFirstLayerGradient(SparseBlock block, int[] chunk, int m, double[] delta, double[] sums,
                                          int weightStart) {
        int nOut = layout.width(1);
        int[] pointers = block.rowPointers();
        int[] columns = block.columnIndices();
        double[] values = block.values();
        for (int c = 0; c < m; c++) {
            for (int p = pointers[chunk[c]]; p < pointers[chunk[c] + 1]; p++) {
                NETLIB.daxpy(nOut, values[p], delta, c * nOut, 1, sums, weightStart + columns[p] * nOut, 1);
            }
        }
    }
}
