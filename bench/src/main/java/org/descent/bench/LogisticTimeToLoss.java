package org.descent.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.descent.data.DataBlock;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.spec.ModelSpec;
import org.descent.model.Regularization;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.Optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Time to reach spark.ml's training loss: spark.ml {@code LogisticRegression} (L-BFGS, its
 * defaults: at most 100 iterations, tolerance 1e-6, no regularization) fits the data; its
 * coefficients' loss, evaluated by Descent's own full-batch round so that both sides are
 * measured by one yardstick, plus {@code slack} is the target; then Descent trains from zero,
 * full batch, once with each of the given optimizer settings, and its time to the first
 * iteration whose loss is at or below the target is the sum of the wall times of the
 * iterations up to it. Every setting tried is reported; the fastest is Descent's figure.
 *
 * <p>spark.ml's time is its whole {@code fit} on a DataFrame over rows already in memory: it
 * includes the passes spark.ml makes before iterating (feature statistics for
 * standardization, then building and caching its own blocks), which a spark.ml user pays on
 * every fit. Descent's time starts from its blocks, already cached by the loader.
 */
public final class LogisticTimeToLoss {

    /** An update rule and its constant learning rate, full batch. */
    public record OptimizerSetting(Optimizer optimizer, double learningRate) {
        @Override
        public String toString() {
            return optimizer + ", lr " + learningRate;
        }
    }

    /** One Descent run: iterations and milliseconds to the target (0 and NaN if not reached). */
    public record DescentRun(String settings, int iterations, double millis, double loss) {
        public boolean reached() {
            return iterations > 0;
        }
    }

    /** What one comparison found; {@code best} is the fastest Descent run that reached the target. */
    public record Result(double sparkMlMillis, int sparkMlIterations, double sparkMlReportedLoss, double targetLoss,
                         DescentRun best, List<DescentRun> runs) {
    }

    private LogisticTimeToLoss() {
    }

    public static Result compare(JavaSparkContext sc, JavaRDD<DataBlock> blocks, GradientRound round, int numFeatures,
                                 List<OptimizerSetting> settings, int maxIterations, double slack) {
        SparkSession spark = SparkSession.builder().config(sc.getConf()).getOrCreate();
        Dataset<Row> frame = SyntheticFrames.of(spark, blocks);
        long start = System.nanoTime();
        LogisticRegressionModel sparkModel = new LogisticRegression().setRegParam(0.0).fit(frame);
        double sparkMillis = (System.nanoTime() - start) / 1e6;
        double[] history = sparkModel.summary().objectiveHistory();

        double[] sparkParams = new double[numFeatures + 1];
        System.arraycopy(sparkModel.coefficients().toArray(), 0, sparkParams, 0, numFeatures);
        sparkParams[numFeatures] = sparkModel.intercept();
        double target = round.compute(sparkParams, new BatchMode.Full(), 1, 0).meanLoss() + slack;

        List<DescentRun> runs = new ArrayList<>();
        for (OptimizerSetting setting : settings) {
            runs.add(trainToTarget(sc, round, numFeatures, setting, maxIterations, target));
        }
        DescentRun best = runs.stream().filter(DescentRun::reached)
                .min(java.util.Comparator.comparingDouble(DescentRun::millis)).orElse(runs.get(0));
        return new Result(sparkMillis, history.length - 1, history[history.length - 1], target, best, runs);
    }

    /** Trains from zero until an iteration's loss is at or below {@code target}, or {@code maxIterations}. */
    private static DescentRun trainToTarget(JavaSparkContext sc, GradientRound round, int numFeatures,
                                            OptimizerSetting setting, int maxIterations, double target) {
        TrainingConfig config = new TrainingConfig(ModelKind.LOGISTIC, 2, true, new BatchMode.Full(), setting.optimizer(),
                new ConstantSchedule(setting.learningRate()), GradientClipping.OFF, maxIterations, 1, 0, 0,
                Regularization.NONE, 0);
        ModelSpec spec = new ModelSpec(ModelKind.LOGISTIC, numFeatures, 2, true);
        double[] elapsed = {0};
        try {
            new Trainer(sc, round, spec, config).train((record, max) -> {
                elapsed[0] += record.millis();
                if (record.loss() <= target) {
                    throw new TargetReached(record);
                }
            });
        } catch (TargetReached reached) {
            return new DescentRun(setting.toString(), reached.record.iteration(), elapsed[0], reached.record.loss());
        }
        return new DescentRun(setting.toString(), 0, Double.NaN, Double.NaN);
    }

    /**
     * Thrown from the iteration listener to stop training at the target: the benchmark's only
     * way to end a {@link Trainer} run early without giving the product a stopping rule it
     * does not need.
     */
    private static final class TargetReached extends RuntimeException {
        private final transient IterationRecord record;

        TargetReached(IterationRecord record) {
            super(null, null, false, false);
            this.record = record;
        }
    }
}
