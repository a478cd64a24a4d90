package org.descent.model;

import org.descent.sums.SumsLayout;
import org.descent.data.DataBlock;
import org.descent.data.DenseRows;
import org.descent.data.SparseBlock;
import org.descent.linalg.Blas1;
import org.descent.loss.OutputLoss;

/**
 * A linear model with K = {@code loss.numOutputs()} outputs: row x gets the margins
 * <pre>
 *   z_k = Σ_j W[k][j] x_j + b_k        (b_k = 0 unless layout.fitIntercept())
 * </pre>
 * and the loss {@code l(z, y)} of its {@link OutputLoss}. By the chain rule, with
 * {@code dz_k = ∂l/∂z_k} from the loss,
 * <pre>
 *   ∂l/∂W[k][j] = dz_k x_j          ∂l/∂b_k = dz_k
 * </pre>
 * so one row of weight w adds {@code w·l} to the loss sum, {@code w·dz_k·x} to row k of W's
 * gradient sum, {@code w·dz_k} to b_k's, {@code w} to the weight sum and 1 to the count
 * (layout of the sums: {@link SumsLayout}; parameter layout: {@link LinearLayout}). This is
 * linear, logistic or multinomial logistic regression depending on the loss.
 *
 * <p>Two kernels, chosen by block type: dense (row-major, double or float values; per row and
 * output one dot product and one axpy, by {@link Blas1#best()}, vectorized where the JVM
 * allows, in a summation order that does not depend on it) and CSR (visits only the row's
 * non-zeros, never all features). They agree to rounding. The structure follows Spark ML's
 * block aggregators ({@code ml/optim/aggregator/}), minus Spark.
 *
 * <p>Rows with weight 0 are skipped entirely: they add nothing to any sum and are not counted
 * in the row count, which is therefore the number of rows that contributed. Scratch arrays are
 * allocated once per call, never per row.
 */
public record LinearModel(LinearLayout layout, OutputLoss loss) implements Model {

    private static final Blas1 BLAS = Blas1.best();

