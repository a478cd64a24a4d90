package org.descent.bench;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.DataBlock;
import org.descent.data.SyntheticData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.OrderedTreeReduce;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;
import org.descent.driver.tune.GroupSize;
import org.descent.driver.tune.GroupedTrialRunner;
import org.descent.model.FeatureScaling;
import org.descent.model.Regularization;
import org.descent.optim.Adam;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.Nesterov;
import org.descent.optim.Optimizer;
import org.descent.optim.Sgd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Trials of a search trained as one group against the same trials one after another, on one
 * cached data set: logistic regression, full batch, a fixed number of iterations per trial
 * (no tolerance, so every trial does them all), each trial ending with its full pass for the
 * final loss as {@code descent train} does. Times, back to back: one trial alone
 * ({@link Trainer}), N trials one after another, N trials as one group
 * ({@link GroupedTrialRunner}), and M trials as groups; then the median time of one grouped
 * round of N and of M members, and the bytes of features it reads per second against the
 * memory-bandwidth probe's read-only pass. Checks that every grouped trial's model equals its
 * model alone, bit for bit. Prints Markdown and writes {@code grouped-trials.md} into
 * {@code --out}. A benchmark, never a unit test.
 */
@Command(name = "bench grouped", mixinStandardHelpOptions = true,
        description = "Trials trained as groups, one pass over the data per iteration, against trials one after another.")
