package org.descent.driver;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One real {@code local[2]} SparkContext shared by every test class in the test JVM (a
 * context costs about 3 s to start). CLI commands run in tests find it active and reuse it.
 */
public final class SparkTestContext {

    private static JavaSparkContext sc;

    private SparkTestContext() {
    }

    public static synchronized JavaSparkContext get() {
        if (sc == null || sc.sc().isStopped()) {
            SparkConf conf = new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("descent-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.ui.showConsoleProgress", "false")
                    .set("spark.driver.host", "127.0.0.1");
            sc = new JavaSparkContext(conf);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> sc.stop()));
        }
        return sc;
    }

    /** The SparkSession of the shared context, for tests that build or read DataFrames. */
    public static SparkSession session() {
        return SparkSession.builder().sparkContext(get().sc()).getOrCreate();
    }
}
