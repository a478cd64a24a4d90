package org.descent.driver.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFrames;
import org.descent.driver.checkpoint.CheckpointStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training from and to a real HDFS: Hadoop's in-process MiniDFSCluster (a NameNode and a
 * DataNode on 127.0.0.1), driven through the command line exactly as users type it, with
 * {@code hdfs://} data, model and checkpoints.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HdfsRoundTripTest {

    static MiniDFSCluster hdfs;
    static String root;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void startHdfs() throws Exception {
        java.nio.file.Path base = Files.createDirectories(java.nio.file.Path.of("target", "minidfs"))
                .resolve("hdfs-" + ProcessHandle.current().pid()).toAbsolutePath();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort() + "/descent";
        SparkTestContext.get();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown(true);
        }
    }

    static JsonNode json(String hdfsFile) throws Exception {
        Path path = new Path(hdfsFile);
        try (InputStream in = path.getFileSystem(new Configuration()).open(path)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void libsvmDataModelAndCheckpointsOnHdfsAndAResumeFromThem() throws Exception {
        CliRun gen = cli("generate", "--kind", "logistic", "--rows", "4000", "--features", "10", "--seed", "2",
                "--out", root + "/data/train.libsvm", "--test-out", root + "/data/test.libsvm", "--test-rows", "1000");
        assertEquals(0, gen.exitCode(), gen.err());
        List<String> common = List.of("train", "--data", root + "/data/train.libsvm", "--model", "logistic",
                "--batch", "size=200", "--lr", "0.5", "--seed", "3", "--partitions", "2", "--tol", "0");

        CliRun whole = cli(args(common, "--max-iter", "25", "--out", root + "/models/whole"));
        assertEquals(0, whole.exitCode(), whole.err());

        String ckpt = root + "/ckpt";
        CliRun first = cli(args(common, "--max-iter", "15", "--checkpoint-dir", ckpt, "--checkpoint-every", "5",
                "--out", root + "/models/first"));
        assertEquals(0, first.exitCode(), first.err());
        CheckpointStore store = new CheckpointStore(ckpt, new Configuration());
        assertEquals(List.of(10, 15), store.iterations());
        assertEquals(15, store.newest().orElseThrow().iteration());

        CliRun resumed = cli(args(common, "--max-iter", "25", "--resume", ckpt, "--out", root + "/models/resumed"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("(15 iterations done)"), resumed.out());
        assertEquals(json(root + "/models/whole/model.json").get("weights"),
                json(root + "/models/resumed/model.json").get("weights"));
        assertEquals(List.of(20, 25), store.iterations());

        CliRun eval = cli("evaluate", "--model", root + "/models/resumed", "--data", root + "/data/test.libsvm", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode metrics = new ObjectMapper().readTree(eval.out());
        assertTrue(metrics.get("accuracy").asDouble() > 0.7, eval.out());
        FileSystem fs = new Path(root).getFileSystem(new Configuration());
        assertTrue(fs.exists(new Path(root + "/models/resumed/history.csv")));
        assertEquals(0, fs.globStatus(new Path(root + "/models/.*")).length, "no staging directory left behind");
    }

    @Test
    void csvDataOnHdfs() throws Exception {
        CliRun gen = cli("generate", "--kind", "softmax", "--classes", "3", "--rows", "3000", "--features", "4",
                "--format", "csv", "--out", root + "/csv/train.csv");
        assertEquals(0, gen.exitCode(), gen.err());
        CliRun train = cli("train", "--data", root + "/csv/train.csv", "--format", "csv", "--label-col", "0",
                "--model", "softmax", "--lr", "0.5", "--max-iter", "40", "--out", root + "/csv/model",
                "--checkpoint-dir", root + "/csv/ckpt");
        assertEquals(0, train.exitCode(), train.err());
        assertEquals(List.of(30, 40), new CheckpointStore(root + "/csv/ckpt", new Configuration()).iterations());
        CliRun eval = cli("evaluate", "--model", root + "/csv/model", "--data", root + "/csv/train.csv",
                "--format", "csv", "--label-col", "0", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(new ObjectMapper().readTree(eval.out()).get("accuracy").asDouble() > 0.6, eval.out());
        assertEquals("softmax", json(root + "/csv/model/model.json").get("kind").asText());
    }

    @Test
    void parquetPartFilesOnHdfsTrainEvaluateAndPredict() throws Exception {
        String data = root + "/parquet/train";
        List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>(TestFrames.logisticRows(0, 1500, 6, 31));
        rows.addAll(TestFrames.logisticRows(1500, 1500, 6, 32));
        // Spark writes the part files to HDFS itself: three of them, read back as a directory.
        SparkTestContext.session().createDataFrame(rows, TestFrames.ID_LABEL_FEATURES).repartition(3).write().parquet(data);
        String model = root + "/parquet/model";
        CliRun train = cli("train", "--data", data, "--format", "parquet", "--model", "logistic", "--lr", "0.5",
                "--max-iter", "30", "--out", model);
        assertEquals(0, train.exitCode(), train.err());
        assertEquals(3000, json(model + "/summary.json").get("rows").asInt());

        CliRun eval = cli("evaluate", "--model", model, "--data", data, "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(new ObjectMapper().readTree(eval.out()).get("accuracy").asDouble() > 0.8, eval.out());

        String predictions = root + "/parquet/predictions";
        CliRun predict = cli("predict", "--model", model, "--data", data, "--keep-cols", "id", "--out", predictions);
        assertEquals(0, predict.exitCode(), predict.err());
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> written = SparkTestContext.session().read().parquet(predictions);
        assertEquals(3000, written.select("id").distinct().count(), "every row once, by id");
        FileSystem fs = new Path(root).getFileSystem(new Configuration());
        assertEquals(0, fs.globStatus(new Path(root + "/parquet/.*")).length, "no staging directory left behind");
    }

    static String[] args(List<String> common, String... more) {
        List<String> all = new java.util.ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
