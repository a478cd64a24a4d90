package org.descent.driver.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.UserInputException;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Where and how Spark runs: shared by every command that starts a SparkContext. */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*] (default), local[N], spark://host:port, yarn... "
                    + "Under spark-submit the submit's own --master applies.")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, repeatable (e.g. spark.executor.memory=4g).")
    List<String> conf = new ArrayList<>();

    /**
     * A SparkContext for {@code command}: the one already running in this JVM if there is one
     * (an embedding application, or a test suite's shared context), which is then left running;
     * otherwise a new one, stopped on close.
     */
    /**
     * Task results up to this size go straight to the driver in the task's status message;
     * Spark's default (1 MB) sends anything larger through the block manager, a fetch of its
     * own per task. A 1M-parameter model's sums are 8 MB a partition: direct, its full-batch
     * round took about a quarter less time in the benchmark. Results are still bounded by
     * {@code spark.rpc.message.maxSize} (128 MB by default); a user's own setting wins.
     */
    static final String DIRECT_RESULT_SIZE_KEY = "spark.task.maxDirectResultSize";
    static final String DIRECT_RESULT_SIZE = "64m";

    public DriverContext start(String command) {
        scala.Option<org.apache.spark.SparkContext> active = org.apache.spark.SparkContext$.MODULE$.getActive();
        if (active.isDefined()) {
            return new DriverContext(JavaSparkContext.fromSparkContext(active.get()), false);
        }
        SparkConf sparkConf = new SparkConf().setAppName("descent " + command);
        for (String entry : conf) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new UserInputException("conf: expected KEY=VALUE, got '" + entry + "'");
            }
            sparkConf.set(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        if (master != null) {
            sparkConf.setMaster(master);
        } else {
            sparkConf.setIfMissing("spark.master", "local[*]");
        }
        // Descent prints its own per-iteration progress; Spark's console bar would interleave.
        sparkConf.setIfMissing("spark.ui.showConsoleProgress", "false");
        sparkConf.setIfMissing(DIRECT_RESULT_SIZE_KEY, DIRECT_RESULT_SIZE);
        return new DriverContext(new JavaSparkContext(sparkConf), true);
    }

    /** A SparkContext and whether closing it should stop it. */
    public record DriverContext(JavaSparkContext sc, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                sc.stop();
            }
        }
    }
}
