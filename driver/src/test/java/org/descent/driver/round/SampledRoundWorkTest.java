package org.descent.driver.round;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.loss.OutputLoss;
import org.descent.model.Model;
import org.descent.model.ParameterLayout;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A round over data loaded from files, with default options, does work in proportion to its
 * batch: rows touched are counted (not timed), and so are the partitions each round visits.
 */
class SampledRoundWorkTest {

    @TempDir
    Path dir;

    /** A model that counts the rows each accumulate call is given, and the calls. */
    record RowCountingModel(Model inner, LongAccumulator rows, LongAccumulator calls) implements Model {
        @Override
        public ParameterLayout layout() {
            return inner.layout();
        }

        @Override
        public OutputLoss outputLoss() {
            return inner.outputLoss();
        }

        @Override
        public int numFeatures() {
            return inner.numFeatures();
        }

        @Override
        public void accumulate(DataBlock block, int[] batch, double[] params, double[] sums, int offset) {
            rows.add(batch == null ? block.numRows() : batch.length);
            calls.add(1);
            inner.accumulate(block, batch, params, sums, offset);
        }

        @Override
        public void margins(DataBlock block, double[] params, double[] out) {
            inner.margins(block, params, out);
        }
    }

    @Test
    void aSampledRoundOverLoadedFilesTouchesItsBatchNotThePartitions() throws Exception {
        JavaSparkContext sc = SparkTestContext.get();
        SplittableRandom rng = new SplittableRandom(3);
        int rowsPerFile = 4000;
        for (int f = 0; f < 10; f++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < rowsPerFile; i++) {
                lines.add(TestFiles.libsvm(rng.nextInt(2), new double[]{rng.nextDouble(), rng.nextDouble(), 1}));
            }
            TestFiles.write(dir.resolve(String.format("part-%05d", f)), lines);
        }
        LoadedData data = DataLoader.load(sc, new DataSource(dir.toString(), DataFormat.LIBSVM, null, 0, 0,
                BlockStorage.AUTO));
        try {
            assertEquals(sc.defaultParallelism(), data.numPartitions(), "one cached partition per core");
            LongAccumulator rows = sc.sc().longAccumulator();
            LongAccumulator calls = sc.sc().longAccumulator();
            Model model = new RowCountingModel(new ModelSpec(ModelKind.LOGISTIC, 3, 2, true).model(), rows, calls);
            GradientRound round = new GradientRound(sc, data.blocks(), data.partitionRows(), model, 1);
            double[] params = new double[model.layout().numParams()];
            int rounds = 20;
            long batchRows = 0;
            for (int t = 0; t < rounds; t++) {
                batchRows += round.compute(params, new BatchMode.Fraction(0.001), 5, t).rowCount();
            }
            assertEquals(batchRows, rows.value(), "every row touched is a batch row");
            assertTrue(rows.value() < rounds * 40L * rowsPerFile * 0.001 * 2, "about 40 rows a round: " + rows.value());
            assertEquals((long) rounds * data.numPartitions(), calls.value(), "one block per partition per round");

            RoundResult full = round.compute(params, new BatchMode.Full(), 5, rounds);
            assertEquals(10L * rowsPerFile, full.rowCount());
        } finally {
            data.unpersist();
        }
    }
}
