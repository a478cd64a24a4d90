package org.descent.driver.compare;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockStorage;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;
import org.descent.model.Regularization;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.Momentum;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectiveTraceTest {

    static final int ROWS = 300;
    static final int FEATURES = 4;

    @TempDir
    static Path dir;

    static JavaSparkContext sc;
    static LoadedData data;

    @BeforeAll
    static void data() throws Exception {
        sc = SparkTestContext.get();
        double[][] x = TestFiles.gaussianRows(ROWS, FEATURES, 31);
        SplittableRandom rng = new SplittableRandom(32);
        List<String> lines = new ArrayList<>();
        for (double[] row : x) {
            double z = 1.2 * row[0] - 0.8 * row[1] + 0.3;
            lines.add(TestFiles.libsvm(rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0, row));
        }
        Path file = TestFiles.write(dir.resolve("logistic.libsvm"), lines);
        data = DataLoader.load(sc, new DataSource(file.toString(), DataFormat.LIBSVM, null, FEATURES, 3, BlockStorage.AUTO));
    }

    @AfterAll
    static void release() {
        data.unpersist();
    }

    static TrainingConfig config(BatchMode batch) {
        return new TrainingConfig(ModelKind.LOGISTIC, 0, true, batch, new Momentum(0.9), new ConstantSchedule(0.5),
                GradientClipping.OFF, 12, 4, 0, 0, new Regularization(0.01, 0), 0);
    }

    static List<ObjectivePoint> trace(TrainingConfig config, boolean measure, int every) {
        TrainingSetup setup = TrainingSetup.prepare(sc, data, config);
        Trainer trainer = setup.trainer(sc);
        ObjectiveTrace trace = new ObjectiveTrace(trainer, measure, every, new double[setup.spec().layout().numParams()]);
        TrainingResult result = trainer.train(trace);
        return trace.finish(result);
    }

    @Test
    void aFullBatchRunsOwnLossesAreTheObjectiveMeasuredAfterEachIteration() {
        // Measured with an extra pass after every iteration (as for a sampled batch), the
        // objective must be exactly what the next full-batch iteration reports as its loss:
        // the listener sees the parameters the next iteration starts from, and nothing else.
        List<ObjectivePoint> fromLosses = trace(config(new BatchMode.Full()), false, 1);
        List<ObjectivePoint> measured = trace(config(new BatchMode.Full()), true, 1);
        assertEquals(13, fromLosses.size(), "iterations 0..12");
        assertEquals(fromLosses.stream().map(ObjectivePoint::iteration).toList(),
                measured.stream().map(ObjectivePoint::iteration).toList());
        for (int i = 0; i < fromLosses.size(); i++) {
            assertEquals(fromLosses.get(i).objective(), measured.get(i).objective(), 1e-15, "iteration " + i);
        }
        assertEquals(Math.log(2), fromLosses.get(0).objective(), 1e-15, "zero parameters");
        assertEquals(0, fromLosses.get(0).millis());
        for (int i = 1; i < fromLosses.size(); i++) {
            assertTrue(fromLosses.get(i).millis() > fromLosses.get(i - 1).millis(), "training time grows");
        }
    }

    @Test
    void aStandardizedRunsObjectiveIsMeasuredInTheCoordinatesItTrainsIn() {
        // The listener hands over the standardized coefficients; the trainer's objective maps
        // them to the model for the pass and puts the penalty on them, as the loop does.
        TrainingConfig standardized = config(new BatchMode.Full()).withStandardize(true);
        List<ObjectivePoint> fromLosses = trace(standardized, false, 1);
        List<ObjectivePoint> measured = trace(standardized, true, 1);
        for (int i = 0; i < fromLosses.size(); i++) {
            assertEquals(fromLosses.get(i).objective(), measured.get(i).objective(), 1e-15, "iteration " + i);
        }
    }

    @Test
    void aSampledRunIsMeasuredEveryKIterationsAndAtTheEnd() {
        List<ObjectivePoint> points = trace(config(new BatchMode.Size(20)), true, 5);
        assertEquals(List.of(0, 5, 10, 12), points.stream().map(ObjectivePoint::iteration).toList());
        assertTrue(points.get(3).objective() < points.get(0).objective(), points.toString());
    }
}
