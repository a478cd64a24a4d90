package org.descent.bench;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.descent.data.BlockStorage;
import org.descent.data.CsvFormat;
import org.descent.data.DataBlock;
import org.descent.data.FeaturePrecision;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.OrderedTreeReduce;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;

import java.util.Locale;

/**
 * Descent's sampled round against Spark's own cheapest round, in one application on the same
 * cached partitions: a broadcast of the parameter vector and a {@code treeAggregate} of a
 * vector of the same length whose tasks touch no row. Whatever a cluster charges per job
 * (scheduling, shipping each task, fetching the broadcast, returning results) the baseline
 * pays too, so the ratio of the two medians is Descent's own overhead on that cluster.
 * The two kinds of round alternate, so a disturbance on a shared machine costs both alike.
 *
 * <p>Arguments: {@code DATA MASTER [FRACTION] [ROUNDS]}, LIBSVM data loaded as
 * {@code descent train} loads it with default options. Prints
 * {@code rounds partitions=P descent-ms=D spark-ms=S ratio=R}.
 */
public final class SparkRoundBaseline {

    private SparkRoundBaseline() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: SparkRoundBaseline DATA MASTER [FRACTION] [ROUNDS]");
            System.exit(2);
        }
        double fraction = args.length > 2 ? Double.parseDouble(args[2]) : 0.001;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        SparkConf conf = new SparkConf().setAppName("descent round baseline").setMaster(args[1])
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            LoadedData data = DataLoader.load(sc, new DataSource(args[0], DataFormat.LIBSVM, CsvFormat.defaults(), 0, 0,
                    BlockStorage.AUTO, FeaturePrecision.DOUBLE));
            ModelSpec spec = new ModelSpec(ModelKind.LOGISTIC, data.numFeatures(), 2, true);
            int depth = OrderedTreeReduce.defaultDepth(data.numPartitions());
            GradientRound round = new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), depth);
            double[] params = new double[spec.layout().numParams()];
            BatchMode mode = new BatchMode.Fraction(fraction);

            int warmup = Math.max(10, rounds / 5);
            double[] descent = new double[rounds];
            double[] spark = new double[rounds];
            for (int i = -warmup; i < rounds; i++) {
                long start = System.nanoTime();
                round.compute(params, mode, 1, i + warmup + 1);
                long middle = System.nanoTime();
                sparkRound(sc, data, params, depth);
                long end = System.nanoTime();
                if (i >= 0) {
                    descent[i] = (middle - start) / 1e6;
                    spark[i] = (end - middle) / 1e6;
                }
            }
            double d = RoundTiming.median(descent);
            double s = RoundTiming.median(spark);
            System.out.printf(Locale.ROOT, "rounds=%d partitions=%d descent-ms=%.1f spark-ms=%.1f ratio=%.2f%n",
                    rounds, data.numPartitions(), d, s, d / s);
        }
    }

    /** Broadcast the parameters, then a treeAggregate of a vector as long, touching no row. */
    private static void sparkRound(JavaSparkContext sc, LoadedData data, double[] params, int depth) {
        Broadcast<double[]> broadcast = sc.broadcast(params);
        int n = params.length;
        data.blocks().treeAggregate(new double[n], (double[] sums, DataBlock block) -> {
            sums[0] += broadcast.value()[0];
            return sums;
        }, (double[] a, double[] b) -> {
            for (int j = 0; j < a.length; j++) {
                a[j] += b[j];
            }
            return a;
        }, depth);
        broadcast.destroy();
    }
}
