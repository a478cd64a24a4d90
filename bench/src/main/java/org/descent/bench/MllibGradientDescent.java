package org.descent.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.LeastSquaresGradient;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import org.apache.spark.storage.StorageLevel;
import org.descent.data.DataBlock;
import org.descent.data.DenseBlock;
import org.descent.data.SparseBlock;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;

/**
 * The anchor: Spark MLlib's {@code GradientDescent.runMiniBatchSGD} on the same rows, the same
 * partitions and the same cores. Each row becomes MLlib's {@code (label, features)} with a
 * constant 1 appended, MLlib's own way to fit an intercept ({@code GeneralizedLinearAlgorithm}'s
 * {@code appendBias}), so both fit the same number of parameters.
 *
 * <p>Per-iteration time is the slope {@code (T(high) - T(low)) / (high - low)} of the wall
 * time of complete calls of two lengths, each the median of {@value #REPEATS} calls made
 * alternately. That cancels what each call does once (it counts the data before iterating)
 * and leaves what an iteration costs: broadcast the weights, {@code sample} (a pass over
 * every row of every partition when the fraction is below 1), {@code treeAggregate} of the
 * gradient, the update. Within a call it is a mean over iterations, not a median.
 */
public final class MllibGradientDescent {

    static final int REPEATS = 3;

    private final JavaRDD<Tuple2<Object, Vector>> data;
    private final int numParams;

    private MllibGradientDescent(JavaRDD<Tuple2<Object, Vector>> data, int numParams) {
        this.data = data;
        this.numParams = numParams;
    }

    /** Copies every block's rows into a cached RDD of MLlib rows, partition for partition. */
    public static MllibGradientDescent fromBlocks(JavaRDD<DataBlock> blocks, int numFeatures) {
        JavaRDD<Tuple2<Object, Vector>> rows = blocks.flatMap(block -> toMllibRows(block).iterator())
                .persist(StorageLevel.MEMORY_ONLY());
        rows.count();
        return new MllibGradientDescent(rows, numFeatures + 1);
    }

    /**
     * MLlib's own reading of LIBSVM files ({@code MLUtils.loadLibSVMFile}, its default
     * partitioning: at least Spark's default parallelism, one partition per file split), each
     * row with the bias 1 appended, cached: what a user of MLlib trains on from the same files.
     */
    public static MllibGradientDescent fromLibSvmFiles(JavaSparkContext sc, String path) {
        JavaRDD<LabeledPoint> points = MLUtils.loadLibSVMFile(sc.sc(), path).toJavaRDD();
        int numFeatures = points.first().features().size();
        JavaRDD<Tuple2<Object, Vector>> rows = points.map(p -> {
            double[] values = java.util.Arrays.copyOf(p.features().toArray(), numFeatures + 1);
            values[numFeatures] = 1.0;
            return new Tuple2<Object, Vector>(p.label(), Vectors.dense(values));
        }).persist(StorageLevel.MEMORY_ONLY());
        rows.count();
        return new MllibGradientDescent(rows, numFeatures + 1);
    }

    public int numPartitions() {
        return data.getNumPartitions();
    }

    /**
     * Prints MLlib's full-batch milliseconds per iteration on LIBSVM files (dense rows), for
     * {@code scripts/bench-user-path}: {@code PATH [MASTER]}.
     */
    public static void main(String[] args) {
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf().setAppName("MLlib GradientDescent on files")
                .setMaster(args.length > 1 ? args[1] : "local[2]").set("spark.ui.enabled", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            MllibGradientDescent mllib = fromLibSvmFiles(sc, args[0]);
            double millis = mllib.millisPerIteration(new LogisticGradient(), 1.0, 3, 13);
            System.out.printf(java.util.Locale.ROOT, "mllib-full-ms %.1f partitions %d%n", millis, mllib.numPartitions());
        }
    }

    /** Rows of one block as {@code (label, features ++ [1.0])}. */
    static List<Tuple2<Object, Vector>> toMllibRows(DataBlock block) {
        int d = block.numFeatures();
        List<Tuple2<Object, Vector>> rows = new ArrayList<>(block.numRows());
        for (int i = 0; i < block.numRows(); i++) {
            Vector features;
            if (block instanceof SparseBlock sparse) {
                int start = sparse.rowPointers()[i];
                int nnz = sparse.rowPointers()[i + 1] - start;
                int[] indices = new int[nnz + 1];
                double[] values = new double[nnz + 1];
                System.arraycopy(sparse.columnIndices(), start, indices, 0, nnz);
                System.arraycopy(sparse.values(), start, values, 0, nnz);
                indices[nnz] = d;
                values[nnz] = 1.0;
                features = Vectors.sparse(d + 1, indices, values);
            } else {
                double[] values = new double[d + 1];
                block.copyRowInto(i, values);
                values[d] = 1.0;
                features = Vectors.dense(values);
            }
            rows.add(new Tuple2<>(block.labels()[i], features));
        }
        if (!(block instanceof DenseBlock) && !(block instanceof SparseBlock)) {
            throw new IllegalArgumentException("unsupported block " + block);
        }
        return rows;
    }

    /** MLlib's gradient for a Descent model name: "logistic" or "linear". */
    public static Gradient gradientFor(String model) {
        return switch (model) {
            case "logistic" -> new LogisticGradient();
            case "linear" -> new LeastSquaresGradient();
            default -> throw new IllegalArgumentException("MLlib anchor: no gradient for model '" + model
                    + "'; allowed: logistic, linear");
        };
    }

    /** Milliseconds per iteration at {@code fraction}, by the slope between two call lengths. */
    public double millisPerIteration(Gradient gradient, double fraction, int low, int high) {
        if (low < 1 || high <= low) {
            throw new IllegalArgumentException("need 1 <= low < high, got " + low + ", " + high);
        }
        run(gradient, fraction, 1);
        double[] lowMillis = new double[REPEATS];
        double[] highMillis = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            lowMillis[r] = run(gradient, fraction, low);
            highMillis[r] = run(gradient, fraction, high);
        }
        return (RoundTiming.median(highMillis) - RoundTiming.median(lowMillis)) / (high - low);
    }

    private double run(Gradient gradient, double fraction, int iterations) {
        long start = System.nanoTime();
        // Step 0.1 without regularization; convergenceTol 0 so that every iteration runs.
        GradientDescent.runMiniBatchSGD(data.rdd(), gradient, new SimpleUpdater(), 0.1, iterations, 0.0, fraction,
                Vectors.zeros(numParams), 0.0);
        return (System.nanoTime() - start) / 1e6;
    }

    public void release() {
        data.unpersist(true);
    }
}
