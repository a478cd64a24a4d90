package org.descent.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.UserInputException;
import org.descent.driver.cli.DataOptions;
import org.descent.driver.cli.SparkOptions;
import org.descent.driver.cli.TrainingOptions;
import org.descent.driver.evaluate.Evaluation;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.round.BatchMode;
import org.descent.driver.train.IterationListener;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.ProgressLog;
import org.descent.driver.spec.ProblemType;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingSetup;
import org.descent.driver.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code descent bench-epochs}: trains as {@code train} does and, after every epoch (the
 * iterations whose batches add up to the training rows: ⌈n / B⌉ for {@code size=B},
 * ⌈1 / F⌉ for {@code fraction=F}, 1 for full batch), scores the current parameters on held-out
 * data. Prints per epoch the training time (evaluation excluded), the mean batch loss and the
 * test metrics; run by {@code scripts/bench-fashion-mnist}. Nothing is written.
 */
@Command(name = "bench-epochs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train and print, after every epoch, its time and the model's metrics on --test data.")
public final class BenchEpochsCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A file of 'key = value' lines with the same keys as these options; the command line wins.")
    String config;

    @Mixin
    DataOptions data;

    @Option(names = "--test", required = true, paramLabel = "PATH", description = "Held-out data, in --format, scored after each epoch.")
    String test;

    @Mixin
    TrainingOptions training;

    @Option(names = "--progress-every", defaultValue = "0", paramLabel = "N",
            description = "Also print every N-th iteration as train does; 0 prints epochs only (default).")
    int progressEvery;

    @Mixin
    SparkOptions spark;

    private final PrintStream console = System.out;

    @Override
    public Integer call() {
        DataSource trainSource = data.toSource();
        TrainingConfig trainingConfig = training.toConfig();
        try (SparkOptions.DriverContext driver = spark.start("bench-epochs")) {
            JavaSparkContext sc = driver.sc();
            long loadStart = System.nanoTime();
            LoadedData train = DataLoader.load(sc, trainSource);
            DataSource testSource = trainSource.heldOut(test, train.numFeatures());
            LoadedData held = DataLoader.load(sc, testSource);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            TrainingSetup setup = TrainingSetup.prepare(sc, train, trainingConfig);
            ModelSpec spec = setup.spec();
            long perEpoch = iterationsPerEpoch(trainingConfig.batch(), train.numRows());
            console.printf(Locale.ROOT, "bench-epochs: %s, %d parameters; %d training rows, %d test rows, %d features, "
                            + "%d partitions, loaded in %.1f s; master %s; batch %s, %s, %s; %d iterations per epoch%n",
                    describe(spec), spec.layout().numParams(), train.numRows(), held.numRows(), train.numFeatures(),
                    train.numPartitions(), loadSeconds, sc.master(), trainingConfig.batch(), trainingConfig.optimizer(),
                    trainingConfig.schedule(), perEpoch);
            Trainer trainer = setup.trainer(sc);
            EpochReport report = new EpochReport(spec, setup.classes(), held, perEpoch,
                    progressEvery > 0 ? new ProgressLog(console, progressEvery) : null, trainer);
            TrainingResult result = trainer.train(report);
            report.summarize(result);
            train.unpersist();
            held.unpersist();
            return result.stopReason().isFailure() ? org.descent.driver.cli.DescentMain.EXIT_FAILURE : 0;
        }
    }

    /** How many iterations make one pass's worth of rows. */
    static long iterationsPerEpoch(BatchMode batch, long rows) {
        if (batch instanceof BatchMode.Size size) {
            return (rows + size.size() - 1) / size.size();
        }
        if (batch instanceof BatchMode.Fraction fraction) {
            return (long) Math.ceil(1 / fraction.fraction());
        }
        return 1;
    }

    private static String describe(ModelSpec spec) {
        if (spec.network() == null) {
            return spec.kind().spelling();
        }
        return spec.kind().spelling() + " " + spec.network().hiddenWidths() + " "
                + spec.network().activations().stream().map(a -> a.spelling()).toList();
    }

    /** Scores the parameters after each epoch; times training apart from scoring. */
    private final class EpochReport implements IterationListener {

        private final ModelSpec spec;
        private final double[] classes;
        private final LoadedData held;
        private final long perEpoch;
        private final ProgressLog progress;
        private final Trainer trainer;
        private final long start = System.nanoTime();
        private long scoringNanos;
        private long epochStart = System.nanoTime();
        private double lossSum;
        private int lossCount;
        private int epoch;
        /** The iteration of the last score: with local steps a round can end past an epoch's last iteration. */
        private long scoredIteration;
        private double bestScore = Double.NaN;
        private int bestEpoch;
        private double lastScore = Double.NaN;

        /** @param trainer turns the trainer's parameters (standardized, with standardization) into the model to score */
        EpochReport(ModelSpec spec, double[] classes, LoadedData held, long perEpoch, ProgressLog progress,
                    Trainer trainer) {
            this.spec = spec;
            this.classes = classes;
            this.held = held;
            this.perEpoch = perEpoch;
            this.progress = progress;
            this.trainer = trainer;
        }

        private int maxIterations;

        @Override
        public void onIteration(IterationRecord record, int maxIterations) {
            if (progress != null) {
                progress.onIteration(record, maxIterations);
            }
            if (!Double.isNaN(record.loss())) {
                lossSum += record.loss();
                lossCount++;
            }
            this.maxIterations = maxIterations;
        }

        /** After each iteration's update: at an epoch's end (or training's), score the parameters. */
        @Override
        public void onParameters(int iteration, double[] params) {
            if (iteration / perEpoch <= epoch && iteration != maxIterations) {
                return;
            }
            epoch++;
            long now = System.nanoTime();
            double seconds = (now - epochStart) / 1e9;
            long iterations = iteration - scoredIteration;
            scoredIteration = iteration;
            double trained = (now - start - scoringNanos) / 1e9;
            Map<String, Object> metrics = Evaluation.metrics(
                    new TrainedModel(spec, trainer.modelParameters(params), classes, Map.of(), Map.of()), held.blocks());
            scoringNanos += System.nanoTime() - now;
            boolean regression = spec.task() == ProblemType.REGRESSION;
            double score = (Double) metrics.get(regression ? "rmse" : "accuracy");
            if (Double.isNaN(bestScore) || (regression ? score < bestScore : score > bestScore)) {
                bestScore = score;
                bestEpoch = epoch;
            }
            lastScore = score;
            console.printf(Locale.ROOT, "epoch %3d: %5d iterations, %7.2f s (%6.2f ms/iteration; %.1f s of training in all), "
                            + "mean batch loss %.5f, test %s %.4f%s%n", epoch, iterations, seconds, 1000 * seconds / iterations,
                    trained,
                    lossSum / lossCount, regression ? "rmse" : "accuracy", score,
                    regression ? "" : String.format(Locale.ROOT, ", test log-loss %.4f", (Double) metrics.get("logLoss")));
            console.flush();
            lossSum = 0;
            lossCount = 0;
            epochStart = System.nanoTime();
        }

        void summarize(TrainingResult result) {
            double wall = (System.nanoTime() - start) / 1e9;
            double scoring = scoringNanos / 1e9;
            String metric = spec.task() == ProblemType.REGRESSION ? "rmse" : "accuracy";
            console.printf(Locale.ROOT, "bench-epochs: %s; %d epochs in %.1f s of training (%.2f s per epoch) plus %.1f s "
                            + "scoring; best test %s %.4f (epoch %d), last %.4f%n",
                    result.message(), epoch, wall - scoring, (wall - scoring) / Math.max(epoch, 1), scoring, metric,
                    bestScore, bestEpoch, lastScore);
        }
    }
}
