package org.descent.driver.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.round.LocalRound;
import org.descent.driver.round.LocalRoundResult;
import org.descent.driver.round.RoundResult;
import org.descent.driver.round.ValidationPass;
import org.descent.driver.round.ValidationScore;
import org.descent.driver.spec.ModelSpec;
import org.descent.model.FeatureScaling;
import org.descent.model.ParameterLayout;
import org.descent.model.Regularization;
import org.descent.optim.OptimizerState;
import org.descent.optim.UpdateStep;

import java.util.ArrayList;
import java.util.List;

/**
 * One run between its iterations: its parameters, optimizer state, history and validation,
 * and the update that turns one round's sums into the next iterate. Whoever runs the round
 * drives it: {@link Trainer} with a round of its own, a grouped trainer with one round for
 * several runs that share their batches. Both go through {@link #step}, so a run trained in a
 * group takes exactly the steps, and ends with exactly the bits, it would take alone.
 *
 * <p>Each step: the batch's mean loss and gradient (mapped back to the loop's coordinates
 * with standardization), regularization added once, the divergence and convergence checks,
 * then clipping, the optimizer's update and, for L1, the proximal soft-threshold step; with a
 * {@link ValidationPass}, the model after a due iteration is scored and early stopping
 * advances. A run that diverges stops alone and keeps its last good parameters.
 */
public final class TrainingRun {

    private final JavaSparkContext sc;
    private final ParameterLayout layout;
    private final TrainingConfig config;
    private final FeatureScaling coordinates;
    private final ValidationPass validation;
    private final ValidationSettings validationSettings;
    private final ConvergenceCheck convergence;
    private final boolean startConverged;
    private final double[] model;
    private final List<IterationRecord> history;
    private final List<Double> losses = new ArrayList<>();
    private final LocalSgd local;
    private final UpdateStep update;
    /** Local SGD's outer velocity (zeros, and unused, without outer momentum). */
    private final double[] velocity;
    private double[] params;
    private double[] lastGood;
    private OptimizerState state;
    private EarlyStopping early;
    private StopReason reason;
    private String message;

    /**
     * A run going on from {@code start} (see {@link Trainer#train(TrainingState, IterationListener, SnapshotSchedule)});
     * {@code validation} and {@code validationSettings} are both given or both null.
     */
    public TrainingRun(JavaSparkContext sc, ModelSpec spec, TrainingConfig config, TrainingState start,
                       ValidationPass validation, ValidationSettings validationSettings) {
        if ((validation == null) != (validationSettings == null)) {
            throw new IllegalArgumentException("validation: a pass and its settings must both be given");
        }
        this.sc = sc;
        this.layout = spec.layout();
        this.config = config;
        this.coordinates = checkedScaling(start.scaling(), config, spec);
        this.validation = validation;
        this.validationSettings = validationSettings;
        this.convergence = new ConvergenceCheck(config.lossTolerance(), config.gradientTolerance(),
                config.batch().isStochastic());
        this.params = start.params().clone();
        this.model = new double[params.length];
        this.lastGood = params.clone();
        this.local = config.localSgd();
        this.update = new UpdateStep(config.optimizer(), config.clipping(), config.regularization());
        int ruleSlots = config.optimizer().stateSize(params.length);
        this.state = local.split(start.optimizerState(), ruleSlots);
        this.velocity = local.velocity(start.optimizerState(), ruleSlots, params.length);
        this.early = start.earlyStopping();
        this.history = new ArrayList<>(start.history());
        for (IterationRecord r : history) {
            if (!Double.isNaN(r.loss())) {
                losses.add(r.loss());
            }
        }
        this.startConverged = start.finished() && start.stopReason() != StopReason.MAX_ITERATIONS;
        this.reason = startConverged ? start.stopReason()
                : history.size() >= config.maxIterations() ? StopReason.MAX_ITERATIONS : null;
    }

    public TrainingConfig config() {
        return config;
    }

    /** Whether the run can take another iteration: not stopped by its rules, below its maximum. */
    public boolean isRunning() {
        return reason == null;
    }

    /** Whether the run was already finished by its rules when it was given (a resumed converged run). */
    public boolean startedConverged() {
        return startConverged;
    }

    public boolean diverged() {
        return reason == StopReason.DIVERGED;
    }

    /** Iterations completed; the next one is numbered this (0-based) for sampling and the schedule. */
    public int iterations() {
        return history.size();
    }

    /** The loop's parameters (θ' with standardization): read them, never keep or change the array. */
    public double[] params() {
        return params;
    }

    /** The model the next round computes on, in the features' own units: the run's own buffer, overwritten by the next call. */
    public double[] roundParameters() {
        coordinates.toModel(layout, params, model);
        return model;
    }

