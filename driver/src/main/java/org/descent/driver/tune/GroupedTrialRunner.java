package org.descent.driver.tune;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.UserInputException;
import org.descent.driver.load.LoadedData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.RoundResult;
import org.descent.driver.round.ValidationPass;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingRun;
import org.descent.driver.train.TrainingSetup;
import org.descent.driver.train.ValidationSettings;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains trials in groups that share their batch sampling: each iteration of a group is one
 * round for all its members ({@link GradientRound#computeMany}: one task input with every
 * member's parameters, one pass over each block, one reduce returning every member's sums),
 * then each member's own {@link TrainingRun#step}: its optimizer and state, schedule,
 * penalties, clipping, stopping rules and validation. A member that diverges or is dropped
 * leaves the group; the others go on with the same bits as before.
 *
 * <p><b>Who groups with whom.</b> Trials share a group when their batches are the same rows:
 * the same batch mode and seed, over the same round, which means the same model shape (family,
 * features, classes, intercept, network), the same class weights (they change the rows'
 * weights) and the same tree depth (it fixes the merge order). Standardization need not match:
 * the round sees every model in the features' own units. Groups hold at most
 * {@link GroupSize#maxTrials} members; larger sets are split in trial order.
 *
 * <p><b>Same bits as alone.</b> A member's round sums are those of its own round (see
 * {@link GradientRound#computeMany}) and its step is the one {@code Trainer} takes, so a trial
 * trained here ends with the model {@code descent train} gives its configuration, bit for bit;
 * only the iterations' wall times differ (a member's is its group's).
 *
 * <p>A group's iterations go together, so its members are always at the same iteration (the
 * one sampling and the schedules see); groups train one after another.
 */
public final class GroupedTrialRunner implements TrialRunner {

    private final JavaSparkContext sc;
    private final List<Trial> trials = new ArrayList<>();
    private final List<List<Trial>> groups = new ArrayList<>();
    private long gradientRows;

    /**
     * @param setups     one per trial, in trial order, each prepared on the same loaded data;
     *                   trials share a group only when their setups share the {@link GradientRound}
     *                   (see {@link #prepare}, which arranges it)
     * @param validation the validation rows, or null for none; then {@code settings} is null too
     * @param settings   how often to score them and when to stop early
     * @param groupSize  how large a group may be ({@link GroupSize#of}; {@link GroupSize#ONE}
     *                   trains the trials one after another)
     */
    public GroupedTrialRunner(JavaSparkContext sc, List<TrainingSetup> setups, LoadedData validation,
                              ValidationSettings settings, GroupSize groupSize) {
        if ((validation == null) != (settings == null)) {
            throw new IllegalArgumentException("validation: the rows and their settings must both be given");
        }
        if (setups.isEmpty()) {
            throw new IllegalArgumentException("trials: at least one configuration is needed");
        }
        this.sc = sc;
        Map<GroupKey, List<Trial>> byKey = new LinkedHashMap<>();
        // Setups sharing a round share its blocks' weighting and model shape, so one validation pass serves them.
        Map<GradientRound, ValidationPass> passes = new IdentityHashMap<>();
        for (TrainingSetup setup : setups) {
            if (setup.config().localSgd().isLocal()) {
                // A group steps its members together, one synchronous round per iteration.
                throw new UserInputException("local-steps: trials of a search train synchronously; local SGD is for "
                        + "descent train, got " + setup.config().localSgd());
            }
            ValidationPass pass = validation == null ? null
                    : passes.computeIfAbsent(setup.round(), r -> setup.validationPass(sc, validation));
            // The trainer checks the configuration against the data (a batch larger than the rows).
            TrainingRun run = new TrainingRun(sc, setup.spec(), setup.config(), setup.trainer(sc).initialState(), pass,
                    settings);
            Trial trial = new Trial(trials.size(), setup, run);
            trials.add(trial);
            byKey.computeIfAbsent(new GroupKey(setup.round(), setup.config().batch(), setup.config().seed()),
                    k -> new ArrayList<>()).add(trial);
        }
        for (List<Trial> sharing : byKey.values()) {
            int max = groupSize.maxTrials(sharing.get(0).setup.spec().layout().numParams());
            for (int from = 0; from < sharing.size(); from += max) {
                groups.add(List.copyOf(sharing.subList(from, Math.min(sharing.size(), from + max))));
            }
        }
    }

    /**
     * A runner for {@code configs} on {@code training}, as {@code descent train} would prepare
     * each ({@link TrainingSetup#prepare}), preparing once what configurations can share: the
     * label check, the round over the (class-weighted) blocks and the standardization's pass.
     */
    public static GroupedTrialRunner prepare(JavaSparkContext sc, LoadedData training, List<TrainingConfig> configs,
                                             LoadedData validation, ValidationSettings settings, GroupSize groupSize) {
        Map<SetupKey, TrainingSetup> shared = new LinkedHashMap<>();
        Map<SetupKey, GradientRound> rounds = new LinkedHashMap<>();
        List<TrainingSetup> setups = new ArrayList<>();
        for (TrainingConfig config : configs) {
            SetupKey key = SetupKey.of(config);
            TrainingSetup prepared = shared.computeIfAbsent(key, k -> TrainingSetup.prepare(sc, training, config));
            // The round sees models in the features' own units: standardized or not, one round serves.
            GradientRound round = rounds.computeIfAbsent(key.withStandardize(false), k -> prepared.round());
            setups.add(new TrainingSetup(config, prepared.spec(), prepared.classes(), prepared.treeDepth(), round,
                    prepared.scaling()));
        }
        return new GroupedTrialRunner(sc, setups, validation, settings, groupSize);
    }

    /** Trial {@code trial}'s setup: its configuration, model shape, classes and round. */
    public TrainingSetup setup(int trial) {
        return trials.get(trial).setup;
    }

    /** The trials of each group, in the order the groups train. */
    public List<List<Integer>> groups() {
        return groups.stream().map(g -> g.stream().map(t -> t.index).toList()).toList();
    }

    @Override
    public void advanceTo(int iterations, TrialListener listener) {
        try {
            for (List<Trial> group : groups) {
                advanceGroup(group, iterations, listener);
            }
        } finally {
            sc.setJobDescription(null);
        }
    }

    private void advanceGroup(List<Trial> group, int iterations, TrialListener listener) {
        TrainingConfig shared = group.get(0).setup.config();
        GradientRound round = group.get(0).setup.round();
        while (true) {
            List<Trial> members = membersAtNextIteration(group, iterations);
            if (members.isEmpty()) {
                return;
            }
            int t = members.get(0).run.iterations();
            long start = System.nanoTime();
            sc.setJobDescription("descent trials: iteration " + (t + 1) + " of " + members.size() + " trials");
            double[][] models = new double[members.size()][];
            for (int m = 0; m < models.length; m++) {
                models[m] = members.get(m).run.roundParameters();
            }
            RoundResult[] results = round.computeMany(models, shared.batch(), shared.seed(), t);
            for (int m = 0; m < models.length; m++) {
                Trial trial = members.get(m);
                gradientRows += results[m].rowCount();
                IterationRecord record = trial.run.step(results[m], start);
                trial.steps++;
                trial.trainNanos += System.nanoTime() - start;
                if (record != null) {
                    listener.onIteration(trial.index, record);
                }
            }
        }
    }

    /** The running members below {@code iterations}, those at the lowest iteration among them (all, as they go together). */
    private static List<Trial> membersAtNextIteration(List<Trial> group, int iterations) {
        int next = Integer.MAX_VALUE;
        for (Trial trial : group) {
            if (trial.isRunning() && trial.run.iterations() < iterations) {
                next = Math.min(next, trial.run.iterations());
            }
        }
        List<Trial> members = new ArrayList<>();
        for (Trial trial : group) {
            if (trial.isRunning() && trial.run.iterations() == next) {
                members.add(trial);
            }
        }
        return members;
    }

    @Override
    public void drop(int trial) {
        trials.get(trial).dropped = true;
    }

    @Override
    public boolean isRunning(int trial) {
        return trials.get(trial).isRunning();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The final loss needs a full pass; it is taken for every member of the trial's group
     * whose result is out of date at once, in one grouped round, and kept until the trial
     * trains again. A trial that can still train reads as stopped at its maximum, its message
     * saying it can go on; a dropped one likewise.
     */
    @Override
    public TrainingResult result(int trial) {
        Trial wanted = trials.get(trial);
        if (!wanted.isCurrent()) {
            List<Trial> group = groups.stream().filter(g -> g.contains(wanted)).findFirst().orElseThrow();
            List<Trial> stale = group.stream().filter(t -> !t.isCurrent()).toList();
            List<Trial> scored = stale.stream().filter(t -> !t.run.diverged()).toList();
            double[] losses = new double[stale.size()];
            if (!scored.isEmpty()) {
                double[][] models = scored.stream().map(t -> t.run.resultModel()).toArray(double[][]::new);
                TrainingConfig shared = group.get(0).setup.config();
                sc.setJobDescription("descent trials: objective on all rows of " + models.length + " trials");
                try {
                    RoundResult[] full = group.get(0).setup.round().computeMany(models, new BatchMode.Full(),
                            shared.seed(), 0);
                    for (int m = 0; m < full.length; m++) {
                        losses[stale.indexOf(scored.get(m))] = full[m].meanLoss();
                    }
                } finally {
                    sc.setJobDescription(null);
                }
            }
            for (int s = 0; s < stale.size(); s++) {
                Trial t = stale.get(s);
                t.result = t.run.result(t.run.diverged() ? Double.NaN : losses[s], t.trainNanos / 1e6);
                t.resultSteps = t.steps;
            }
        }
        return wanted.result;
    }

    @Override
    public long gradientRows() {
        return gradientRows;
    }

    /** Nothing to release: each round destroys its own broadcast, and the data stays cached. */
    @Override
    public void close() {
    }

    /** One trial: its setup, its run and whether the search dropped it. */
    private static final class Trial {
        final int index;
        final TrainingSetup setup;
        final TrainingRun run;
        boolean dropped;
        int steps;
        long trainNanos;
        TrainingResult result;
        int resultSteps = -1;

        Trial(int index, TrainingSetup setup, TrainingRun run) {
            this.index = index;
            this.setup = setup;
            this.run = run;
        }

        boolean isRunning() {
            return !dropped && run.isRunning();
        }

        /** Whether the kept result is of the run as it stands: no step since it was taken. */
        boolean isCurrent() {
            return resultSteps == steps;
        }
    }

    /** What trials must share to share a group: the round (data, model shape, class weights, tree depth) and the batches. */
    private record GroupKey(GradientRound round, BatchMode batch, long seed) {
        @Override
        public boolean equals(Object o) {
            return o instanceof GroupKey k && k.round == round && k.batch.equals(batch) && k.seed == seed;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(round) * 31 + batch.hashCode() * 17 + Long.hashCode(seed);
        }
    }

    /** What configurations must share to share a prepared setup: everything {@link TrainingSetup#prepare} reads of them. */
    private record SetupKey(ModelKind kind, int numClasses, boolean fitIntercept, NetworkShape network, int treeDepth,
                            boolean standardize, String classWeights) {
        static SetupKey of(TrainingConfig c) {
            return new SetupKey(c.kind(), c.numClasses(), c.fitIntercept(), c.network(), c.treeDepth(), c.standardize(),
                    c.classWeights() == null ? null : c.classWeights().toString());
        }

        SetupKey withStandardize(boolean on) {
            return new SetupKey(kind, numClasses, fitIntercept, network, treeDepth, on, classWeights);
        }
    }
}
