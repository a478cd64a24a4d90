package org.descent.driver.compare;

import org.descent.driver.train.IterationListener;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.train.LocalSgd;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows one run's objective on all training rows, the one quantity by which runs with
 * different batches can be compared. A full-batch iteration measures it anyway: its loss is
 * the objective at the parameters it started from. A sampled batch's loss is only that
 * batch's, and noisy (a single row's, for SGD); for such runs the trace pays one extra full
 * pass every {@code every} iterations, after the iteration's timing has stopped, so the
 * training times it records are those of the iterations alone.
 */
final class ObjectiveTrace implements IterationListener {

    private final Trainer trainer;
    private final boolean sampled;
    private final int every;
    private final List<ObjectivePoint> points = new ArrayList<>();
    private final LocalSgd rounds;
    private double millis;
    private int lastParameters;

    /**
     * @param start the parameters training starts from; a sampled run measures the objective
     *              there, a full-batch run learns it from its first iteration
     */
    ObjectiveTrace(Trainer trainer, boolean sampled, int every, double[] start) {
        this(trainer, sampled, every, start, LocalSgd.SYNCHRONOUS);
    }

    /**
     * @param rounds how the run's iterations group into rounds; a local round hands over its
     *               parameters only at its end, which is measured when it passed a multiple of
     *               {@code every}
     */
    ObjectiveTrace(Trainer trainer, boolean sampled, int every, double[] start, LocalSgd rounds) {
        this.rounds = rounds;
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        this.trainer = trainer;
        this.sampled = sampled;
        this.every = every;
        if (sampled) {
            points.add(new ObjectivePoint(0, 0, trainer.objective(start)));
        }
    }

    @Override
    public void onIteration(IterationRecord record, int maxIterations) {
        if (!sampled) {
            points.add(point(record.iteration() - 1, record.loss()));
        }
        millis += record.millis();
    }

    @Override
    public void onParameters(int iteration, double[] params) {
        if (sampled && iteration / every > lastParameters / every) {
            points.add(point(iteration, trainer.objective(params)));
        }
        lastParameters = iteration;
    }

    private ObjectivePoint point(int iteration, double objective) {
        return new ObjectivePoint(iteration, millis, objective, rounds.roundOf(iteration));
    }

    /**
     * The whole trace, ending with the trainer's own final objective (already measured on all
     * rows) in place of a second measurement of the same parameters; a diverged run ends
     * where its objective was last finite.
     */
    List<ObjectivePoint> finish(TrainingResult result) {
        if (Double.isFinite(result.finalLoss())) {
            if (!points.isEmpty() && points.get(points.size() - 1).iteration() == result.iterations()) {
                points.remove(points.size() - 1);
            }
            points.add(point(result.iterations(), result.finalLoss()));
        }
        return List.copyOf(points);
    }
}
