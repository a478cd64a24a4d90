package org.descent.driver.train;

import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockStorage;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataChangedException;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.model.Regularization;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data file that disappears or changes mid-run. Cached blocks are only re-read from their
 * files when Spark loses them (an executor dies); here the blocks are dropped by hand after a
 * few iterations, which makes the next round rebuild them from the files as after that loss.
 */
class DataLossTest {

    @TempDir
    Path dir;

    Path write(String name, int rows) throws Exception {
        double[][] x = TestFiles.gaussianRows(rows, 3, 4);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            lines.add(TestFiles.libsvm(x[i][0] > 0 ? 1 : 0, x[i]));
        }
        return TestFiles.write(dir.resolve(name), lines);
    }

    /** Trains 10 iterations and does {@code fault} after the third, then drops the cached blocks. */
    static void trainWithFaultAfterIteration3(Path file, Runnable fault) {
        JavaSparkContext sc = SparkTestContext.get();
        LoadedData data = DataLoader.load(sc, new DataSource(file.toString(), DataFormat.LIBSVM, null, 3, 2, BlockStorage.AUTO));
        try {
            ModelSpec spec = new ModelSpec(ModelKind.LOGISTIC, 3, 2, true);
            TrainingConfig config = new TrainingConfig(ModelKind.LOGISTIC, 0, true, new BatchMode.Full(), new Sgd(),
                    new ConstantSchedule(0.5), GradientClipping.OFF, 10, 1, 0, 0, new Regularization(0, 0), 0);
            GradientRound round = new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), 1);
            new Trainer(sc, round, spec, config).train((record, max) -> {
                if (record.iteration() == 3) {
                    fault.run();
                    data.blocks().unpersist(true);
                }
            });
        } finally {
            data.unpersist();
        }
    }

    @Test
    void aDataFileThatDisappearsMidRunStopsTrainingWithItsPath() throws Exception {
        Path file = write("vanishing.libsvm", 300);
        DataChangedException e = assertThrows(DataChangedException.class,
                () -> trainWithFaultAfterIteration3(file, () -> file.toFile().delete()));
        assertTrue(e.getMessage().contains("is gone") && e.getMessage().contains("vanishing.libsvm"), e.getMessage());
    }

    @Test
    void aDataFileReplacedMidRunStopsTrainingWithItsPath() throws Exception {
        Path file = write("replaced.libsvm", 300);
        DataChangedException e = assertThrows(DataChangedException.class, () -> trainWithFaultAfterIteration3(file, () -> {
            try {
                Files.writeString(file, "1 1:0.5 2:x\n");
            } catch (Exception io) {
                throw new IllegalStateException(io);
            }
        }));
        assertTrue(e.getMessage().contains("replaced.libsvm") && e.getMessage().contains("changed since it was loaded"),
                e.getMessage());
    }
}
