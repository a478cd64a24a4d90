package org.descent.driver.load;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.sampling.HoldOutRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The held-out rows are chosen by (seed, row index in input order), so the same rows in one file
 * or two, in 1 or 5 partitions (two files asked for 1 give 2, for 5 give 6), dense or sparse
 * blocks, hold out the same rows, in the same order, and the training rows are
 * exactly the others.
 */
class ValidationSplitTest {

    @TempDir
    Path dir;

    @Test
    void oneOrFivePartitionsOneOrTwoFilesHoldOutTheSameRowsAndTrainOnExactlyTheOthers() throws Exception {
        JavaSparkContext sc = SparkTestContext.get();
        Path parts = Files.createDirectories(dir.resolve("parts"));
        // Two files of 150 rows; feature 1 is the row's input-order index, so a row says who it is.
        for (int file = 0; file < 2; file++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                int row = file * 150 + i;
                lines.add(TestFiles.libsvm(row % 2, new double[]{row, row % 7, -row}));
            }
            TestFiles.write(parts.resolve("part-" + file + ".libsvm"), lines);
        }
        HoldOutRule rule = new HoldOutRule(11, 0.3);
        List<Integer> expectedHeldOut = heldOutFor(rule);
        // The same 300 rows in one file too.
        List<String> all300 = new ArrayList<>(Files.readAllLines(parts.resolve("part-0.libsvm")));
        all300.addAll(Files.readAllLines(parts.resolve("part-1.libsvm")));
        Path single = TestFiles.write(dir.resolve("single.libsvm"), all300);

        Set<Integer> partitionCounts = new TreeSet<>();
        for (int partitions : new int[]{1, 5}) {
            for (BlockStorage storage : new BlockStorage[]{BlockStorage.DENSE, BlockStorage.SPARSE}) {
                for (Path source : new Path[]{parts, single}) {
                    DataSource read = new DataSource(source.toString(), DataFormat.LIBSVM, null, 0, partitions, storage);
                    partitionCounts.add(checkSplit(sc, read, rule, expectedHeldOut));
                }
            }
        }
        assertTrue(partitionCounts.containsAll(Set.of(1, 5)), "partitionings seen: " + partitionCounts);
        assertTrue(expectedHeldOut.size() > 60 && expectedHeldOut.size() < 120, "about 30%: " + expectedHeldOut.size());
        assertNotEquals(expectedHeldOut, heldOutFor(new HoldOutRule(12, 0.3)), "another seed, other rows");
    }

    /** Splits {@code source}'s rows, checks both sides, and returns the partition count. */
    private static int checkSplit(JavaSparkContext sc, DataSource source, HoldOutRule rule, List<Integer> expectedHeldOut) {
        LoadedData loaded = DataLoader.load(sc, source);
        int partitions = loaded.numPartitions();
        ValidationSplit.Parts split = ValidationSplit.split(sc, loaded, rule);
        List<Integer> heldOut = rowsOf(split.validation());
        List<Integer> training = rowsOf(split.training());
        String what = source.path() + " in " + partitions + " partitions, " + source.storage();
        assertEquals(expectedHeldOut, heldOut, what);
        List<Integer> all = new ArrayList<>(training);
        all.addAll(heldOut);
        all.sort(Integer::compare);
        assertEquals(300, all.size(), what);
        for (int row = 0; row < 300; row++) {
            assertEquals(row, all.get(row), "each row on exactly one side: " + what);
        }
        assertEquals(heldOut.size(), split.validation().numRows());
        assertEquals(training.size(), split.training().numRows());
        split.training().unpersist();
        split.validation().unpersist();
        return partitions;
    }

    private static List<Integer> heldOutFor(HoldOutRule rule) {
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < 300; row++) {
            if (rule.isHeldOut(row)) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Feature 1 of every row, in block order: the rows' input-order indices; each row's features checked whole. */
    private static List<Integer> rowsOf(LoadedData data) {
        List<Integer> rows = new ArrayList<>();
        for (DataBlock block : data.blocks().collect()) {
            double[] x = new double[block.numFeatures()];
            for (int i = 0; i < block.numRows(); i++) {
                block.copyRowInto(i, x);
                int row = (int) x[0];
                assertEquals(row % 7, x[1], 0.0);
                assertEquals(-row, x[2], 0.0);
                assertEquals(row % 2, block.labels()[i], 0.0);
                rows.add(row);
            }
        }
        return rows;
    }
}
