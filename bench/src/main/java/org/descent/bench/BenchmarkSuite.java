package org.descent.bench;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.descent.data.DataBlock;
import org.descent.data.FeaturePrecision;
import org.descent.data.SyntheticData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.OrderedTreeReduce;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.optim.Adam;
import org.descent.optim.Nesterov;
import org.descent.optim.Sgd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The benchmark suite {@code scripts/bench} runs, in one JVM on one machine: the memory
 * bandwidth probe, then on the same SparkContext and cores, for seeded synthetic data (dense
 * logistic, dense least squares, sparse logistic), Descent's per-iteration time at full batch
 * and sampled fractions next to MLlib's {@code GradientDescent}, the fixed per-iteration
 * overhead on tiny data, and the time to spark.ml {@code LogisticRegression}'s training loss;
 * then, on a cached DataFrame of the dense logistic rows, {@code DescentClassifier} against
 * {@code LogisticRegression} in a {@code Pipeline} and the DataFrame's conversion to blocks
 * against loading the same rows from Parquet and LIBSVM text. Writes {@code results.json} and {@code results.md}. A benchmark, never a unit test.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Descent against Spark MLlib and the memory-bandwidth limit, on synthetic data.")
public final class BenchmarkSuite implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows of the dense data sets (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--features", defaultValue = "100", description = "Features of the dense data sets (default ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--sparse-rows", defaultValue = "1000000", description = "Rows of the sparse data set; 0 skips it (default ${DEFAULT-VALUE}).")
    int sparseRows;

    @Option(names = "--sparse-features", defaultValue = "1000000", description = "Features of the sparse data set (default ${DEFAULT-VALUE}).")
    int sparseFeatures;

    @Option(names = "--sparse-nnz", defaultValue = "50", description = "Non-zeros per row of the sparse data set (default ${DEFAULT-VALUE}).")
    int sparseNonZeros;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Partitions of every data set; 0 (the default) means Spark's default parallelism, one per "
                    + "core in local mode, which is what descent train uses when --partitions is not given.")
    int partitions;

    @Option(names = "--fractions", defaultValue = "0.1,0.01,0.001", split = ",", description = "Sampled fractions timed after the full batch (default ${DEFAULT-VALUE}).")
    List<Double> fractions;

    @Option(names = "--warmup", defaultValue = "10", description = "Untimed iterations of each batch mode before the timed ones (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "21", description = "Timed iterations of each batch mode, the modes taken in turn, median reported (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--jvm-warmup", defaultValue = "20000",
            description = "At most this many rounds on tiny data before any timing, every kind of data and batch in "
                    + "turn, until the JIT compiler is idle, so that what is measured is the steady state of a long training run, not the JIT "
                    + "compiling Spark's scheduler (default ${DEFAULT-VALUE}).")
    int jvmWarmup;

    @Option(names = "--mllib-iterations", defaultValue = "3,13", split = ",",
            description = "MLlib call lengths whose time difference gives its per-iteration time (default ${DEFAULT-VALUE}).")
    List<Integer> mllibIterations;

    @Option(names = "--skip-mllib", description = "Time Descent only.")
    boolean skipMllib;

    @Option(names = "--skip-time-to-loss", description = "Skip the spark.ml LogisticRegression comparison.")
    boolean skipTimeToLoss;

    @Option(names = "--skip-dense", description = "Skip the dense data sets (time the tiny and sparse ones only).")
    boolean skipDense;

    @Option(names = "--only-spark-ml",
            description = "Run only the spark.ml entries (the Pipeline comparison and the loading comparison): no "
                    + "bandwidth probe, JVM warm-up or per-iteration series.")
    boolean onlySparkMl;

    @Option(names = "--skip-pipeline", description = "Skip DescentClassifier against spark.ml LogisticRegression in a Pipeline.")
    boolean skipPipeline;

    @Option(names = "--skip-frame-load", description = "Skip the loading comparison (cached DataFrame, Parquet, LIBSVM text).")
    boolean skipFrameLoad;

    @Option(names = "--frame-load-runs", defaultValue = "3",
            description = "Runs of each way of loading, taken in turn, median reported (default ${DEFAULT-VALUE}).")
    int frameLoadRuns;

    @Option(names = "--pipeline-runs", defaultValue = "3",
            description = "Timed fits of each trainer in the Pipeline comparison, median reported (default ${DEFAULT-VALUE}).")
    int pipelineRuns;

    @Option(names = "--objective-slack", defaultValue = "1e-4",
            description = "The Pipeline comparison's target is spark.ml's objective plus this (default ${DEFAULT-VALUE}).")
    double objectiveSlack;

    @Option(names = "--stream-mb", defaultValue = "512", description = "Size of each bandwidth-probe array in MB (default ${DEFAULT-VALUE}).")
    int streamMegabytes;

    @Option(names = "--ttl-max-iter", defaultValue = "100", description = "Iteration cap for the time-to-loss run (default ${DEFAULT-VALUE}).")
    int ttlMaxIterations;

    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--out", defaultValue = "bench-results", description = "Directory for results.json and results.md (default ${DEFAULT-VALUE}).")
    Path out;

    /**
     * The Descent settings tried for the time to spark.ml's loss, full batch: plain gradient
     * descent and Nesterov momentum at a few step sizes, and Adam. The table reports the fastest.
     */
    static final List<LogisticTimeToLoss.OptimizerSetting> TIME_TO_LOSS_SETTINGS = List.of(
            new LogisticTimeToLoss.OptimizerSetting(new Sgd(), 4.0),
            new LogisticTimeToLoss.OptimizerSetting(new Sgd(), 8.0),
            new LogisticTimeToLoss.OptimizerSetting(new Nesterov(0.5), 4.0),
            new LogisticTimeToLoss.OptimizerSetting(new Nesterov(0.5), 8.0),
            new LogisticTimeToLoss.OptimizerSetting(new Nesterov(0.9), 2.0),
            new LogisticTimeToLoss.OptimizerSetting(new Adam(), 0.1));

    /**
     * DescentClassifier's settings in the Pipeline comparison, beside its defaults (full batch,
     * sgd, lr 0.1): full-batch gradient descent with longer steps and Nesterov momentum, on the
     * standardized features (the estimator's default). The table reports each.
     */
    static final List<PipelineTimeToObjective.Setting> PIPELINE_TUNED_SETTINGS = List.of(
            new PipelineTimeToObjective.Setting("sgd, lr 4", c -> c.setOptimizer("sgd").setLr(4)),
            new PipelineTimeToObjective.Setting("sgd, lr 8", c -> c.setOptimizer("sgd").setLr(8)),
            new PipelineTimeToObjective.Setting("nesterov 0.5, lr 4",
                    c -> c.setOptimizer("nesterov").setMomentum(0.5).setLr(4)));

    static final List<PipelineTimeToObjective.Setting> PIPELINE_DEFAULT_SETTINGS = List.of(
            new PipelineTimeToObjective.Setting("defaults", c -> c));

    private final BenchmarkReport report = new BenchmarkReport();
    private RoundTiming timing;
    private TaskTimes taskTimes;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkSuite()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long suiteStart = System.nanoTime();
        timing = new RoundTiming(warmup, iterations);
        int cores = Runtime.getRuntime().availableProcessors();
        report.environment("date", Instant.now().toString());
        report.environment("master", master);
        report.environment("cores", cores);
        report.environment("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report.environment("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.environment("maxHeapMB", Runtime.getRuntime().maxMemory() >> 20);
        report.environment("streamArray", streamMegabytes + " MB per array");
        report.environment("denseKernels", org.descent.linalg.Blas1.best().name());
        log("load average %.2f on %d cores", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), cores);

        if (!onlySparkMl) {
            List<MemoryBandwidth.Result> bandwidth = new MemoryBandwidth((long) streamMegabytes << 20, 5).measure(cores);
            report.bandwidth(bandwidth);
            for (MemoryBandwidth.Result r : bandwidth) {
                log("bandwidth %s, %d thread(s): %.2f GB/s", r.kernel(), r.threads(), r.gigabytesPerSecond());
            }
            System.gc();
        }

        SparkConf conf = new SparkConf().setAppName("descent bench").setIfMissing("spark.master", master)
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                // As Descent's command line sets it (SparkOptions); MLlib's results gain from it too.
                .setIfMissing("spark.task.maxDirectResultSize", "64m");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            report.environment("spark", sc.version());
            taskTimes = TaskTimes.on(sc);
            if (partitions <= 0) {
                partitions = sc.defaultParallelism();
            }
            report.environment("partitions", partitions);
            log("%d partitions per data set", partitions);
            if (!onlySparkMl) {
                overhead(sc);
                if (!skipDense) {
                    dense(sc, "logistic", FeaturePrecision.DOUBLE);
                    dense(sc, "logistic", FeaturePrecision.FLOAT);
                    dense(sc, "linear", FeaturePrecision.DOUBLE);
                }
                if (sparseRows > 0) {
                    sparse(sc);
                }
            }
            if (!skipPipeline || !skipFrameLoad) {
                sparkMl(sc);
            }
        }
        report.note("suite seconds", String.format(Locale.ROOT, "%.0f", (System.nanoTime() - suiteStart) / 1e9));
        report.write(out);
        System.out.println();
        System.out.print(report.markdown());
        System.out.println();
        log("results written to %s", out.toAbsolutePath().resolve("results.json"));
        return 0;
    }

    /**
     * The JVM warm-up: rounds on tiny data of every kind the suite times (logistic and least
     * squares; double, float and sparse blocks; full and sampled batches), plus
     * {@code overheadRound}, in turn until the JIT compiler is idle, so that every timed series
     * runs compiled code, as the iterations of a long training run do.
     */
    private void warmUpJvm(JavaSparkContext sc, Runnable overheadRound) {
        List<JavaRDD<DataBlock>> warmupData = new ArrayList<>();
        List<Runnable> warmupRounds = new ArrayList<>();
        long[] iteration = {0};
        for (String model : List.of("logistic", "linear")) {
            for (FeaturePrecision precision : FeaturePrecision.values()) {
                for (double density : new double[] {1.0, 0.05}) {
                    if (density < 1 && precision == FeaturePrecision.FLOAT) {
                        continue; // float storage is dense only
                    }
                    SyntheticData kind = new SyntheticData(model, 200, 0, density, 0.1, 8);
                    JavaRDD<DataBlock> tiny = SyntheticBlocks.generate(sc, kind, 2000, partitions, precision);
                    warmupData.add(tiny);
                    GradientRound warm = round(sc, tiny, model, 200);
                    double[] zeros = new double[201];
                    for (BatchMode mode : List.<BatchMode>of(new BatchMode.Full(), new BatchMode.Fraction(0.3),
                            new BatchMode.Fraction(0.02))) {
                        warmupRounds.add(() -> warm.compute(zeros, mode, 1, iteration[0]++));
                    }
                }
            }
        }
        warmupRounds.add(overheadRound);
        long start = System.nanoTime();
        int warmed = RoundTiming.warmUntilCompiled(warmupRounds, jvmWarmup);
        log("JVM warm-up: %d rounds of %d kinds in %.1f s", warmed, warmupRounds.size(), (System.nanoTime() - start) / 1e9);
        report.environment("jvmWarmupRounds", warmed);
        warmupData.forEach(tiny -> tiny.unpersist(true));
    }

    /** Tiny data: what an iteration costs when there is almost nothing to compute. */
    private void overhead(JavaSparkContext sc) throws InterruptedException {
        int tinyRows = 1000;
        SyntheticData data = new SyntheticData("logistic", 10, 0, 1.0, 0.1, 7);
        JavaRDD<DataBlock> blocks = SyntheticBlocks.generate(sc, data, tinyRows, partitions);
        GradientRound round = round(sc, blocks, "logistic", 10);
        double[] params = new double[11];
        warmUpJvm(sc, () -> round.compute(params, new BatchMode.Full(), 1, 0));
        RoundTiming tinyTiming = new RoundTiming(warmup, Math.max(50, iterations));
        String series = "overhead";
        double descent = tinyTiming.interleavedMedians(round, params, List.of(new BatchMode.Full()),
                m -> sc.setLocalProperty(TaskTimes.SERIES, m < 0 ? null : series))[0];
        TaskTimes.Anatomy anatomy = taskTimes.anatomy(series, tinyTiming.iterations());
        double mllib = Double.NaN;
        if (!skipMllib) {
            MllibGradientDescent anchor = MllibGradientDescent.fromBlocks(blocks, 10);
            anchor.millisPerIteration(MllibGradientDescent.gradientFor("logistic"), 1.0, 5, 50);
            mllib = anchor.millisPerIteration(MllibGradientDescent.gradientFor("logistic"), 1.0, 10, 60);
            anchor.release();
        }
        String name = String.format(Locale.ROOT, "tiny %d x 10", tinyRows);
        report.overhead(new BatchTiming(name, 1.0, descent, mllib, 0, anatomy));
        log("overhead (%s): Descent %.2f ms, MLlib %.2f ms", name, descent, mllib);
        blocks.unpersist(true);
    }

    /** Float storage is Descent's alone: MLlib has no such option, so it is not run there. */
    private void dense(JavaSparkContext sc, String model, FeaturePrecision precision) throws InterruptedException {
        SyntheticData data = new SyntheticData(model, features, 0, 1.0, 0.1, 1);
        boolean single = precision == FeaturePrecision.FLOAT;
        String name = String.format(Locale.ROOT, "dense %s %s x %d%s", model, count(rows), features, single ? " float" : "");
        compare(sc, name, model, data, rows, precision, !single, model.equals("logistic") && !single && !skipTimeToLoss);
    }

    private void sparse(JavaSparkContext sc) throws InterruptedException {
        double density = (double) sparseNonZeros / sparseFeatures;
        SyntheticData data = new SyntheticData("logistic", sparseFeatures, 0, density, 0.1, 2);
        String name = String.format(Locale.ROOT, "sparse logistic %s x %s, %d nnz/row", count(sparseRows),
                count(sparseFeatures), data.nonZerosPerRow());
        compare(sc, name, "logistic", data, sparseRows, FeaturePrecision.DOUBLE, true, false);
    }

    private void compare(JavaSparkContext sc, String name, String model, SyntheticData data, long numRows,
                         FeaturePrecision precision, boolean withMllib, boolean timeToLoss) throws InterruptedException {
        long start = System.nanoTime();
        JavaRDD<DataBlock> blocks = SyntheticBlocks.generate(sc, data, numRows, partitions, precision);
        long bytes = blocks.map(DataBlock::featureBytes).reduce(Long::sum);
        log("%s: %.0f MB of features cached in %.1f s", name, bytes / 1e6, (System.nanoTime() - start) / 1e9);
        GradientRound round = round(sc, blocks, model, data.numFeatures());
        double[] params = new double[data.numFeatures() + 1];
        List<BatchMode> modes = new ArrayList<>();
        modes.add(new BatchMode.Full());
        fractions.forEach(f -> modes.add(new BatchMode.Fraction(f)));
        String[] series = modes.stream().map(mode -> name + " " + mode).toArray(String[]::new);
        // The collector's cleanup after building the data set is not part of any iteration.
        System.gc();
        double[] descent = timing.interleavedMedians(round, params, modes,
                m -> sc.setLocalProperty(TaskTimes.SERIES, m < 0 ? null : series[m]));
        TaskTimes.Anatomy[] anatomy = new TaskTimes.Anatomy[descent.length];
        for (int i = 0; i < descent.length; i++) {
            anatomy[i] = taskTimes.anatomy(series[i], timing.iterations());
            log("  Descent %s: %.1f ms%s", i == 0 ? "full" : "fraction=" + fractions.get(i - 1), descent[i],
                    anatomy[i] == null ? "" : String.format(Locale.ROOT, " (a task: %.1f ms, %.1f on CPU; %.1f tasks a round)",
                            anatomy[i].runMillis(), anatomy[i].cpuMillis(), anatomy[i].tasksPerRound()));
        }
        double[] mllib = new double[descent.length];
        java.util.Arrays.fill(mllib, Double.NaN);
        if (withMllib && !skipMllib) {
            start = System.nanoTime();
            MllibGradientDescent anchor = MllibGradientDescent.fromBlocks(blocks, data.numFeatures());
            log("  MLlib rows cached in %.1f s", (System.nanoTime() - start) / 1e9);
            System.gc();
            for (int i = 0; i < mllib.length; i++) {
                double fraction = i == 0 ? 1.0 : fractions.get(i - 1);
                mllib[i] = anchor.millisPerIteration(MllibGradientDescent.gradientFor(model), fraction,
                        mllibIterations.get(0), mllibIterations.get(1));
                log("  MLlib fraction=%s: %.1f ms", fraction, mllib[i]);
            }
            anchor.release();
        }
        for (int i = 0; i < descent.length; i++) {
            report.timing(new BatchTiming(name, i == 0 ? 1.0 : fractions.get(i - 1), descent[i], mllib[i], bytes, anatomy[i]));
        }
        if (timeToLoss) {
            LogisticTimeToLoss.Result r = LogisticTimeToLoss.compare(sc, blocks, round, data.numFeatures(),
                    TIME_TO_LOSS_SETTINGS, ttlMaxIterations, 1e-4);
            report.timeToLoss(r);
            log("  time to loss %.6f: spark.ml %.2f s (%d iterations)", r.targetLoss(), r.sparkMlMillis() / 1e3,
                    r.sparkMlIterations());
            for (LogisticTimeToLoss.DescentRun run : r.runs()) {
                log("    Descent %s: %.2f s, %d iterations", run.settings(), run.millis() / 1e3, run.iterations());
            }
        }
        blocks.unpersist(true);
    }

    /**
     * The spark.ml entries, on one cached DataFrame of the dense logistic rows: DescentClassifier
     * against LogisticRegression in a Pipeline ({@link PipelineTimeToObjective}), and the
     * DataFrame's conversion to blocks against loading the same rows from Parquet and LIBSVM
     * text ({@link FrameLoadTiming}).
     */
    private void sparkMl(JavaSparkContext sc) throws java.io.IOException {
        SparkSession spark = SparkSession.builder().config(sc.getConf()).getOrCreate();
        SyntheticData data = new SyntheticData("logistic", features, 0, 1.0, 0.1, 1);
        String name = String.format(Locale.ROOT, "dense logistic %s x %d", count(rows), features);
        if (!skipPipeline) {
            JavaRDD<DataBlock> small = SyntheticBlocks.generate(sc, data, Math.min(rows, 20_000), partitions);
            Dataset<Row> smallFrame = SyntheticFrames.of(spark, small).persist(StorageLevel.MEMORY_ONLY());
            smallFrame.count();
            long start = System.nanoTime();
            List<PipelineTimeToObjective.Setting> all = new ArrayList<>(PIPELINE_DEFAULT_SETTINGS);
            all.addAll(PIPELINE_TUNED_SETTINGS);
            PipelineTimeToObjective.warmUp(smallFrame, all);
            log("spark.ml warm-up (one fit of each estimator on %d rows): %.1f s", smallFrame.count(),
                    (System.nanoTime() - start) / 1e9);
            smallFrame.unpersist(true);
            small.unpersist(true);
        }
        long start = System.nanoTime();
        JavaRDD<DataBlock> blocks = SyntheticBlocks.generate(sc, data, rows, partitions);
        Dataset<Row> frame = SyntheticFrames.of(spark, blocks).persist(StorageLevel.MEMORY_ONLY());
        long frameRows = frame.count();
        blocks.unpersist(true);
        log("%s: DataFrame cached in %.1f s (%d partitions)", name, (System.nanoTime() - start) / 1e9,
                frame.rdd().getNumPartitions());
        if (!skipPipeline) {
            System.gc();
            report.pipeline(PipelineTimeToObjective.compare(frame, frameRows, features, frame.rdd().getNumPartitions(),
                    PIPELINE_DEFAULT_SETTINGS, PIPELINE_TUNED_SETTINGS, objectiveSlack, pipelineRuns));
        }
        if (!skipFrameLoad) {
            Path files = out.resolve("frame-load-data");
            try {
                report.frameLoad(name, FrameLoadTiming.measure(frame, frameRows, features, files, frameLoadRuns));
            } finally {
                deleteRecursively(files);
            }
        }
        frame.unpersist(true);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    private GradientRound round(JavaSparkContext sc, JavaRDD<DataBlock> blocks, String model, int numFeatures) {
        ModelKind kind = ModelKind.valueOf(model.toUpperCase(Locale.ROOT));
        ModelSpec spec = new ModelSpec(kind, numFeatures, kind == ModelKind.LOGISTIC ? 2 : 0, true);
        long[] partitionRows = blocks.map(b -> (long) b.numRows()).collect().stream().mapToLong(Long::longValue).toArray();
        return new GradientRound(sc, blocks, partitionRows, spec.model(), OrderedTreeReduce.defaultDepth(partitions));
    }

    private static String count(long n) {
        return n % 1_000_000 == 0 ? n / 1_000_000 + "M" : n % 1000 == 0 ? n / 1000 + "k" : Long.toString(n);
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }
}