    /**
     * Takes one iteration from the round's sums for the batch of iteration {@link #iterations()}
     * ({@code result}), the iteration having begun at {@code startNanos}: the update, and the
     * validation when due. Returns the iteration's record, now in the history, or null when
     * the run diverged (no record: the run has stopped with its last good parameters).
     */
    public IterationRecord step(RoundResult result, long startNanos) {
        if (!isRunning()) {
            throw new IllegalStateException("the run has stopped: " + reason);
        }
        int t = history.size();
        Regularization reg = config.regularization();
        double learningRate = config.schedule().rate(t);
        StopReason stop = null;
        IterationRecord record;
        if (result.weightSum() == 0) {
            // A sampled batch can come out empty (tiny fraction, tiny data): nothing to learn from.
            record = new IterationRecord(t + 1, Double.NaN, Double.NaN, learningRate, 0, millisSince(startNanos));
        } else {
            double[] gradient = result.meanGradient();
            coordinates.toStandardizedGradient(layout, gradient);
            double loss = result.meanLoss() + reg.penalty(params, layout);
            reg.addSmoothGradient(params, layout, gradient);
            double gradientNorm = reg.stationarityNorm(params, layout, gradient);
            if (!Double.isFinite(loss) || !Double.isFinite(gradientNorm)) {
                boolean lossIsBad = !Double.isFinite(loss);
                return diverge(t, learningRate, "the " + (lossIsBad ? "loss" : "gradient") + " is "
                        + (lossIsBad ? loss : gradientNorm));
            }
            losses.add(loss);
            String exploded = DivergenceCheck.exploded(losses);
            if (exploded != null) {
                return diverge(t, learningRate, exploded);
            }
            System.arraycopy(params, 0, lastGood, 0, params.length);
            stop = convergence.check(losses, gradientNorm);
            if (stop == null) {
                update.apply(params, gradient, learningRate, state, layout);
            }
            record = new IterationRecord(t + 1, loss, gradientNorm, learningRate, result.rowCount(),
                    millisSince(startNanos));
        }
        if (validation != null && validationSettings.isDue(t + 1)) {
            sc.setJobDescription("descent validation after iteration " + (t + 1) + "/" + config.maxIterations());
            ValidationScore score = validation.score(coordinates.toModel(layout, params));
            early = early.next(t + 1, score.loss(), params, validationSettings.minDelta());
            record = new IterationRecord(record.iteration(), record.loss(), record.gradientNorm(),
                    record.learningRate(), record.batchRows(), millisSince(startNanos), score.loss(), score.metric());
            if (stop == null && early.exhausted(validationSettings.patience())) {
                stop = StopReason.EARLY_STOPPED;
            }
        }
        history.add(record);
        reason = stop != null ? stop : history.size() >= config.maxIterations() ? StopReason.MAX_ITERATIONS : null;
        return record;
    }

    /** Whether iteration {@code t} (0-based) begins a local-SGD round rather than a synchronous step. */
    public boolean isLocalAt(int t) {
        return local.isLocalAt(t);
    }

    /**
     * One local-SGD round from iteration {@link #iterations()}: every partition takes up to
     * {@link LocalSgd#steps} steps of the update rule, its state fresh each round or the run's
     * (then averaged back, {@link LocalState}), on its own batches ({@code round}), and the
     * run moves by their row-weighted mean change, through the outer velocity. Returns the
     * round's records, one per step, now in the history (the last carries the change's norm per
     * unit of rate and, when due, the validation score), or null when the round diverged: the
     * run has stopped with the parameters it began the round with.
     */
    public List<IterationRecord> localStep(LocalRound round, long startNanos) {
        if (!isRunning()) {
            throw new IllegalStateException("the run has stopped: " + reason);
        }
        int t = history.size();
        int max = config.maxIterations();
        int steps = Math.min(local.steps(), max - t);
        sc.setJobDescription("descent round " + local.roundOf(t + 1) + ", iterations " + (t + 1) + "-" + (t + steps)
                + "/" + max);
        double[] rates = new double[steps];
        for (int k = 0; k < steps; k++) {
            rates[k] = config.schedule().rate(t + k);
        }
        LocalRoundResult result = round.compute(params, local.averagesState() ? state : null, config.batch(),
                config.seed(), t, rates, update, coordinates);
        double millis = millisSince(startNanos) / steps;
        List<IterationRecord> records = new ArrayList<>(steps);
        int stepped = 0;
        for (int k = 0; k < steps; k++) {
            double loss = result.stepLoss(k);
            if (result.stepWeight(k) > 0) {
                stepped++;
                losses.add(loss);
                String exploded = Double.isFinite(loss) ? DivergenceCheck.exploded(losses) : "the loss is " + loss;
                if (exploded != null) {
                    return divergeInRound("at iteration " + (t + k + 1) + ": " + exploded, rates[k], t);
                }
            }
            records.add(new IterationRecord(t + k + 1, loss, Double.NaN, rates[k], result.stepRows(k), millis));
        }
        double gradientNorm = Double.NaN;
        if (result.weightSum() > 0) {
            double[] change = result.meanChange();
            double rateSum = 0;
            for (double rate : rates) {
                rateSum += rate;
            }
            gradientNorm = LocalRoundResult.norm(change) / rateSum;
            if (!Double.isFinite(gradientNorm)) {
                return divergeInRound("in the round of iterations " + (t + 1) + "-" + (t + steps)
                        + ": the averaged change is not finite", rates[0], t);
            }
            for (int i = 0; i < params.length; i++) {
                velocity[i] = local.outerMomentum() * velocity[i] + change[i];
                params[i] += velocity[i];
            }
            if (local.averagesState()) {
                // A partition whose share of a step's batch came out empty skipped that step: the
                // count is the steps any partition took, as a synchronous run counts them.
                state = result.meanState(state.steps() + stepped);
            }
        }
        IterationRecord last = records.get(steps - 1);
        last = new IterationRecord(last.iteration(), last.loss(), gradientNorm, last.learningRate(),
                last.batchRows(), last.millis());
        StopReason stop = convergence.check(losses, gradientNorm);
        int end = t + steps;
        if (validation != null && validationSettings.isDueWithin(t, end)) {
            sc.setJobDescription("descent validation after iteration " + end + "/" + max);
            ValidationScore score = validation.score(coordinates.toModel(layout, params));
            early = early.next(end, score.loss(), params, validationSettings.minDelta());
            last = new IterationRecord(last.iteration(), last.loss(), last.gradientNorm(), last.learningRate(),
                    last.batchRows(), last.millis(), score.loss(), score.metric());
            if (stop == null && early.exhausted(validationSettings.patience())) {
                stop = StopReason.EARLY_STOPPED;
            }
        }
        records.set(steps - 1, last);
        history.addAll(records);
        System.arraycopy(params, 0, lastGood, 0, params.length);
        reason = stop != null ? stop : history.size() >= max ? StopReason.MAX_ITERATIONS : null;
        return records;
    }

