package org.descent.driver.cluster;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockStorage;
import org.descent.data.CsvFormat;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With default options, data loaded on a cluster is cached in one partition per executor
 * core, even when the load starts the moment the SparkContext exists, before any executor has
 * registered: {@code local-cluster[2,2,1024]} (two executor JVMs of two cores) gives 4
 * partitions, where Spark's default parallelism at that moment is 2.
 */
@Tag("slow")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DefaultPartitionsOnClusterTest {

    @TempDir
    static Path dir;

    @Test
    void aLoadRightAfterStartUsesEveryExecutorCore() throws Exception {
        String sparkHome = System.getenv("SPARK_HOME");
        assertTrue(sparkHome != null && System.getenv("SPARK_SCALA_VERSION") != null,
                "surefire's slow-tests run sets SPARK_HOME and SPARK_SCALA_VERSION");
        Files.createDirectories(Path.of(sparkHome, "jars"));
        List<String> lines = new ArrayList<>();
        double[][] x = TestFiles.gaussianRows(4000, 5, 7);
        for (int i = 0; i < x.length; i++) {
            lines.add(TestFiles.libsvm(i % 2, x[i]));
        }
        Path data = TestFiles.write(dir.resolve("train.libsvm"), lines);
        SparkConf conf = new SparkConf()
                .setMaster("local-cluster[2,2,1024]")
                .setAppName("descent-default-partitions")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.executor.extraClassPath", System.getProperty("surefire.test.class.path"));
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            LoadedData loaded = DataLoader.load(sc, new DataSource(data.toUri().toString(), DataFormat.LIBSVM,
                    CsvFormat.defaults(), 0, 0, BlockStorage.AUTO));
            assertEquals(4, loaded.numPartitions(), "one cached partition per executor core");
            assertEquals(4000, loaded.numRows());
        }
    }
}