    public LinearModel {
        if (layout == null || loss == null) {
            throw new IllegalArgumentException("layout and loss must not be null");
        }
        if (layout.numOutputs() != loss.numOutputs()) {
            throw new IllegalArgumentException("layout has numOutputs " + layout.numOutputs() + " but loss '"
                    + loss.name() + "' needs " + loss.numOutputs());
        }
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
     * {@inheritDoc}
     *
     * <p>The block must be exactly {@code numFeatures()} wide. Rows of weight 0 are skipped and
     * not counted. This is {@link #accumulateMany} with one member: one kernel serves both.
     */
    @Override
    public void accumulate(DataBlock block, int[] rows, double[] params, double[] sums, int offset) {
        accumulateMany(block, rows, new double[][] {params}, sums, new int[] {offset});
    }

    /**
     * {@inheritDoc}
     *
     * <p>The kernels take the rows a few at a time (a group of {@link Blas1#GROUP} dense rows,
     * or one CSR row) and apply every member to them before moving on, so the block streams
     * from memory once while the group stays in the processor's first-level cache: for dense
     * data that is the product of the rows with the members' weight columns, done one member
     * at a time. Each member's arithmetic is exactly what it would be alone (the same groups,
     * the same operations in the same order), hence the same bits.
     */
    @Override
    public void accumulateMany(DataBlock block, int[] rows, double[][] params, double[] sums, int[] offsets) {
        Model.checkMembers(params, offsets);
        for (int m = 0; m < params.length; m++) {
            checkAccumulateArguments(block, params[m], sums, offsets[m]);
        }
        if (block instanceof DenseRows dense) {
            if (layout.numOutputs() == 1) {
                accumulateDenseSingleOutput(dense, rows, params, sums, offsets);
            } else {
                accumulateDense(dense, rows, params, sums, offsets);
            }
        } else if (block instanceof SparseBlock sparse) {
            accumulateSparse(sparse, rows, params, sums, offsets);
        } else {
            throw new IllegalArgumentException("unsupported block type " + block.getClass().getName());
        }
    }

    /** {@inheritDoc} One row at a time: {@code z = W x + b}. */
    @Override
    public void margins(DataBlock block, double[] params, double[] out) {
        checkMarginsArguments(block, params, out);
        int width = layout.numOutputs();
        double[] z = new double[width];
        for (int i = 0; i < block.numRows(); i++) {
            if (block instanceof DenseRows dense) {
                denseMargins(dense, i, params, z);
            } else if (block instanceof SparseBlock sparse) {
                sparseMargins(sparse, i, params, z);
            } else {
                throw new IllegalArgumentException("unsupported block type " + block.getClass().getName());
            }
            System.arraycopy(z, 0, out, i * width, width);
        }
    }

    /**
     * Dense kernel, one output: {@code z = w·x + b} (one dot product), then
     * {@code grad_W += (w·dz) x} (one axpy) and {@code grad_b += w·dz}.
     *
     * <p>Rows go in groups of {@link Blas1#GROUP} (the next four rows of non-zero weight): four
     * dot products at once, then the four losses, then one fused axpy. Every sum still takes
     * its terms in row order, so the bits are those of one row at a time (the leftover rows
     * are done so); the grouping only lets the processor overlap four rows' arithmetic and
     * memory traffic, which one row's chain of dependent additions does not.
     */
    private void accumulateDenseSingleOutput(DenseRows block, int[] rows, double[][] params, double[] sums,
                                             int[] offsets) {
        final int members = params.length;
        final boolean fitIntercept = layout.fitIntercept();
        final int interceptIndex = layout.interceptIndex(0);
        final double[] intercepts = new double[members];
        final RowTotals[] totals = new RowTotals[members];
        for (int m = 0; m < members; m++) {
            intercepts[m] = fitIntercept ? params[m][interceptIndex] : 0.0;
            totals[m] = new RowTotals();
        }
        final double[] interceptGradients = new double[members];
        final double[] labels = block.labels();
        final double[] weights = block.weights();
        final int[] group = new int[Blas1.GROUP];
        final double[] margins = new double[Blas1.GROUP];
        final double[] scales = new double[Blas1.GROUP];
        final double[] z = new double[1];
        final double[] dz = new double[1];
        int filled = 0;
        final int n = rows == null ? block.numRows() : rows.length;
        for (int r = 0; r < n; r++) {
            final int i = rows == null ? r : rows[r];
            if (weights[i] == 0) {
                continue;
            }
            group[filled++] = i;
            if (filled < Blas1.GROUP) {
                continue;
            }
            filled = 0;
            for (int m = 0; m < members; m++) {
                block.dotFourRows(group, params[m], 0, BLAS, margins);
                for (int q = 0; q < Blas1.GROUP; q++) {
                    final int row = group[q];
                    z[0] = margins[q] + intercepts[m];
                    scales[q] = totals[m].add(weights[row], loss.lossAndDerivative(z, labels[row], dz), dz[0]);
                    interceptGradients[m] += scales[q];
                }
                block.addFourRowsTo(group, scales, sums, offsets[m], BLAS);
            }
        }
        for (int m = 0; m < members; m++) {
            for (int q = 0; q < filled; q++) {
                final int row = group[q];
                z[0] = block.dotRow(row, params[m], 0, BLAS) + intercepts[m];
                final double scale = totals[m].add(weights[row], loss.lossAndDerivative(z, labels[row], dz), dz[0]);
                block.addRowTo(row, scale, sums, offsets[m], BLAS);
                interceptGradients[m] += scale;
            }
            if (fitIntercept) {
                sums[offsets[m] + interceptIndex] += interceptGradients[m];
            }
            addTotals(sums, offsets[m], totals[m]);
        }
    }

    /**
     * Dense kernel, K outputs: {@code z_k = Σ_j W[k][j] x_j + b_k}, then for each k
     * {@code grad_W[k] += (w·dz_k) x} and {@code grad_b[k] += w·dz_k}. Rows go in groups of
     * four as in the one-output kernel, with the same bits as one row at a time.
     */
    private void accumulateDense(DenseRows block, int[] rows, double[][] params, double[] sums, int[] offsets) {
        final int members = params.length;
        final int numOutputs = layout.numOutputs();
        final double[] labels = block.labels();
        final double[] weights = block.weights();
        final int[] group = new int[Blas1.GROUP];
        final double[] margins = new double[Blas1.GROUP];
        final double[] scales = new double[Blas1.GROUP];
        final double[][] z = new double[Blas1.GROUP][numOutputs];
        final double[][] dz = new double[Blas1.GROUP][numOutputs];
        final RowTotals[] totals = new RowTotals[members];
        for (int m = 0; m < members; m++) {
            totals[m] = new RowTotals();
        }
        int filled = 0;
        final int n = rows == null ? block.numRows() : rows.length;
        for (int r = 0; r < n; r++) {
            final int i = rows == null ? r : rows[r];
            if (weights[i] == 0) {
                continue;
            }
            group[filled++] = i;
            if (filled < Blas1.GROUP) {
                continue;
            }
            filled = 0;
            for (int m = 0; m < members; m++) {
                addFourDenseRows(block, group, params[m], sums, offsets[m], totals[m], margins, scales, z, dz);
            }
        }
        for (int m = 0; m < members; m++) {
            for (int q = 0; q < filled; q++) {
                addDenseRow(block, group[q], params[m], sums, offsets[m], totals[m], z[0], dz[0]);
            }
            addTotals(sums, offsets[m], totals[m]);
        }
    }

    /** One member's share of a group of four dense rows in the K-output kernel. */
    private void addFourDenseRows(DenseRows block, int[] group, double[] params, double[] sums, int offset,
                                  RowTotals totals, double[] margins, double[] scales, double[][] z, double[][] dz) {
        final int numFeatures = layout.numFeatures();
        final int numOutputs = layout.numOutputs();
        final boolean fitIntercept = layout.fitIntercept();
        final int interceptStart = layout.interceptIndex(0);
        final double[] labels = block.labels();
        final double[] weights = block.weights();
        for (int k = 0; k < numOutputs; k++) {
            block.dotFourRows(group, params, k * numFeatures, BLAS, margins);
            final double bias = fitIntercept ? params[interceptStart + k] : 0.0;
            for (int q = 0; q < Blas1.GROUP; q++) {
                z[q][k] = margins[q] + bias;
            }
        }
        for (int q = 0; q < Blas1.GROUP; q++) {
            final int row = group[q];
            totals.add(weights[row], loss.lossAndDerivative(z[q], labels[row], dz[q]), 0.0);
        }
        for (int k = 0; k < numOutputs; k++) {
            for (int q = 0; q < Blas1.GROUP; q++) {
                scales[q] = weights[group[q]] * dz[q][k];
            }
            block.addFourRowsTo(group, scales, sums, offset + k * numFeatures, BLAS);
            if (fitIntercept) {
                for (int q = 0; q < Blas1.GROUP; q++) {
                    sums[offset + interceptStart + k] += scales[q];
                }
            }
        }
    }

    /** One member's share of one dense row (a group's leftover) in the K-output kernel. */
    private void addDenseRow(DenseRows block, int row, double[] params, double[] sums, int offset, RowTotals totals,
                             double[] z, double[] dz) {
        final int numFeatures = layout.numFeatures();
        final boolean fitIntercept = layout.fitIntercept();
        final int interceptStart = layout.interceptIndex(0);
        final double weight = block.weights()[row];
        denseMargins(block, row, params, z);
        totals.add(weight, loss.lossAndDerivative(z, block.labels()[row], dz), 0.0);
        for (int k = 0; k < z.length; k++) {
            final double scale = weight * dz[k];
            block.addRowTo(row, scale, sums, offset + k * numFeatures, BLAS);
            if (fitIntercept) {
                sums[offset + interceptStart + k] += scale;
            }
        }
    }

    /**
     * CSR kernel, K outputs: with the row's non-zeros {@code (c_p, v_p)},
     * {@code z_k = Σ_p W[k][c_p] v_p + b_k}, then {@code grad_W[k][c_p] += w·dz_k·v_p} and
     * {@code grad_b[k] += w·dz_k}. Work per row is proportional to its non-zeros times K.
     */
    private void accumulateSparse(SparseBlock block, int[] rows, double[][] params, double[] sums, int[] offsets) {
        final int members = params.length;
        final int numFeatures = layout.numFeatures();
        final int numOutputs = layout.numOutputs();
        final boolean fitIntercept = layout.fitIntercept();
        final int interceptStart = layout.interceptIndex(0);
        final int[] rowPointers = block.rowPointers();
        final int[] columns = block.columnIndices();
        final double[] values = block.values();
        final double[] labels = block.labels();
        final double[] weights = block.weights();
        final double[] z = new double[numOutputs];
        final double[] dz = new double[numOutputs];
        final RowTotals[] totals = new RowTotals[members];
        for (int m = 0; m < members; m++) {
            totals[m] = new RowTotals();
        }
        final int n = rows == null ? block.numRows() : rows.length;
        for (int r = 0; r < n; r++) {
            final int i = rows == null ? r : rows[r];
            final double weight = weights[i];
            if (weight == 0) {
                continue;
            }
            final int start = rowPointers[i];
            final int end = rowPointers[i + 1];
            for (int m = 0; m < members; m++) {
                sparseMargins(block, i, params[m], z);
                totals[m].add(weight, loss.lossAndDerivative(z, labels[i], dz), 0.0);
                final int offset = offsets[m];
                for (int k = 0; k < numOutputs; k++) {
                    final double scale = weight * dz[k];
                    final int row = offset + k * numFeatures;
                    for (int p = start; p < end; p++) {
                        sums[row + columns[p]] += scale * values[p];
                    }
                    if (fitIntercept) {
                        sums[offset + interceptStart + k] += scale;
                    }
                }
            }
        }
        for (int m = 0; m < members; m++) {
            addTotals(sums, offsets[m], totals[m]);
        }
    }

    /** {@code z_k = b_k + Σ_j W[k][j] x_j} for dense row {@code i}. */
    private void denseMargins(DenseRows block, int i, double[] params, double[] z) {
        final int numFeatures = layout.numFeatures();
        final boolean fitIntercept = layout.fitIntercept();
        final int interceptStart = layout.interceptIndex(0);
        for (int k = 0; k < z.length; k++) {
            z[k] = block.dotRow(i, params, k * numFeatures, BLAS) + (fitIntercept ? params[interceptStart + k] : 0.0);
        }
    }

    /** {@code z_k = b_k + Σ_p W[k][c_p] v_p} over the non-zeros of CSR row {@code i}. */
    private void sparseMargins(SparseBlock block, int i, double[] params, double[] z) {
        final int numFeatures = layout.numFeatures();
        final boolean fitIntercept = layout.fitIntercept();
        final int interceptStart = layout.interceptIndex(0);
        final int[] columns = block.columnIndices();
        final double[] values = block.values();
        final int start = block.rowPointers()[i];
        final int end = block.rowPointers()[i + 1];
        for (int k = 0; k < z.length; k++) {
            final int row = k * numFeatures;
            double margin = fitIntercept ? params[interceptStart + k] : 0.0;
            for (int p = start; p < end; p++) {
                margin += params[row + columns[p]] * values[p];
            }
            z[k] = margin;
        }
    }

    private void addTotals(double[] sums, int offset, RowTotals totals) {
        new SumsLayout(layout.numParams()).addTotals(sums, offset, totals.loss, totals.weight, totals.count);
    }

    /** The weighted loss, weight and row count of the rows a kernel has taken, in row order. */
    private static final class RowTotals {
        double loss;
        double weight;
        long count;

        /** Adds one row of weight {@code weight} and loss {@code rowLoss}; returns {@code weight · dz}. */
        double add(double weight, double rowLoss, double dz) {
            loss += weight * rowLoss;
            this.weight += weight;
            count++;
            return weight * dz;
        }
    }
}