    /** A local round diverged: the run stops with the parameters it began the round with. */
    private List<IterationRecord> divergeInRound(String where, double learningRate, int t) {
        reason = StopReason.DIVERGED;
        message = "training diverged " + where + "; try a lower learning rate than " + learningRate
                + " (kept the parameters of iteration " + t + ")";
        return null;
    }

    private IterationRecord diverge(int t, double learningRate, String why) {
        reason = StopReason.DIVERGED;
        message = "training diverged at iteration " + (t + 1) + ": " + why + "; try a lower learning rate than "
                + learningRate + " (kept the parameters of iteration " + t + ")";
        params = lastGood;
        return null;
    }

    /** Where the run stands, to go on from later: its reason is null while it can still train. */
    public TrainingState state() {
        return new TrainingState(params.clone(), local.join(state, velocity), history, reason, coordinates, early);
    }

    /**
     * The loop's parameters of the model the run ends with: with early stopping on, the best
     * validation's; otherwise (and on divergence) its parameters.
     */
    private double[] written() {
        boolean best = !diverged() && validationSettings != null && validationSettings.stopsEarly() && early.hasBest();
        return best ? early.bestParams() : params;
    }

    /** The model the run ends with, in the features' own units: what {@link #result} scores and returns. */
    public double[] resultModel() {
        return coordinates.toModel(layout, written());
    }

    /**
     * The run's outcome so far. {@code fullPassLoss} is the weighted mean data loss of
     * {@link #resultModel()} on all the rows (ignored on divergence); the final objective adds
     * the penalties. A run still able to train reads as stopped at its iterations so far.
     */
    public TrainingResult result(double fullPassLoss, double trainMillis) {
        double finalLoss = Double.NaN;
        String text = message;
        StopReason shown = reason;
        if (!diverged()) {
            double[] written = written();
            finalLoss = fullPassLoss + config.regularization().penalty(written, layout);
            shown = reason != null ? reason : StopReason.MAX_ITERATIONS;
            text = (reason != null ? reason.description() : "trained so far (it can go on)") + " after "
                    + history.size() + " iterations; "
                    + (written != params ? "best validation loss " + early.bestLoss() + " at iteration "
                    + early.bestIteration() + ", the model written; " : "") + "final loss " + finalLoss;
        }
        return new TrainingResult(resultModel(), local.join(state, velocity), List.copyOf(history), shown, text, finalLoss, trainMillis,
                early);
    }

    /** {@code scaling}, if it is what {@code config} asks for and fits the model's features. */
    static FeatureScaling checkedScaling(FeatureScaling scaling, TrainingConfig config, ModelSpec spec) {
        if (scaling.isNone() == config.standardize()) {
            throw new IllegalArgumentException(config.standardize()
                    ? "standardize: the configuration asks for it but no feature statistics were given"
                    : "standardize: feature statistics were given to a configuration without standardization");
        }
        if (!scaling.isNone() && scaling.numFeatures() != spec.numFeatures()) {
            throw new IllegalArgumentException("standardize: statistics of " + scaling.numFeatures()
                    + " features for a model of " + spec.numFeatures());
        }
        return scaling;
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
