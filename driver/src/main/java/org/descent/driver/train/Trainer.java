package org.descent.driver.train;

import org.descent.driver.spec.ModelSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.LocalRound;
import org.descent.driver.round.LocalRoundResult;
import org.descent.driver.round.RoundResult;
import org.descent.driver.round.ValidationPass;
import org.descent.driver.round.ValidationScore;
import org.descent.model.FeatureScaling;
import org.descent.model.ParameterLayout;
import org.descent.model.Regularization;
import org.descent.optim.OptimizerState;
import org.descent.optim.UpdateStep;

import java.util.ArrayList;
import java.util.List;

/**
 * The iteration loop on the driver. Each iteration: one {@link GradientRound} for the batch's
 * mean loss and gradient; regularization added here, once; the convergence and divergence
 * checks; then the optimizer's update and, for L1, the proximal soft-threshold step.
 *
 * <p>The loop holds the parameters as one {@code double[]} and the optimizer's state
 * explicitly, so a different optimizer, a checkpoint or a resumed run changes nothing here.
 *
 * <p><b>Standardization.</b> With a {@link FeatureScaling} the loop's parameters are the
 * standardized coordinates θ', and so is everything that works on them: the optimizer and its
 * state, the penalties and their proximal step, the gradient norm of the tolerance, the
 * listeners' {@link IterationListener#onParameters} and the snapshots. Only the round sees the
 * model in the features' own units: each iteration maps θ' to θ
 * ({@link FeatureScaling#toModel}), runs the round with θ on the raw cached blocks, and maps
 * its gradient back ({@link FeatureScaling#toStandardizedGradient}). The data loss is the same
 * function either way, so the objective and history.csv mean what they mean without; the
 * result's parameters are θ, the model to write.
 *
 * <p><b>Local SGD.</b> With {@link LocalSgd} local steps, from its {@code after}-th iteration
 * on, one {@link LocalRound} takes the place of that many iterations: every partition steps on
 * its own batches and the loop moves by the row-weighted mean change (through the outer
 * velocity, with outer momentum). Each step still gets its record, numbered as an iteration;
 * the checks, the validation and the snapshots run once per round, at its end.
 *
 * <p><b>Validation.</b> With a {@link ValidationPass} ({@link #withValidation}), the model after
 * every {@link ValidationSettings#every}-th iteration's update is scored on the validation
 * rows, in the features' own units; the record of that iteration carries the score, and an
 * {@link EarlyStopping} keeps the best loss and its parameters. With a patience, the loop
 * stops ({@link StopReason#EARLY_STOPPED}) when that many evaluations in a row bring no
 * improvement, and the result is the best evaluation's model, whatever ended the run (except
 * divergence, which keeps its last good parameters as without validation).
 */
public final class Trainer {

    private final JavaSparkContext sc;
    private final GradientRound round;
    private final ModelSpec spec;
    private final TrainingConfig config;
    private final FeatureScaling scaling;
    private final ValidationPass validation;
    private final ValidationSettings validationSettings;

    /** A trainer on the features as they are; {@code config} must not ask for standardization. */
    public Trainer(JavaSparkContext sc, GradientRound round, ModelSpec spec, TrainingConfig config) {
        this(sc, round, spec, config, FeatureScaling.NONE);
    }

    /**
     * @param scaling the standardization of the round's data ({@link TrainingSetup} measures
     *                it), exactly when {@code config.standardize()}; {@link FeatureScaling#NONE}
     *                otherwise
     */
    public Trainer(JavaSparkContext sc, GradientRound round, ModelSpec spec, TrainingConfig config,
                   FeatureScaling scaling) {
        this(sc, round, spec, config, scaling, null, null);
    }

    private Trainer(JavaSparkContext sc, GradientRound round, ModelSpec spec, TrainingConfig config,
                    FeatureScaling scaling, ValidationPass validation, ValidationSettings validationSettings) {
        this.validation = validation;
        this.validationSettings = validationSettings;
        this.sc = sc;
        this.round = round;
        this.spec = spec;
        this.config = config;
        this.scaling = checkedScaling(scaling, config, spec);
        if (config.batch() instanceof BatchMode.Size size && size.size() > round.totalRows()) {
            throw new IllegalArgumentException("batch size " + size.size() + " exceeds the " + round.totalRows()
                    + " rows of the data");
        }
    }

