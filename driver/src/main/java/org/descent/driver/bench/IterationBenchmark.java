package org.descent.driver.bench;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.DataBlock;
import org.descent.data.SyntheticData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.OrderedTreeReduce;
import org.descent.driver.train.ModelKind;
import org.descent.driver.train.ModelSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Per-iteration cost of the distributed round on cached synthetic data: full batch against
 * sampled fractions, median over timed iterations after warm-up. A benchmark, run by
 * {@code scripts/bench}; never a unit test.
 */
@Command(name = "bench-iteration", mixinStandardHelpOptions = true,
        description = "Time gradient rounds: full batch vs fractions, on cached synthetic data.")
public final class IterationBenchmark implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000")
    long rows;

    @Option(names = "--features", defaultValue = "100")
    int features;

    @Option(names = "--density", defaultValue = "1.0", description = "Fraction of non-zero features per row.")
    double density;

    @Option(names = "--partitions", defaultValue = "4")
    int partitions;

    @Option(names = "--model", defaultValue = "logistic")
    String model;

    @Option(names = "--fractions", defaultValue = "0.1,0.01,0.001", split = ",")
    List<Double> fractions;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed iterations per batch mode before its timed ones.")
    int warmup;

    @Option(names = "--jvm-warmup", defaultValue = "300",
            description = "Rounds at the smallest fraction before any timing, so that what is measured is the "
                    + "steady state of a long training run, not the JIT compiling Spark's scheduler.")
    int jvmWarmup;

    @Option(names = "--iterations", defaultValue = "10")
    int iterations;

    @Option(names = "--master", defaultValue = "local[2]")
    String master;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IterationBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        SparkConf conf = new SparkConf().setAppName("descent bench").setIfMissing("spark.master", master)
                .set("spark.ui.showConsoleProgress", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            ModelKind kind = ModelKind.valueOf(model.toUpperCase(Locale.ROOT));
            SyntheticData data = new SyntheticData(kind.spelling(), features, kind == ModelKind.SOFTMAX ? 3 : 0, density, 0.1, 1);
            long start = System.nanoTime();
            JavaRDD<DataBlock> blocks = SyntheticBlocks.generate(sc, data, rows, partitions);
            long[] partitionRows = blocks.map(b -> (long) b.numRows()).collect().stream().mapToLong(Long::longValue).toArray();
            long bytes = blocks.map(DataBlock::featureBytes).reduce(Long::sum);
            System.out.printf(Locale.ROOT, "data: %d rows x %d features, density %.3g, %d partitions, %.0f MB cached, generated in %.1f s (%s)%n",
                    rows, features, density, partitions, bytes / 1e6, (System.nanoTime() - start) / 1e9, sc.master());
            ModelSpec spec = new ModelSpec(kind, features, kind == ModelKind.LINEAR ? 0 : kind == ModelKind.LOGISTIC ? 2 : 3, true);
            GradientRound round = new GradientRound(sc, blocks, partitionRows, spec.model(),
                    OrderedTreeReduce.defaultDepth(partitions));
            double[] params = new double[spec.layout().numParams()];
            long warm = System.nanoTime();
            double smallest = fractions.stream().mapToDouble(Double::doubleValue).min().orElse(0.001);
            for (int i = 0; i < jvmWarmup; i++) {
                round.compute(params, new BatchMode.Fraction(smallest), 2, i);
            }
            System.out.printf(Locale.ROOT, "JVM warm-up: %d rounds at fraction=%s in %.1f s%n", jvmWarmup, smallest,
                    (System.nanoTime() - warm) / 1e9);
            double full = medianMillis(round, params, new BatchMode.Full());
            System.out.println();
            System.out.printf(Locale.ROOT, "| batch | median ms/iteration | cheaper than full | feature GB/s |%n");
            System.out.printf(Locale.ROOT, "|---|---|---|---|%n");
            System.out.printf(Locale.ROOT, "| full | %.1f | 1.0x | %.2f |%n", full, bytes / full / 1e6);
            for (double f : fractions) {
                double ms = medianMillis(round, params, new BatchMode.Fraction(f));
                System.out.printf(Locale.ROOT, "| fraction=%s | %.1f | %.1fx | %.2f |%n", f, ms, full / ms, bytes * f / ms / 1e6);
            }
            blocks.unpersist();
        }
        return 0;
    }

    private double medianMillis(GradientRound round, double[] params, BatchMode mode) {
        for (int i = 0; i < warmup; i++) {
            round.compute(params, mode, 1, i);
        }
        double[] times = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            round.compute(params, mode, 1, warmup + i);
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        return iterations % 2 == 1 ? times[iterations / 2] : (times[iterations / 2 - 1] + times[iterations / 2]) / 2;
    }
}
