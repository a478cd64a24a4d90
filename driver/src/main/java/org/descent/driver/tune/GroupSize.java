package org.descent.driver.tune;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.model.LinearLayout;
import org.descent.sums.SumsLayout;

/**
 * How many trials one group may hold. A grouped round ships every member's parameters to each
 * task and brings back every member's sums, so a group costs per task, for each member, its
 * parameters, its sums and one more copy of them (a task's result is serialized from the
 * array; the driver merges into a deserialized one):
 * <pre>
 *   bytesPerTrial = 8 · (numParams + 2 · (numParams + 3))
 * </pre>
 * and the driver holds one result per partition at once. The group is as large as fits in
 * {@code 1 / SHARE} of a task's share of executor memory, and of the driver's memory divided
 * by the partitions, and at least 1 (and no more than one array holds side by side). The share leaves the rest to the cached blocks, Spark's
 * own buffers and the kernels' scratch: the group never decides whether a job fits.
 *
 * @param taskBytes   the memory one task may count on: its executor's heap over the tasks it runs at once
 * @param driverBytes the driver's heap
 * @param partitions  the partitions of the data, each sending one result to the driver
 */
public record GroupSize(long taskBytes, long driverBytes, int partitions) {

    /** A group's parameters and sums may take this fraction (1 / SHARE) of a task's memory. */
    public static final int SHARE = 8;

    /** One trial per group: trials one after another, each with its own round. */
    public static final GroupSize ONE = new GroupSize(0, 0, 1);

    public GroupSize {
        if (taskBytes < 0 || driverBytes < 0 || partitions < 1) {
            throw new IllegalArgumentException("group size: memory must be >= 0 and partitions >= 1, got "
                    + taskBytes + ", " + driverBytes + ", " + partitions);
        }
    }

    /**
     * The memory of {@code sc}'s executors and driver: in local mode one JVM, whose heap the
     * {@code defaultParallelism} task threads share; on a cluster {@code spark.executor.memory}
     * over the tasks an executor runs at once ({@code spark.executor.cores} over
     * {@code spark.task.cpus}; without {@code spark.executor.cores}, as many as the application
     * has cores, since an executor may take all of a worker's).
     */
    public static GroupSize of(JavaSparkContext sc, int partitions) {
        SparkConf conf = sc.getConf();
        long driver = Runtime.getRuntime().maxMemory();
        int parallelism = Math.max(1, sc.defaultParallelism());
        if (sc.isLocal()) {
            return new GroupSize(driver / parallelism, driver, partitions);
        }
        long executor = conf.getSizeAsBytes("spark.executor.memory", "1g");
        int cores = conf.getInt("spark.executor.cores", parallelism);
        int tasks = Math.max(1, cores / Math.max(1, conf.getInt("spark.task.cpus", 1)));
        return new GroupSize(executor / tasks, driver, partitions);
    }

    /** What one member of a group costs a task, in bytes. */
    public static long bytesPerTrial(int numParams) {
        return 8L * (numParams + 2L * new SumsLayout(numParams).size());
    }

    /** The most trials of {@code numParams} parameters one group may hold: at least 1. */
    public int maxTrials(int numParams) {
        long perTrial = bytesPerTrial(numParams);
        long byTask = taskBytes / SHARE / perTrial;
        long byDriver = driverBytes / SHARE / (perTrial * partitions);
        // The members' sums lie side by side in one array.
        long byArray = LinearLayout.MAX_PARAMS / new SumsLayout(numParams).size();
        return (int) Math.max(1, Math.min(byArray, Math.min(byTask, byDriver)));
    }
}
