package org.descent.driver.train;

import org.descent.driver.spec.ModelSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.RoundResult;
import org.descent.model.ParameterLayout;
import org.descent.model.Regularization;
import org.descent.optim.OptimizerState;

import java.util.ArrayList;
import java.util.List;

/**
 * The iteration loop on the driver. Each iteration: one {@link GradientRound} for the batch's
 * mean loss and gradient; regularization added here, once; the convergence and divergence
 * checks; then the optimizer's update and, for L1, the proximal soft-threshold step.
 *
 * <p>The loop holds the parameters as one {@code double[]} and the optimizer's state
 * explicitly, so a different optimizer, a checkpoint or a resumed run changes nothing here.
 */
public final class Trainer {

    private final JavaSparkContext sc;
    private final GradientRound round;
    private final ModelSpec spec;
    private final TrainingConfig config;

    public Trainer(JavaSparkContext sc, GradientRound round, ModelSpec spec, TrainingConfig config) {
        this.sc = sc;
        this.round = round;
        this.spec = spec;
        this.config = config;
        if (config.batch() instanceof BatchMode.Size size && size.size() > round.totalRows()) {
            throw new IllegalArgumentException("batch size " + size.size() + " exceeds the " + round.totalRows()
                    + " rows of the data");
        }
    }

    /** Trains from {@link #initialState()}. */
    public TrainingResult train(IterationListener listener) {
        return train(initialState(), listener, SnapshotSchedule.NONE);
    }

    /**
     * The model's own start ({@link org.descent.model.Model#initialParameters}: all zeros for
     * the linear families, seeded random weights for a network) and a fresh optimizer state.
     */
    public TrainingState initialState() {
        int n = spec.layout().numParams();
        return TrainingState.initial(spec.model().initialParameters(config.seed()), config.optimizer().initialState(n));
    }

    /**
     * Trains from {@code start}, which may be a resumed run's checkpoint: iterations are
     * numbered on from {@code start.iterations()}, so batch sampling and the learning-rate
     * schedule continue where they stopped and a resumed run ends with the same bits as an
     * uninterrupted one. A start that converged is not trained further; one that stopped at
     * its maximum goes on to this run's {@code max-iter}.
     */
    public TrainingResult train(TrainingState start, IterationListener listener, SnapshotSchedule snapshots) {
        ParameterLayout layout = spec.layout();
        Regularization reg = config.regularization();
        ConvergenceCheck convergence = new ConvergenceCheck(config.lossTolerance(), config.gradientTolerance(),
                config.batch().isStochastic());
        double[] params = start.params().clone();
        OptimizerState state = start.optimizerState().copy();
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
                long iterationStart = System.nanoTime();
                sc.setJobDescription("descent iteration " + (t + 1) + "/" + max);
                RoundResult result = round.compute(params, config.batch(), config.seed(), t);
                double learningRate = config.schedule().rate(t);
                StopReason stop = null;
                IterationRecord record;
                if (result.weightSum() == 0) {
                    // A sampled batch can come out empty (tiny fraction, tiny data): nothing to learn from.
                    record = new IterationRecord(t + 1, Double.NaN, Double.NaN, learningRate, 0, millisSince(iterationStart));
                } else {
                    double[] gradient = result.meanGradient();
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
                        config.clipping().clip(gradient);
                        config.optimizer().update(params, gradient, learningRate, state, layout);
                        if (reg.l1() > 0) {
                            reg.applyL1Proximal(params, layout, reg.proximalThreshold(learningRate));
                        }
                    }
                    record = new IterationRecord(t + 1, loss, gradientNorm, learningRate, result.rowCount(),
                            millisSince(iterationStart));
                }
                history.add(record);
                listener.onIteration(record, max);
                listener.onParameters(t + 1, params);
                if (stop != null) {
                    reason = stop;
                    break;
                }
                if (t + 1 < max && snapshots.isDue(t + 1)) {
                    snapshots.sink().accept(new TrainingState(params.clone(), state.copy(), history, null));
                }
            }
        } finally {
            sc.setJobDescription(null);
        }
        double trainMillis = millisSince(trainStart);
        double finalLoss = Double.NaN;
        if (reason != StopReason.DIVERGED) {
            if (!startConverged) {
                snapshots.sink().accept(new TrainingState(params.clone(), state.copy(), history, reason));
            }
            finalLoss = objective(params);
            message = reason.description() + " after " + history.size() + " iterations; final loss " + finalLoss;
        }
        return new TrainingResult(params, state, List.copyOf(history), reason, message, finalLoss, trainMillis);
    }

    /**
     * The objective F(θ) on all the data: the weighted mean loss plus the penalties. One full
     * pass, whatever the batch mode; with a sampled batch, an iteration's own loss is only
     * that batch's.
     */
    public double objective(double[] params) {
        sc.setJobDescription("descent objective on all rows");
        try {
            RoundResult full = round.compute(params, new BatchMode.Full(), config.seed(), 0);
            return full.meanLoss() + config.regularization().penalty(params, spec.layout());
        } finally {
            sc.setJobDescription(null);
        }
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
