package org.descent.optim;

import org.descent.loss.LogisticLoss;
import org.descent.sums.SumsLayout;
import org.descent.model.LinearLayout;
import org.descent.model.LinearModel;
import org.descent.model.TestRows;
import org.descent.data.DenseBlock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A saved optimizer state is all a resumed run needs: 10 iterations, a serialized copy of the
 * parameters, state and settings, then 10 more from the copy, equal 20 uninterrupted
 * iterations bit for bit, for every optimizer and with a schedule whose rate depends on t.
 */
class OptimizerStateRoundTripTest {

    private static final TestRows ROWS = TestRows.random(4, 120, 5, 1.0, new LogisticLoss(), false);
    private static final LinearLayout LAYOUT = new LinearLayout(5, 1, true);
    private static final LinearModel MODEL = new LinearModel(LAYOUT, new LogisticLoss());
    private static final DenseBlock BLOCK = ROWS.toDense(5);
    private static final LearningRateSchedule SCHEDULE = new WarmupSchedule(3, new InverseTimeSchedule(0.1, 0.1));

    @Test
    void resumingFromASerializedStateEqualsAnUninterruptedRun() {
        for (Optimizer optimizer : Optimizers.ALL) {
            double[] uninterrupted = new double[LAYOUT.numParams()];
            OptimizerState fullState = optimizer.initialState(uninterrupted.length);
            run(optimizer, uninterrupted, fullState, 0, 20);

            double[] params = new double[LAYOUT.numParams()];
            OptimizerState state = optimizer.initialState(params.length);
            run(optimizer, params, state, 0, 10);
            Saved saved = roundTrip(new Saved(optimizer, params.clone(), state.copy()));
            run(saved.optimizer, saved.params, saved.state, 10, 20);

            assertArrayEquals(uninterrupted, saved.params, 0.0, optimizer.name());
            assertEquals(fullState, saved.state, optimizer.name());
            assertEquals(20, saved.state.steps());
        }
    }

    @Test
    void aCopiedStateIsIndependentOfTheOriginal() {
        Optimizer adam = new Adam();
        double[] params = new double[LAYOUT.numParams()];
        OptimizerState state = adam.initialState(params.length);
        run(adam, params, state, 0, 2);
        OptimizerState snapshot = state.copy();
        run(adam, params, state, 2, 3);
        assertNotEquals(snapshot, state);
        assertEquals(2, snapshot.steps());
    }

    private static void run(Optimizer optimizer, double[] params, OptimizerState state, int from, int to) {
        SumsLayout layout = new SumsLayout(LAYOUT.numParams());
        for (int t = from; t < to; t++) {
            double[] sums = new double[layout.size()];
            MODEL.accumulate(BLOCK, null, params, sums, 0);
            double[] gradient = new double[params.length];
            for (int j = 0; j < gradient.length; j++) {
                gradient[j] = sums[j] / sums[layout.weightIndex()];
            }
            optimizer.update(params, gradient, SCHEDULE.rate(t), state, LAYOUT);
        }
    }

    private record Saved(Optimizer optimizer, double[] params, OptimizerState state) implements java.io.Serializable {
    }

    private static Saved roundTrip(Saved saved) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(saved);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (Saved) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