public final class GroupedTrialsBench implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows of the dense data (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--features", defaultValue = "100", description = "Features (default ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--model", defaultValue = "logistic", description = "logistic or linear (least squares) (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--iterations", defaultValue = "30", description = "Full-batch iterations per trial (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--trials", defaultValue = "8", description = "Trials timed as a group and one after another (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--many", defaultValue = "32", description = "Trials timed as groups against one alone (default ${DEFAULT-VALUE}).")
    int many;

    @Option(names = "--cycles", defaultValue = "2", description = "Cycles of the timed runs, best reported (default ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--rounds", defaultValue = "9", description = "Timed grouped rounds for the bandwidth figure, median reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--partitions", defaultValue = "0", description = "Partitions; 0: Spark's default parallelism (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--stream-mb", defaultValue = "512", description = "Size of each bandwidth-probe array in MB (default ${DEFAULT-VALUE}).")
    int streamMegabytes;

    @Option(names = "--jvm-warmup", defaultValue = "6000",
            description = "At most this many rounds on tiny data before any timing, until the JIT compiler is idle (default ${DEFAULT-VALUE}).")
    int jvmWarmup;

    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--out", defaultValue = "bench-results", description = "Directory for grouped-trials.md (default ${DEFAULT-VALUE}).")
    Path out;

    private final List<String> lines = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new GroupedTrialsBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        log("load average %.2f on %d cores", loadAtStart, cores);
        double readBandwidth = Double.NaN;
        for (MemoryBandwidth.Result r : new MemoryBandwidth((long) streamMegabytes << 20, 5).measure(cores)) {
            log("bandwidth %s, %d thread(s): %.2f GB/s", r.kernel(), r.threads(), r.gigabytesPerSecond());
            if (r.kernel().equals("sum") && r.threads() == cores) {
                readBandwidth = r.gigabytesPerSecond();
            }
        }
        System.gc();
        SparkConf conf = new SparkConf().setAppName("descent bench grouped").setIfMissing("spark.master", master)
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.task.maxDirectResultSize", "64m");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            if (partitions <= 0) {
                partitions = sc.defaultParallelism();
            }
            long start = System.nanoTime();
            SyntheticData data = new SyntheticData(model, features, 0, 1.0, 0.1, 1);
            JavaRDD<DataBlock> blocks = SyntheticBlocks.generate(sc, data, rows, partitions);
            long bytes = blocks.map(DataBlock::featureBytes).reduce(Long::sum);
            log("dense %s %d x %d: %.0f MB of features cached in %d partitions in %.1f s", model, rows, features,
                    bytes / 1e6, partitions, (System.nanoTime() - start) / 1e9);
            ModelKind kind = ModelKind.valueOf(model.toUpperCase(Locale.ROOT));
            ModelSpec spec = new ModelSpec(kind, features, kind == ModelKind.LOGISTIC ? 2 : 0, true);
            long[] partitionRows = blocks.map(b -> (long) b.numRows()).collect().stream().mapToLong(Long::longValue).toArray();
            GradientRound round = new GradientRound(sc, blocks, partitionRows, spec.model(),
                    OrderedTreeReduce.defaultDepth(partitions));
            List<TrainingSetup> setups = setups(spec, round, Math.max(trials, many));
            GroupSize groupSize = GroupSize.of(sc, partitions);
            log("group size rule: at most %d trials of %d parameters a group", groupSize.maxTrials(spec.layout().numParams()),
                    spec.layout().numParams());

            // Warm-up: the JIT compiles the kernels for one and for many members before any timing.
            warm(sc, spec);

            // Each figure is the best of the cycles, the runs of a cycle back to back.
            TrainingResult[] aloneResults = new TrainingResult[setups.size()];
            double oneTrial = Double.POSITIVE_INFINITY;
            double grouped = Double.POSITIVE_INFINITY;
            double sequential = Double.POSITIVE_INFINITY;
            double groupedMany = Double.POSITIVE_INFINITY;
            for (int cycle = 1; cycle <= cycles; cycle++) {
                double alone = seconds(() -> aloneResults[0] = setups.get(0).trainer(sc).train((r, max) -> { }));
                double group = seconds(() -> checkGrouped(sc, setups.subList(0, trials), groupSize, aloneResults));
                double oneByOne = alone + seconds(() -> {
                    for (int i = 1; i < trials; i++) {
                        aloneResults[i] = setups.get(i).trainer(sc).train((r, max) -> { });
                    }
                });
                double groups = seconds(() -> checkGrouped(sc, setups.subList(0, many), groupSize, aloneResults));
                log("cycle %d: 1 trial alone %.2f s; %d trials as one group %.2f s, one after another %.2f s; "
                        + "%d trials as groups %.2f s", cycle, alone, trials, group, oneByOne, many, groups);
                oneTrial = Math.min(oneTrial, alone);
                grouped = Math.min(grouped, group);
                sequential = Math.min(sequential, oneByOne);
                groupedMany = Math.min(groupedMany, groups);
            }

            double[] roundMillis = new double[3];
            int[] members = {1, trials, many};
            for (int i = 0; i < members.length; i++) {
                roundMillis[i] = medianRoundMillis(round, spec.layout().numParams(), members[i]);
                log("one round of %d member(s): %.1f ms, features read at %.2f GB/s", members[i], roundMillis[i],
                        bytes / roundMillis[i] / 1e6);
            }
            double loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

            lines.add(String.format(Locale.ROOT, "Dense %s %d x %d (%.0f MB cached, %d partitions), %s, %d full-batch "
                    + "iterations per trial plus its final-loss pass; best of %d cycles; load average %.2f at start, "
                    + "%.2f at end, %d cores. Every grouped model equals its model alone, bit for bit (checked).",
                    model, rows, features, bytes / 1e6, partitions, master, iterations, cycles, loadAtStart, loadAtEnd, cores));
            lines.add("");
            lines.add("| run | wall time (s) | ratio | target |");
            lines.add("| --- | ---: | ---: | --- |");
            lines.add(row("1 trial alone", oneTrial, "1.00", ""));
            lines.add(row(trials + " trials one after another", sequential, ratio(sequential, oneTrial), ""));
            lines.add(row(trials + " trials as one group", grouped, ratio(sequential, grouped) + " faster than sequential",
                    sequential / grouped >= 5 ? ">= 5x: met" : ">= 5x: missed"));
            lines.add(row(many + " trials as groups", groupedMany, ratio(groupedMany, oneTrial) + " of one trial",
                    groupedMany / oneTrial <= 4 ? "<= 4x: met" : "<= 4x: missed"));
            lines.add("");
            lines.add("| round | median (ms) | features read (GB/s) | of the read bandwidth |");
            lines.add("| --- | ---: | ---: | ---: |");
            for (int i = 0; i < members.length; i++) {
                double gbPerSecond = bytes / roundMillis[i] / 1e6;
                lines.add(String.format(Locale.ROOT, "| %d member(s) | %.1f | %.2f | %.0f%% |", members[i], roundMillis[i],
                        gbPerSecond, 100 * gbPerSecond / readBandwidth));
            }
            lines.add("");
            lines.add(String.format(Locale.ROOT, "Memory-bandwidth probe (read-only sum, %d threads): %.2f GB/s.", cores,
                    readBandwidth));
            blocks.unpersist(true);
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("grouped-trials.md"), String.join("\n", lines) + "\n");
        System.out.println();
        lines.forEach(System.out::println);
        return 0;
    }

    /**
     * Trials sharing their batches (full batch, one seed) that differ in update rule, rate and
     * penalty, none stopping early: every one does all its iterations.
     */
    private List<TrainingSetup> setups(ModelSpec spec, GradientRound round, int count) {
        Optimizer[] optimizers = {new Sgd(), new Nesterov(), new Adam()};
        List<TrainingSetup> setups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optimizer optimizer = optimizers[i % optimizers.length];
            double rate = (optimizer instanceof Adam ? 0.01 : spec.kind() == ModelKind.LOGISTIC ? 0.5 : 0.05)
                    * Math.pow(0.7, i / optimizers.length);
            Regularization reg = new Regularization(i % 2 == 0 ? 0 : 1e-4 * (i + 1), 0);
            TrainingConfig config = new TrainingConfig(spec.kind(), 0, true, new BatchMode.Full(), optimizer,
                    new ConstantSchedule(rate), GradientClipping.OFF, iterations, 1, 0, 0, reg, 0);
            setups.add(new TrainingSetup(config, spec, spec.kind() == ModelKind.LOGISTIC ? new double[] {0, 1} : new double[0],
                    round.treeDepth(), round, FeatureScaling.NONE));
        }
        return setups;
    }

    /**
     * The JVM warm-up, on tiny data of the same width: rounds of one member, of the group and
     * of the many, in turn until the JIT compiler is idle ({@link RoundTiming#warmUntilCompiled}),
     * so that no timed run pays for compiling the kernels or Spark's scheduler.
     */
    private void warm(JavaSparkContext sc, ModelSpec spec) {
        long start = System.nanoTime();
        JavaRDD<DataBlock> tiny = SyntheticBlocks.generate(sc, new SyntheticData(model, features, 0, 1.0, 0.1, 9),
                2000, partitions);
        long[] partitionRows = tiny.map(b -> (long) b.numRows()).collect().stream().mapToLong(Long::longValue).toArray();
        GradientRound round = new GradientRound(sc, tiny, partitionRows, spec.model(), OrderedTreeReduce.defaultDepth(partitions));
        List<Runnable> rounds = new ArrayList<>();
        long[] iteration = {0};
        for (int members : new int[] {1, trials, many}) {
            double[][] params = new double[members][spec.layout().numParams()];
            rounds.add(() -> round.computeMany(params, new BatchMode.Full(), 1, iteration[0]++));
        }
        int warmed = RoundTiming.warmUntilCompiled(rounds, jvmWarmup);
        tiny.unpersist(true);
        log("warm-up: %d rounds on tiny data in %.1f s", warmed, (System.nanoTime() - start) / 1e9);
    }

    /** Trains {@code setups} as groups to the end, with their final losses; checks each model against its run alone, where known. */
    private void checkGrouped(JavaSparkContext sc, List<TrainingSetup> setups, GroupSize groupSize,
                              TrainingResult[] alone) {
        try (GroupedTrialRunner runner = new GroupedTrialRunner(sc, setups, null, null, groupSize)) {
            runner.advanceTo(iterations, (trial, record) -> { });
            for (int i = 0; i < setups.size(); i++) {
                TrainingResult result = runner.result(i);
                if (alone[i] != null && !Arrays.equals(alone[i].params(), result.params())) {
                    throw new IllegalStateException("trial " + i + ": the grouped model differs from the model alone");
                }
            }
        }
    }

    private double medianRoundMillis(GradientRound round, int numParams, int members) {
        // Members as a search has them, each its own: equal members would let the processor
        // predict one member's branches (the logistic loss's) from the one before.
        SplittableRandom random = new SplittableRandom(members);
        double[][] params = new double[members][numParams];
        for (double[] p : params) {
            for (int j = 0; j < numParams; j++) {
                p[j] = 0.1 * (random.nextDouble() - 0.5);
            }
        }
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            round.computeMany(params, new BatchMode.Full(), 1, i);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[rounds / 2];
    }

    private static double seconds(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static String row(String run, double seconds, String ratio, String target) {
        return String.format(Locale.ROOT, "| %s | %.2f | %s | %s |", run, seconds, ratio, target);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2fx", a / b);
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "bench grouped: " + format + "%n", args);
    }
}