    /** This trainer scoring {@code pass}'s validation rows as {@code settings} say. */
    public Trainer withValidation(ValidationPass pass, ValidationSettings settings) {
        if (pass == null || settings == null) {
            throw new IllegalArgumentException("validation: a pass and its settings must both be given");
        }
        return new Trainer(sc, round, spec, config, scaling, pass, settings);
    }

    /** Trains from {@link #initialState()}. */
    public TrainingResult train(IterationListener listener) {
        return train(initialState(), listener, SnapshotSchedule.NONE);
    }

    /**
     * The model's own start ({@link org.descent.model.Model#initialParameters}: all zeros for
     * the linear families, seeded random weights for a network) and a fresh optimizer state.
     * With standardization the start is taken in standardized coordinates: zeros are the same
     * model either way (θ' = 0 maps to θ = 0), and a network's random first layer is drawn
     * for inputs of unit variance, which is what its initialization assumes.
     */
    public TrainingState initialState() {
        int n = spec.layout().numParams();
        return TrainingState.initial(spec.model().initialParameters(config.seed()), config.optimizer().initialState(n),
                scaling);
    }

    /**
     * The model in the features' own units for the trainer's parameters (as listeners and
     * states hold them): the parameters themselves, copied, without standardization.
     */
    public double[] modelParameters(double[] params) {
        return scaling.toModel(spec.layout(), params);
    }

