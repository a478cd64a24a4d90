package org.descent.driver.compare;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.UserInputException;
import org.descent.driver.Versions;
import org.descent.driver.evaluate.Evaluation;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.round.BatchMode;
import org.descent.driver.train.IterationListener;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Trains every setting of a comparison, one after the other, on the same cached blocks, each
 * from the model's initial parameters (zeros for a linear model) and standardized (or not)
 * exactly as {@code train} would, and measures what the report needs: the objective on all
 * rows as training goes on, the training time, and the metrics on validation data if there is
 * any.
 *
 * <p>Runs share one JVM, so the first would pay for compiling Spark's scheduler and the
 * kernels and look slower than it is: cheap warm-up rounds come before any timing, as in the
 * benchmark (what they buy: docs/performance.md, "compare's warm-up").
 */
public final class ComparisonRunner {

    /** Measurements of the objective per sampled-batch run, spread evenly over its iterations. */
    public static final int DEFAULT_OBJECTIVE_POINTS = 100;

    /** Untimed single-row rounds before the first run. */
    public static final int DEFAULT_JVM_WARMUP = 100;

    /** Entries of the evaluation maps that describe the data, not the model: left out of the report. */
    private static final Set<String> NOT_METRICS = Set.of("count", "weightSum", "numClasses");

    private final JavaSparkContext sc;
    private final LoadedData data;
    private final LoadedData validation;
    private final int objectivePoints;
    private final int jvmWarmup;
    private final PrintStream console;

    /**
     * @param validation data to evaluate every trained model on, or null
     */
    public ComparisonRunner(JavaSparkContext sc, LoadedData data, LoadedData validation, int objectivePoints,
                            int jvmWarmup, PrintStream console) {
        if (objectivePoints < 1) {
            throw new UserInputException("objective-points must be >= 1, got " + objectivePoints);
        }
        if (jvmWarmup < 0) {
            throw new UserInputException("jvm-warmup must be >= 0 rounds, got " + jvmWarmup);
        }
        this.sc = sc;
        this.data = data;
        this.validation = validation;
        this.objectivePoints = objectivePoints;
        this.jvmWarmup = jvmWarmup;
        this.console = console;
    }

    /**
     * Runs every setting. All are prepared before any trains, so a setting the data cannot
     * satisfy (labels, batch size) fails at once, naming its run.
     */
    public List<RunOutcome> run(List<RunSetting> settings) {
        List<TrainingSetup> setups = new ArrayList<>();
        List<Trainer> trainers = new ArrayList<>();
        for (RunSetting setting : settings) {
            try {
                TrainingSetup setup = TrainingSetup.prepare(sc, data, setting.config());
                trainers.add(setup.trainer(sc));
                setups.add(setup);
            } catch (UserInputException e) {
                throw new UserInputException("run '" + setting.name() + "': " + e.getMessage(), e);
            }
        }
        warmUp(setups.get(0));
        List<RunOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            RunSetting setting = settings.get(i);
            console.printf(Locale.ROOT, "descent compare: run %d/%d '%s': batch %s, %s, %s; standardization %s%n", i + 1,
                    settings.size(), setting.name(), setting.config().batch(), setting.config().optimizer(),
                    setting.config().schedule(), setups.get(i).standardization());
            RunOutcome outcome = runOne(setting, setups.get(i), trainers.get(i), (i + 1) + "/" + settings.size());
            console.printf(Locale.ROOT, "descent compare: run '%s': %s; %.2f s of iterations%s%n", setting.name(),
                    outcome.result().message(), outcome.trainingMillis() / 1000, describe(outcome.validation()));
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private RunOutcome runOne(RunSetting setting, TrainingSetup setup, Trainer trainer, String position) {
        // A local round's step losses are each partition's, at its own parameters: measured like a sampled batch's.
        boolean sampled = setting.config().batch().isStochastic() || setting.config().localSgd().isLocal();
        int every = sampled ? Math.max(1, (int) Math.ceil(setting.config().maxIterations() / (double) objectivePoints)) : 1;
        double[] start = trainer.initialState().params();
        ObjectiveTrace trace = new ObjectiveTrace(trainer, sampled, every, start, setting.config().localSgd());
        RunProgress progress = new RunProgress(console, position + " " + setting.name(), sampled,
                RunProgress.DEFAULT_INTERVAL_MILLIS, System::nanoTime);
        TrainingResult result = trainer.train(IterationListener.both(progress, trace));
        return new RunOutcome(setting, result, trace.finish(result), every, validationMetrics(setup, result));
    }

    private Map<String, Double> validationMetrics(TrainingSetup setup, TrainingResult result) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (validation == null) {
            return metrics;
        }
        TrainedModel model = new TrainedModel(setup.spec(), result.params(), setup.classes(), setup.config().describe(),
                Versions.all(sc.version()));
        sc.setJobDescription("descent compare: validation");
        try {
            for (Map.Entry<String, Object> e : Evaluation.metrics(model, validation.blocks()).entrySet()) {
                if (e.getValue() instanceof Number n && !NOT_METRICS.contains(e.getKey())) {
                    metrics.put(e.getKey(), n.doubleValue());
                }
            }
        } finally {
            sc.setJobDescription(null);
        }
        return metrics;
    }

    private void warmUp(TrainingSetup setup) {
        double[] zero = new double[setup.spec().layout().numParams()];
        sc.setJobDescription("descent compare: JVM warm-up");
        try {
            for (int i = 0; i < jvmWarmup; i++) {
                setup.round().compute(zero, new BatchMode.Size(1), 0, i);
            }
            // Single rows warm the scheduler but not the block kernels over whole blocks (their
            // vectorized loops are slow until compiled): a few full passes, about two million
            // rows' worth. They shrink the first run's excess time without removing it
            // (docs/performance.md, "compare's warm-up").
            if (jvmWarmup > 0) {
                long passes = Math.min(10, Math.max(1, 2_000_000 / Math.max(1, setup.round().totalRows())));
                for (int i = 0; i < passes; i++) {
                    setup.round().compute(zero, new BatchMode.Full(), 0, jvmWarmup + i);
                }
            }
        } finally {
            sc.setJobDescription(null);
        }
    }

    private static String describe(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "; validation %s %.4f", k, v)));
        return sb.toString();
    }
}
