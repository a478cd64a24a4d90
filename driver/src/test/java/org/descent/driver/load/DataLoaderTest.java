package org.descent.driver.load;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockStorage;
import org.descent.data.CsvFormat;
import org.descent.data.DataBlock;
import org.descent.data.DenseBlock;
import org.descent.data.SparseBlock;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataLoaderTest {

    static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        sc = SparkTestContext.get();
    }

    static DataSource libsvm(Path path, int partitions) {
        return new DataSource(path.toString(), DataFormat.LIBSVM, null, 0, partitions, BlockStorage.AUTO);
    }

    static List<String> sparseLines(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add((i % 2) + " " + (1 + i % 7) + ":1.5 " + (10 + i % 5) + ":-2");
        }
        return lines;
    }

    @Test
    void libsvmIsCachedAsOneBlockPerPartitionWithAllRowsInInputOrder() throws Exception {
        Path file = TestFiles.write(dir.resolve("a.libsvm"), sparseLines(1000));
        LoadedData data = DataLoader.load(sc, libsvm(file, 4));
        assertEquals(1000, data.numRows());
        assertEquals(14, data.numFeatures(), "largest 1-based index is 14");
        assertTrue(data.numPartitions() >= 4, "asked for 4 partitions, got " + data.numPartitions());
        List<DataBlock> blocks = data.blocks().collect();
        assertEquals(data.numPartitions(), blocks.size());
        assertInstanceOf(SparseBlock.class, blocks.get(0), "2 of 14 features per row is sparse");
        double[] labels = blocks.stream().flatMapToDouble(b -> java.util.Arrays.stream(b.labels())).toArray();
        for (int i = 0; i < 1000; i++) {
            assertEquals(i % 2, labels[i], "row " + i);
        }
        data.unpersist();
    }

    @Test
    void byDefaultTheCachedPartitionsFollowTheCoresNotTheFileSplitsAndKeepTheRowsInOrder() throws Exception {
        // Twelve files are at least twelve splits; local[2] has two cores.
        List<Double> expected = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 50 + 10 * f; i++) {
                double label = (f * 1000 + i) % 2;
                lines.add(label + " 1:" + (f * 1000 + i) + " 2:0.5");
                expected.add((double) (f * 1000 + i));
            }
            TestFiles.write(dir.resolve("parts").resolve(String.format("part-%05d", f)), lines);
        }
        LoadedData data = DataLoader.load(sc, libsvm(dir.resolve("parts"), 0));
        assertEquals(sc.defaultParallelism(), data.numPartitions());
        List<DataBlock> blocks = data.blocks().collect();
        assertEquals(data.numPartitions(), blocks.size());
        double[] firstFeature = blocks.stream().flatMapToDouble(b -> {
            double[] dense = ((DenseBlock) b).values();
            return java.util.stream.IntStream.range(0, b.numRows()).mapToDouble(r -> dense[r * 2]);
        }).toArray();
        assertArrayEquals(expected.stream().mapToDouble(Double::doubleValue).toArray(), firstFeature, 0.0,
                "every row once, in file order");
        long[] rows = blocks.stream().mapToLong(DataBlock::numRows).toArray();
        assertArrayEquals(rows, data.partitionRows());
        // Balanced by stored values: the split lies within one file of the middle.
        assertTrue(Math.abs(rows[0] - rows[1]) <= 170, java.util.Arrays.toString(rows));
        data.unpersist();
    }

    @Test
    void anExplicitPartitionCountIsHonoured() throws Exception {
        Path file = TestFiles.write(dir.resolve("b.libsvm"), sparseLines(1000));
        LoadedData data = DataLoader.load(sc, libsvm(file, 5));
        assertEquals(5, data.numPartitions());
        data.unpersist();
    }

    @Test
    void denseDataIsStoredDenseAndGivenFeatureCountWidensIt() throws Exception {
        Path file = TestFiles.write(dir.resolve("d.libsvm"), List.of("1 1:1 2:2 3:3", "0 1:4 2:5 3:6"));
        LoadedData data = DataLoader.load(sc, libsvm(file, 1).withNumFeatures(4, "the model m"));
        assertEquals(4, data.numFeatures());
        DataBlock block = data.blocks().first();
        assertInstanceOf(DenseBlock.class, block, "6 of 8 entries non-zero");
        double[] row = new double[4];
        block.copyRowInto(1, row);
        assertArrayEquals(new double[]{4, 5, 6, 0}, row);
    }

    @Test
    void malformedLineNamesFileLineAndToken() throws Exception {
        List<String> lines = sparseLines(20);
        lines.set(6, "1 3:0.5 4:abc");
        Path file = TestFiles.write(dir.resolve("bad.libsvm"), lines);
        UserInputException e = assertThrows(UserInputException.class, () -> DataLoader.load(sc, libsvm(file, 1)));
        assertTrue(e.getMessage().contains("bad.libsvm:7:"), e.getMessage());
        assertTrue(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void malformedLineDeepInALaterSplitStillGetsItsLineNumber() throws Exception {
        List<String> lines = sparseLines(5000);
        lines.set(4321, "1 5:2 3:1");
        Path file = TestFiles.write(dir.resolve("late.libsvm"), lines);
        UserInputException e = assertThrows(UserInputException.class, () -> DataLoader.load(sc, libsvm(file, 8)));
        assertTrue(e.getMessage().contains("late.libsvm:4322:"), e.getMessage());
        assertTrue(e.getMessage().contains("ascending"), e.getMessage());
    }

    @Test
    void manyMalformedLinesAreCounted() throws Exception {
        List<String> lines = sparseLines(100);
        for (int i = 10; i < 40; i++) {
            lines.set(i, "x 1:1");
        }
        Path file = TestFiles.write(dir.resolve("many.libsvm"), lines);
        UserInputException e = assertThrows(UserInputException.class, () -> DataLoader.load(sc, libsvm(file, 3)));
        assertTrue(e.getMessage().contains("many.libsvm:11:"), e.getMessage());
        assertTrue(e.getMessage().contains("29 more malformed lines"), e.getMessage());
    }

    @Test
    void missingPathSaysSo() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> DataLoader.load(sc, libsvm(dir.resolve("nope.libsvm"), 1)));
        assertTrue(e.getMessage().startsWith("data path does not exist"), e.getMessage());
    }

    @Test
    void gzipDirectoriesAndGlobsReadTheSameRows() throws Exception {
        List<String> lines = sparseLines(300);
        TestFiles.write(dir.resolve("set/part-0.libsvm"), lines.subList(0, 100));
        TestFiles.writeGzip(dir.resolve("set/part-1.libsvm.gz"), lines.subList(100, 200));
        TestFiles.write(dir.resolve("set/sub/part-2.libsvm"), lines.subList(200, 300));
        TestFiles.write(dir.resolve("set/_SUCCESS"), List.of("not data"));
        assertEquals(300, DataLoader.load(sc, libsvm(dir.resolve("set"), 2)).numRows(), "directory, recursively");
        assertEquals(200, DataLoader.load(sc, libsvm(dir.resolve("set/part-*"), 2)).numRows(), "glob");
        assertEquals(100, DataLoader.load(sc, libsvm(dir.resolve("set/part-1.libsvm.gz"), 2)).numRows(), "gzip");
    }

    @Test
    void aFeatureCountTooSmallForTheDataIsAnErrorNamingWhereTheCountComesFromAndTheFirstWiderRow() throws Exception {
        List<String> lines = new ArrayList<>(List.of("1 1:1", "0 2:1 5:1"));
        lines.addAll(sparseLines(10));
        Path file = TestFiles.write(dir.resolve("w.libsvm"), lines);
        UserInputException e = assertThrows(UserInputException.class,
                () -> DataLoader.load(sc, libsvm(file, 1).withNumFeatures(5, "the model m")));
        assertTrue(e.getMessage().contains("has feature index 14 but the model m has 5 features; first at ")
                && e.getMessage().endsWith("w.libsvm:3"), e.getMessage());
    }

    @Test
    void csvWithHeaderByLabelNameAndWeights() throws Exception {
        Path file = TestFiles.write(dir.resolve("t.csv"), List.of("a,y,b,w", "1.5,1,2,0.5", "3,0,4,2"));
        DataSource source = new DataSource(file.toString(), DataFormat.CSV, new CsvFormat(',', true, "y", "w"), 0, 1,
                BlockStorage.AUTO);
        LoadedData data = DataLoader.load(sc, source);
        assertEquals(2, data.numFeatures());
        DataBlock block = data.blocks().first();
        assertArrayEquals(new double[]{1, 0}, block.labels());
        assertArrayEquals(new double[]{0.5, 2}, block.weights());
        double[] row = new double[2];
        block.copyRowInto(1, row);
        assertArrayEquals(new double[]{3, 4}, row);
    }

    @Test
    void csvWithANonNumericFieldNamesFileLineAndToken() throws Exception {
        Path file = TestFiles.write(dir.resolve("bad.csv"), List.of("y,a", "1,2", "0,3", "1,oops"));
        DataSource source = new DataSource(file.toString(), DataFormat.CSV, new CsvFormat(',', true, "y", null), 0, 1,
                BlockStorage.AUTO);
        UserInputException e = assertThrows(UserInputException.class, () -> DataLoader.load(sc, source));
        assertTrue(e.getMessage().contains("bad.csv:4:"), e.getMessage());
        assertTrue(e.getMessage().contains("oops"), e.getMessage());
    }

    @Test
    void csvLabelColumnUnknownToTheHeaderListsTheColumns() throws Exception {
        Path file = TestFiles.write(dir.resolve("h.csv"), List.of("y,a", "1,2"));
        DataSource source = new DataSource(file.toString(), DataFormat.CSV, new CsvFormat(',', true, "label", null), 0, 1,
                BlockStorage.AUTO);
        UserInputException e = assertThrows(UserInputException.class, () -> DataLoader.load(sc, source));
        assertTrue(e.getMessage().contains("label") && e.getMessage().contains("y"), e.getMessage());
    }
}