    /**
     * Trains from {@code start}, which may be a resumed run's checkpoint: iterations are
     * numbered on from {@code start.iterations()}, so batch sampling and the learning-rate
     * schedule continue where they stopped and a resumed run ends with the same bits as an
     * uninterrupted one. A start that converged is not trained further; one that stopped at
     * its maximum goes on to this run's {@code max-iter}. The loop works in the start's
     * {@link TrainingState#scaling}: a checkpoint's stored statistics, bit for bit.
     */
    public TrainingResult train(TrainingState start, IterationListener listener, SnapshotSchedule snapshots) {
        ParameterLayout layout = spec.layout();
        Regularization reg = config.regularization();
        FeatureScaling coordinates = checkedScaling(start.scaling(), config, spec);
        ConvergenceCheck convergence = new ConvergenceCheck(config.lossTolerance(), config.gradientTolerance(),
                config.batch().isStochastic());
        double[] params = start.params().clone();
        double[] model = new double[params.length];
        LocalSgd local = config.localSgd();
        int ruleSlots = config.optimizer().stateSize(params.length);
        OptimizerState state = local.split(start.optimizerState(), ruleSlots);
        double[] velocity = local.velocity(start.optimizerState(), ruleSlots, params.length);
        UpdateStep step = new UpdateStep(config.optimizer(), config.clipping(), reg);
        LocalRound localRound = local.isLocal() ? new LocalRound(round) : null;
        EarlyStopping early = start.earlyStopping();
        double[] lastGood = params.clone();
        List<IterationRecord> history = new ArrayList<>(start.history());
        List<Double> losses = new ArrayList<>();
        for (IterationRecord r : history) {
            if (!Double.isNaN(r.loss())) {
                losses.add(r.loss());
            }
        }
        boolean startConverged = start.finished() && start.stopReason() != StopReason.MAX_ITERATIONS;
        StopReason reason = startConverged ? start.stopReason() : StopReason.MAX_ITERATIONS;
        String message = null;
        long trainStart = System.nanoTime();
        int max = config.maxIterations();
        try {
            int first = startConverged ? max : start.iterations();
            for (int t = first; t < max; t++) {
                if (local.isLocalAt(t)) {
                    // One local round: its steps' records, then t moves to the round's last iteration.
                    int steps = Math.min(local.steps(), max - t);
                    long roundStart = System.nanoTime();
                    sc.setJobDescription("descent round " + local.roundOf(t + 1) + ", iterations " + (t + 1) + "-"
                            + (t + steps) + "/" + max);
                    double[] rates = new double[steps];
                    for (int k = 0; k < steps; k++) {
                        rates[k] = config.schedule().rate(t + k);
                    }
                    LocalRoundResult result = localRound.compute(params, config.batch(), config.seed(), t, rates, step,
                            coordinates);
                    double millis = millisSince(roundStart) / steps;
                    List<IterationRecord> records = new ArrayList<>(steps);
                    for (int k = 0; k < steps && message == null; k++) {
                        double loss = result.stepLoss(k);
                        if (result.stepWeight(k) > 0) {
                            losses.add(loss);
                            String exploded = Double.isFinite(loss) ? DivergenceCheck.exploded(losses)
                                    : "the loss is " + loss;
                            if (exploded != null) {
                                message = "training diverged at iteration " + (t + k + 1) + ": " + exploded
                                        + "; try a lower learning rate than " + rates[k]
                                        + " (kept the parameters of iteration " + t + ")";
                            }
                        }
                        records.add(new IterationRecord(t + k + 1, loss, Double.NaN, rates[k], result.stepRows(k),
                                millis));
                    }
                    double gradientNorm = Double.NaN;
                    if (message == null && result.weightSum() > 0) {
                        double[] change = result.meanChange();
                        gradientNorm = LocalRoundResult.norm(change) / sum(rates);
                        if (!Double.isFinite(gradientNorm)) {
                            message = "training diverged in the round of iterations " + (t + 1) + "-" + (t + steps)
                                    + ": the averaged change is not finite; try a lower learning rate than " + rates[0]
                                    + " (kept the parameters of iteration " + t + ")";
                        } else {
                            for (int i = 0; i < params.length; i++) {
                                velocity[i] = local.outerMomentum() * velocity[i] + change[i];
                                params[i] += velocity[i];
                            }
                        }
                    }
                    if (message != null) {
                        reason = StopReason.DIVERGED;
                        break;
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
                        last = new IterationRecord(last.iteration(), last.loss(), last.gradientNorm(),
                                last.learningRate(), last.batchRows(), last.millis(), score.loss(), score.metric());
                        if (stop == null && early.exhausted(validationSettings.patience())) {
                            stop = StopReason.EARLY_STOPPED;
                        }
                    }
                    records.set(steps - 1, last);
                    for (IterationRecord r : records) {
                        history.add(r);
                        listener.onIteration(r, max);
                    }
                    listener.onParameters(end, params);
                    if (stop != null) {
                        reason = stop;
                        break;
                    }
                    if (end < max && snapshots.isDueWithin(t, end)) {
                        snapshots.sink().accept(new TrainingState(params.clone(), local.join(state, velocity), history,
                                null, coordinates, early));
                    }
                    t = end - 1;
                    continue;
                }
                long iterationStart = System.nanoTime();
                sc.setJobDescription("descent iteration " + (t + 1) + "/" + max);
                coordinates.toModel(layout, params, model);
                RoundResult result = round.compute(model, config.batch(), config.seed(), t);
                double learningRate = config.schedule().rate(t);
                StopReason stop = null;
                IterationRecord record;
                if (result.weightSum() == 0) {
                    // A sampled batch can come out empty (tiny fraction, tiny data): nothing to learn from.
                    record = new IterationRecord(t + 1, Double.NaN, Double.NaN, learningRate, 0, millisSince(iterationStart));
                } else {
                    double[] gradient = result.meanGradient();
                    coordinates.toStandardizedGradient(layout, gradient);
                    double loss = result.meanLoss() + reg.penalty(params, layout);
                    reg.addSmoothGradient(params, layout, gradient);
                    double gradientNorm = reg.stationarityNorm(params, layout, gradient);
                    if (!Double.isFinite(loss) || !Double.isFinite(gradientNorm)) {
                        reason = StopReason.DIVERGED;
                        boolean lossIsBad = !Double.isFinite(loss);
                        message = "training diverged at iteration " + (t + 1) + ": the " + (lossIsBad ? "loss" : "gradient")
                                + " is " + (lossIsBad ? loss : gradientNorm) + "; try a lower learning rate than "
                                + learningRate + " (kept the parameters of iteration " + t + ")";
                        params = lastGood;
                        break;
                    }
                    losses.add(loss);
                    String exploded = DivergenceCheck.exploded(losses);
                    if (exploded != null) {
                        reason = StopReason.DIVERGED;
                        message = "training diverged at iteration " + (t + 1) + ": " + exploded
                                + "; try a lower learning rate than " + learningRate + " (kept the parameters of iteration "
                                + t + ")";
                        params = lastGood;
                        break;
                    }
                    System.arraycopy(params, 0, lastGood, 0, params.length);
                    stop = convergence.check(losses, gradientNorm);
                    if (stop == null) {
                        step.apply(params, gradient, learningRate, state, layout);
                    }
                    record = new IterationRecord(t + 1, loss, gradientNorm, learningRate, result.rowCount(),
                            millisSince(iterationStart));
                }
                if (validation != null && validationSettings.isDue(t + 1)) {
                    sc.setJobDescription("descent validation after iteration " + (t + 1) + "/" + max);
                    ValidationScore score = validation.score(coordinates.toModel(layout, params));
                    early = early.next(t + 1, score.loss(), params, validationSettings.minDelta());
                    record = new IterationRecord(record.iteration(), record.loss(), record.gradientNorm(),
                            record.learningRate(), record.batchRows(), millisSince(iterationStart), score.loss(),
                            score.metric());
                    if (stop == null && early.exhausted(validationSettings.patience())) {
                        stop = StopReason.EARLY_STOPPED;
                    }
                }
                history.add(record);
                listener.onIteration(record, max);
                listener.onParameters(t + 1, params);
                if (stop != null) {
                    reason = stop;
                    break;
                }
                if (t + 1 < max && snapshots.isDue(t + 1)) {
                    snapshots.sink().accept(new TrainingState(params.clone(), local.join(state, velocity), history, null,
                            coordinates, early));
                }
            }
        } finally {
            sc.setJobDescription(null);
        }
        double trainMillis = millisSince(trainStart);
        double finalLoss = Double.NaN;
        double[] written = params;
        if (reason != StopReason.DIVERGED) {
            if (!startConverged) {
                snapshots.sink().accept(new TrainingState(params.clone(), local.join(state, velocity), history, reason,
                        coordinates, early));
            }
            boolean best = validationSettings != null && validationSettings.stopsEarly() && early.hasBest();
            if (best) {
                written = early.bestParams();
            }
            finalLoss = objective(coordinates, written);
            message = reason.description() + " after " + history.size() + " iterations; "
                    + (best ? "best validation loss " + early.bestLoss() + " at iteration " + early.bestIteration()
                    + ", the model written; " : "") + "final loss " + finalLoss;
        }
        return new TrainingResult(coordinates.toModel(layout, written), local.join(state, velocity),
                List.copyOf(history), reason, message,
                finalLoss, trainMillis, early);
    }

    /**
     * The objective F(θ') on all the data: the weighted mean loss of the model plus the
     * penalties on the trainer's parameters (as listeners and states hold them). One full
     * pass, whatever the batch mode; with a sampled batch, an iteration's own loss is only
     * that batch's.
     */
    public double objective(double[] params) {
        return objective(scaling, params);
    }

    private double objective(FeatureScaling coordinates, double[] params) {
        sc.setJobDescription("descent objective on all rows");
        try {
            RoundResult full = round.compute(coordinates.toModel(spec.layout(), params), new BatchMode.Full(),
                    config.seed(), 0);
            return full.meanLoss() + config.regularization().penalty(params, spec.layout());
        } finally {
            sc.setJobDescription(null);
        }
    }

    /** {@code scaling}, if it is what {@code config} asks for and fits the model's features. */
    private static FeatureScaling checkedScaling(FeatureScaling scaling, TrainingConfig config, ModelSpec spec) {
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

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
