package org.descent.driver.train;

import org.descent.driver.spec.ModelSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.LocalRound;
import org.descent.driver.round.ValidationPass;
import org.descent.model.FeatureScaling;

import java.util.List;

/**
 * The iteration loop on the driver. Each iteration: one {@link GradientRound} for the batch's
 * mean loss and gradient, then the run's {@link TrainingRun#step}: regularization added once,
 * the convergence and divergence checks, the optimizer's update and, for L1, the proximal
 * soft-threshold step. The step is the one a grouped trainer takes for each of its runs.
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
 * velocity, with outer momentum), in {@link TrainingRun#localStep}. Each step still gets its
 * record, numbered as an iteration; the checks, the validation and the snapshots run once per
 * round, at its end.
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
        this.scaling = TrainingRun.checkedScaling(scaling, config, spec);
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
        TrainingRun run = new TrainingRun(sc, spec, config, start, validation, validationSettings);
        long trainStart = System.nanoTime();
        int max = config.maxIterations();
        try {
            LocalRound localRound = config.localSgd().isLocal() ? new LocalRound(round) : null;
            while (run.isRunning()) {
                int t = run.iterations();
                long iterationStart = System.nanoTime();
                if (run.isLocalAt(t)) {
                    List<IterationRecord> records = run.localStep(localRound, iterationStart);
                    if (records == null) {
                        break;
                    }
                    for (IterationRecord r : records) {
                        listener.onIteration(r, max);
                    }
                    int end = run.iterations();
                    listener.onParameters(end, run.params());
                    if (run.isRunning() && snapshots.isDueWithin(t, end)) {
                        snapshots.sink().accept(run.state());
                    }
                    continue;
                }
                sc.setJobDescription("descent iteration " + (t + 1) + "/" + max);
                IterationRecord record = run.step(round.compute(run.roundParameters(), config.batch(), config.seed(), t),
                        iterationStart);
                if (record == null) {
                    break;
                }
                listener.onIteration(record, max);
                listener.onParameters(t + 1, run.params());
                if (run.isRunning() && snapshots.isDue(t + 1)) {
                    snapshots.sink().accept(run.state());
                }
            }
        } finally {
            sc.setJobDescription(null);
        }
        double trainMillis = TrainingRun.millisSince(trainStart);
        if (run.diverged()) {
            return run.result(Double.NaN, trainMillis);
        }
        if (!run.startedConverged()) {
            snapshots.sink().accept(run.state());
        }
        return run.result(dataLoss(run.resultModel()), trainMillis);
    }

    /**
     * The objective F(θ') on all the data: the weighted mean loss of the model plus the
     * penalties on the trainer's parameters (as listeners and states hold them). One full
     * pass, whatever the batch mode; with a sampled batch, an iteration's own loss is only
     * that batch's.
     */
    public double objective(double[] params) {
        return dataLoss(scaling.toModel(spec.layout(), params)) + config.regularization().penalty(params, spec.layout());
    }

    /** The weighted mean data loss of {@code model} (in the features' own units) on all the rows: one full pass. */
    private double dataLoss(double[] model) {
        sc.setJobDescription("descent objective on all rows");
        try {
            return round.compute(model, new BatchMode.Full(), config.seed(), 0).meanLoss();
        } finally {
            sc.setJobDescription(null);
        }
    }
}
