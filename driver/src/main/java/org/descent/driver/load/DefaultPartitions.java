package org.descent.driver.load;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many partitions data is cached in when {@code --partitions} is not given: one per core
 * of the application's executors, Spark's default parallelism.
 *
 * <p>On a cluster that figure is only right once the executors have registered, and a new
 * SparkContext does not wait for them: a standalone master without {@code spark.cores.max}
 * counts the application ready at once, and until an executor registers the default
 * parallelism is 2. Data loaded then would be cached in 2 partitions on a cluster of a hundred
 * cores, for the whole run. So on a cluster this waits, up to Spark's own
 * {@code spark.scheduler.maxRegisteredResourcesWaitingTime}, for the executors it can expect:
 * the cores of {@code local-cluster[N,C,M]} or of {@code spark.cores.max}, the executors of
 * {@code spark.executor.instances}; when nothing says how many will come, for registrations
 * to stop arriving for {@link #SETTLE_MILLIS}. Loading cannot start without an executor
 * anyway, so the wait costs little more than that settling time.
 *
 * <p>No wait where the count is known or chosen elsewhere: local mode, a
 * {@code spark.default.parallelism} of the user's, and dynamic allocation (executors then come
 * with the work; pass {@code --partitions} there).
 */
public final class DefaultPartitions {

    /** Quiet time after the last executor registration that ends the wait when no count is expected. */
    static final long SETTLE_MILLIS = 1500;

    private static final long POLL_MILLIS = 100;
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,.*\\]");

    private DefaultPartitions() {
    }

    /** Spark's default parallelism, once the executors that can be expected have registered. */
    public static int of(JavaSparkContext sc) {
        SparkConf conf = sc.getConf();
        String master = conf.get("spark.master", "local[*]").trim().toLowerCase(Locale.ROOT);
        boolean local = master.startsWith("local") && !master.startsWith("local-cluster");
        if (local || conf.contains("spark.default.parallelism") || conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
            return sc.defaultParallelism();
        }
        Expected expected = Expected.of(conf, master);
        long deadline = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(conf.getTimeAsMs("spark.scheduler.maxRegisteredResourcesWaitingTime", "30s"));
        int seen = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int executors = executors(sc);
            if (executors != seen) {
                seen = executors;
                lastChange = System.nanoTime();
            }
            if (expected.metBy(executors, sc.defaultParallelism())
                    || (expected.unknown() && executors > 0
                        && System.nanoTime() - lastChange >= TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS))) {
                break;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return sc.defaultParallelism();
    }

    /** Registered executors, the driver not counted. */
    private static int executors(JavaSparkContext sc) {
        return Math.max(0, sc.sc().statusTracker().getExecutorInfos().length - 1);
    }

    /** What a cluster's configuration says will register: a core count, an executor count, or nothing. */
    record Expected(int cores, int executors) {

        static Expected of(SparkConf conf, String master) {
            Matcher localCluster = LOCAL_CLUSTER.matcher(master);
            if (localCluster.matches()) {
                return new Expected(Integer.parseInt(localCluster.group(1)) * Integer.parseInt(localCluster.group(2)), 0);
            }
            if (conf.contains("spark.cores.max")) {
                return new Expected(conf.getInt("spark.cores.max", 0), 0);
            }
            return new Expected(0, conf.getInt("spark.executor.instances", 0));
        }

        boolean unknown() {
            return cores <= 0 && executors <= 0;
        }

        boolean metBy(int registeredExecutors, int registeredCores) {
            return (cores > 0 && registeredExecutors > 0 && registeredCores >= cores)
                    || (executors > 0 && registeredExecutors >= executors);
        }
    }
}
