package org.descent.driver.tune;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.load.LoadedData;
import org.descent.driver.round.ValidationPass;
import org.descent.driver.train.IterationListener;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.train.SnapshotSchedule;
import org.descent.driver.train.StopReason;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;
import org.descent.driver.train.TrainingState;
import org.descent.driver.train.ValidationSettings;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trials trained one after another, each by the {@link Trainer} of {@code descent train} on the
 * same cached blocks; trials of the same model, classes and data weighting share one setup
 * (its round, and its standardization, which costs a pass to measure). A trial advanced to a
 * budget trains from where it stopped (its {@link TrainingState}: parameters, optimizer state,
 * history, validation's best), which the trainer continues exactly as an uninterrupted run: a trial advanced in any steps up to its
 * {@code max-iter} ends with the bits of {@code descent train} of its configuration with the
 * same validation rows and settings. Its learning-rate schedule is always the one built for
 * its whole {@code max-iter}, whatever the budget.
 *
 * <p>The work counted ({@link #gradientRows}) is every iteration's batch rows plus the pass
 * over all training rows the trainer makes each time a trial's training stops (its objective).
 */
public final class SequentialTrialRunner implements TrialRunner {

    private final JavaSparkContext sc;
    private final LoadedData training;
    private final LoadedData validation;
    private final ValidationSettings settings;
    private final List<TrainingConfig> configs;
    private final TrainingSetup[] setups;
    private final ValidationPass[] passes;
    private final TrainingState[] states;
    private final TrainingResult[] results;
    private final boolean[] stopped;
    private final Map<List<Object>, TrainingSetup> preparedSetups = new HashMap<>();
    private long gradientRows;

    public SequentialTrialRunner(JavaSparkContext sc, LoadedData training, LoadedData validation,
                                 List<TrainingConfig> configs, ValidationSettings settings) {
        this.sc = sc;
        this.training = training;
        this.validation = validation;
        this.settings = settings;
        this.configs = List.copyOf(configs);
        int n = configs.size();
        this.setups = new TrainingSetup[n];
        this.passes = new ValidationPass[n];
        this.states = new TrainingState[n];
        this.results = new TrainingResult[n];
        this.stopped = new boolean[n];
    }

    @Override
    public void advanceTo(int iterations, TrialListener listener) {
        for (int i = 0; i < configs.size(); i++) {
            if (isRunning(i) && iterationsDone(i) < Math.min(iterations, configs.get(i).maxIterations())) {
                advance(i, iterations, listener);
            }
        }
    }

    private int iterationsDone(int trial) {
        return states[trial] == null ? 0 : states[trial].iterations();
    }

    private void advance(int trial, int iterations, TrialListener listener) {
        TrainingConfig config = configs.get(trial);
        if (setups[trial] == null) {
            setups[trial] = setup(config);
            passes[trial] = setups[trial].validationPass(sc, validation);
        }
        TrainingSetup setup = setups[trial];
        int budget = Math.min(iterations, config.maxIterations());
        Trainer trainer = new TrainingSetup(budgeted(config, budget), setup.spec(), setup.classes(), setup.treeDepth(),
                setup.round(), setup.scaling()).trainer(sc).withValidation(passes[trial], settings);
        TrainingState start = states[trial] == null ? trainer.initialState() : states[trial];
        TrainingState[] end = new TrainingState[1];
        TrainingResult result = trainer.train(start, new IterationListener() {
            @Override
            public void onIteration(IterationRecord record, int maxIterations) {
                gradientRows += record.batchRows();
                listener.onIteration(trial, record);
            }
        }, new SnapshotSchedule(Integer.MAX_VALUE, state -> end[0] = state));
        if (result.stopReason() != StopReason.DIVERGED) {
            gradientRows += training.numRows();
        }
        results[trial] = result;
        states[trial] = end[0];
        boolean budgetOnly = result.stopReason() == StopReason.MAX_ITERATIONS && budget < config.maxIterations();
        if (!budgetOnly) {
            stopped[trial] = true;
        }
    }

    /**
     * The setup of {@code config}: an earlier trial's, when it has the same model, classes,
     * aggregation and data weighting (so the same round and the same standardization, which
     * costs a pass over the data to measure), with this trial's configuration; else a new one.
     */
    private TrainingSetup setup(TrainingConfig config) {
        List<Object> key = sharedSetup(config);
        TrainingSetup earlier = preparedSetups.get(key);
        if (earlier == null) {
            TrainingSetup prepared = TrainingSetup.prepare(sc, training, config);
            preparedSetups.put(key, prepared);
            return prepared;
        }
        return new TrainingSetup(config, earlier.spec(), earlier.classes(), earlier.treeDepth(), earlier.round(),
                earlier.scaling());
    }

    /** What a {@link TrainingSetup} is made of, of a configuration: the rest is the update rule and the stopping. */
    private static List<Object> sharedSetup(TrainingConfig c) {
        return Arrays.asList(c.kind(), c.numClasses(), c.fitIntercept(), c.network(), c.treeDepth(), c.standardize(),
                c.classWeights());
    }

    /**
     * {@code config} stopping after {@code budget} iterations, with the schedule of its whole
     * run: a schedule that decays over {@code max-iter} must not decay over the budget instead.
     */
    static TrainingConfig budgeted(TrainingConfig config, int budget) {
        return new TrainingConfig(config.kind(), config.numClasses(), config.fitIntercept(), config.batch(),
                config.optimizer(), config.schedule(), config.clipping(), budget, config.seed(),
                config.lossTolerance(), config.gradientTolerance(), config.regularization(), config.treeDepth(),
                config.network(), config.standardize(), config.classWeights());
    }

    @Override
    public void drop(int trial) {
        stopped[trial] = true;
    }

    @Override
    public boolean isRunning(int trial) {
        return !stopped[trial];
    }

    @Override
    public TrainingResult result(int trial) {
        if (results[trial] == null) {
            throw new IllegalStateException("trial " + trial + " has not trained yet");
        }
        return results[trial];
    }

    @Override
    public long gradientRows() {
        return gradientRows;
    }

    /** Nothing is held between advances: each round's broadcast is destroyed by the round itself. */
    @Override
    public void close() {
    }
}
