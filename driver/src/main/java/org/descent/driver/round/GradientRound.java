package org.descent.driver.round;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.descent.data.DataBlock;
import org.descent.driver.load.DataChangedException;
import org.descent.sums.SumsLayout;
import org.descent.model.Model;
import org.descent.sums.PartialSums;
import org.descent.sums.ReusedSums;
import org.descent.sampling.BatchAllocation;
import org.descent.sampling.RowSampler;
import org.descent.sampling.SeedDerivation;

import java.io.FileNotFoundException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * The one distributed step every model and batch mode goes through: broadcast the parameters,
 * let each partition fold its (sampled) rows into one array of raw sums, bring the arrays to
 * the driver with a fixed-order tree-reduce, and destroy the broadcast.
 *
 * <p>Small parameter vectors travel inside the task instead of in a broadcast (see
 * {@link #INLINE_MAX_PARAMS}); sums that are mostly zeros (a mini-batch of sparse rows and a
 * large model) come back compact ({@link PartialSums}).
 *
 * <p>Sampling is reproducible: a partition's rows for an iteration depend only on
 * (seed, iteration, partition index), and for {@code size=B} the driver's split of the batch
 * across partitions only on (seed, iteration). With the fixed merge order this makes the
 * round a pure function of its inputs, independent of scheduling and task retries.
 */
public final class GradientRound {

    /**
     * Up to this many parameters (512 KB) the round input is shipped inside the task rather than
     * broadcast. Spark serializes a job's task function once and broadcasts it anyway, so for a
     * small vector a broadcast of its own only adds a put, a fetch and a destroy, a sizeable
     * part of a short round; only well beyond this size does the broadcast pay for itself
     * (measured with the benchmark's overhead probe: docs/performance.md, "Parameters inside
     * the task").
     */
    public static final int INLINE_MAX_PARAMS = 1 << 16;

    /** Partition index used to derive the driver's own per-iteration random stream. */
    private static final int DRIVER_STREAM = -1;

    private final JavaSparkContext sc;
    private final JavaRDD<DataBlock> blocks;
    private final long[] partitionRows;
    private final Model model;
    private final OrderedTreeReduce reducer;
    private final SumsLayout sumsLayout;

    public GradientRound(JavaSparkContext sc, JavaRDD<DataBlock> blocks, long[] partitionRows, Model model, int treeDepth) {
        this.sc = sc;
        this.blocks = blocks;
        this.partitionRows = partitionRows.clone();
        this.model = model;
        this.reducer = new OrderedTreeReduce(treeDepth);
        this.sumsLayout = new SumsLayout(model.layout().numParams());
    }

    public long totalRows() {
        long n = 0;
        for (long r : partitionRows) {
            n += r;
        }
        return n;
    }

    public int treeDepth() {
        return reducer.depth();
    }

    /** Loss and gradient sums of {@code params} on iteration {@code iteration}'s batch. */
    public RoundResult compute(double[] params, BatchMode mode, long seed, long iteration) {
        return computeMany(new double[][] {params}, mode, seed, iteration)[0];
    }

    /**
     * The round for several parameter vectors of the model at once (trials of a search that
     * share the batch sampling): one task input carrying them all, one pass over each block
     * ({@link Model#accumulateMany}, member {@code m}'s sums at offset {@code m · size} of one
     * array), one reduce. Member {@code m}'s result has exactly the bits that
     * {@code compute(params[m], mode, seed, iteration)} gives: the same rows, the same kernel
     * arithmetic, the same merge order entry by entry.
     */
    public RoundResult[] computeMany(double[][] params, BatchMode mode, long seed, long iteration) {
        RoundInput input = new RoundInput(params, allocation(mode, seed, iteration));
        long totalParams = (long) params.length * sumsLayout.numParams();
        Broadcast<RoundInput> broadcast = totalParams > INLINE_MAX_PARAMS ? sc.broadcast(input) : null;
        try {
            double[] sums = reducer.reduce(blocks,
                    new PartitionSums(model, sumsLayout.size(), mode, seed, iteration, broadcast == null ? input : null, broadcast),
                    PartialSums::merge).toDense();
            RoundResult[] results = new RoundResult[params.length];
            for (int m = 0; m < params.length; m++) {
                results[m] = new RoundResult(sumsLayout, params.length == 1 ? sums
                        : Arrays.copyOfRange(sums, m * sumsLayout.size(), (m + 1) * sumsLayout.size()));
            }
            return results;
        } catch (Exception e) {
            throw dataLossOr(e);
        } finally {
            if (broadcast != null) {
                broadcast.destroy();
            }
        }
    }

    /** For {@code size=B}, how many of iteration {@code iteration}'s rows each partition draws; else null. */
    int[] allocation(BatchMode mode, long seed, long iteration) {
        return mode instanceof BatchMode.Size size
                ? BatchAllocation.perPartition(partitionRows, size.size(),
                        new SplittableRandom(SeedDerivation.derive(seed, iteration, DRIVER_STREAM)))
                : null;
    }

    JavaSparkContext sparkContext() {
        return sc;
    }

    JavaRDD<DataBlock> blocks() {
        return blocks;
    }

    Model model() {
        return model;
    }

    OrderedTreeReduce reducer() {
        return reducer;
    }

    /**
     * Names the file when a round failed because cached blocks had to be rebuilt (an executor
     * was lost) from a data file that is gone or changed; any other failure passes unchanged.
     */
    static RuntimeException dataLossOr(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataChangedException changed) {
                return new DataChangedException(changed.getMessage(), failure);
            }
            if (t instanceof FileNotFoundException gone) {
                return new DataChangedException("a data file is gone since it was loaded: " + gone.getMessage(), failure);
            }
        }
        return failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
    }

    /**
     * One partition's raw sums over its batch rows, for every parameter vector of the input
     * side by side ({@code memberSize} entries each); the input is inline or broadcast, one of
     * the two.
     */
    private record PartitionSums(Model model, int memberSize, BatchMode mode, long seed, long iteration,
                                 RoundInput inline, Broadcast<RoundInput> broadcast)
            implements PartitionFunction<DataBlock, PartialSums> {
        @Override
        public PartialSums apply(int partition, Iterator<DataBlock> blocks) {
            RoundInput in = inline != null ? inline : broadcast.value();
            double[][] params = in.params();
            int[] offsets = new int[params.length];
            for (int m = 0; m < offsets.length; m++) {
                offsets[m] = m * memberSize;
            }
            double[] sums = ReusedSums.take(params.length * memberSize);
            while (blocks.hasNext()) {
                DataBlock block = blocks.next();
                int[] rows = selectRows(mode, block.numRows(), in.rowsPerPartition(), seed, iteration, partition);
                model.accumulateMany(block, rows, params, sums, offsets);
            }
            return ReusedSums.finish(sums);
        }
    }

    /** The rows of a partition's block in this iteration's batch; null means all of them. */
    static int[] selectRows(BatchMode mode, int numRows, int[] rowsPerPartition, long seed, long iteration,
                            int partition) {
        if (mode instanceof BatchMode.Full) {
            return null;
        }
        SplittableRandom rng = new SplittableRandom(SeedDerivation.derive(seed, iteration, partition));
        if (mode instanceof BatchMode.Fraction f) {
            return RowSampler.bernoulli(numRows, f.fraction(), rng);
        }
        return RowSampler.exactly(numRows, rowsPerPartition[partition], rng);
    }

    /** What each iteration broadcasts: the parameter vectors and, for size=B, the batch's split. */
    record RoundInput(double[][] params, int[] rowsPerPartition) implements Serializable {
    }
}
