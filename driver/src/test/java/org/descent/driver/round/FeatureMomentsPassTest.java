package org.descent.driver.round;

import org.apache.spark.api.java.JavaRDD;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.data.FeatureMoments;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureMomentsPassTest {

    @TempDir
    static Path dir;

    @Test
    void thePassGivesTheSameBitsEveryTimeAndTheMomentsOfAllThePartitionsRows() throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add(TestFiles.libsvm(i % 2, new double[] {500 + rng.nextDouble(), 1e3 * TestFiles.gaussian(rng),
                    Math.rint(rng.nextDouble() * 1e4) / 1e4}));
        }
        Path file = TestFiles.write(dir.resolve("rows.libsvm"), lines);
        // 20 partitions: the default tree has two levels (a shuffle stage) above 16.
        LoadedData data = DataLoader.load(SparkTestContext.get(),
                new DataSource(file.toString(), DataFormat.LIBSVM, null, 3, 20, BlockStorage.AUTO));
        try {
            JavaRDD<DataBlock> blocks = data.blocks();
            assertEquals(20, blocks.getNumPartitions());
            FeatureMoments inOrder = FeatureMoments.empty(3);
            for (List<DataBlock> partition : blocks.glom().collect()) {
                FeatureMoments moments = FeatureMoments.empty(3);
                for (DataBlock block : partition) {
                    moments = moments.merge(FeatureMoments.of(block));
                }
                inOrder = inOrder.merge(moments);
            }
            FeatureMoments measured = FeatureMomentsPass.measure(blocks, 3);
            assertEquals(measured, FeatureMomentsPass.measure(blocks, 3), "the same bits twice");
            assertEquals(2, OrderedTreeReduce.defaultDepth(20));
            // The two-level tree merges groups of 5 partitions first, so its bits may differ
            // from a flat in-order merge by rounding, never by more.
            for (int j = 0; j < 3; j++) {
                assertEquals(inOrder.mean(j), measured.mean(j), 1e-12 * Math.abs(inOrder.mean(j)), "mean " + j);
                assertEquals(inOrder.variance(j), measured.variance(j), 1e-12 * inOrder.variance(j), "variance " + j);
            }
        } finally {
            data.unpersist();
        }
    }
}
