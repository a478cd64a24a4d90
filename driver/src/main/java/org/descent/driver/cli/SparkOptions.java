package org.descent.driver.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.UserInputException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Path;
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
     * Task results up to this size go straight to the driver in the task's status message;
     * Spark's default (1 MB) sends anything larger through the block manager, a fetch of its
     * own per task. A 1M-parameter model's sums are 8 MB a partition, and its full-batch round
     * is faster with them direct (docs/performance.md, "Direct task results"). Results are
     * still bounded by {@code spark.rpc.message.maxSize} (128 MB by default); a user's own
     * setting wins.
     */
    static final String DIRECT_RESULT_SIZE_KEY = "spark.task.maxDirectResultSize";
    static final String DIRECT_RESULT_SIZE = "64m";

    private static final String STANDALONE_SCHEME = "spark://";
    /** The application ID Spark's scheduler backends make up when no cluster manager gave one. */
    private static final String UNREGISTERED_APP_ID_PREFIX = "spark-application-";
    /** How long the diagnosis of a master that did not take us waits for it to accept a connection. */
    private static final int PROBE_TIMEOUT_MILLIS = 2000;

    /**
     * A SparkContext for {@code command}: the one already running in this JVM if there is one
     * (an embedding application, or a test suite's shared context), which is then left running;
     * otherwise a new one, stopped on close.
     */
    public DriverContext start(String command) {
        scala.Option<org.apache.spark.SparkContext> active = org.apache.spark.SparkContext$.MODULE$.getActive();
        if (active.isDefined()) {
            return new DriverContext(JavaSparkContext.fromSparkContext(active.get()), false);
        }
        SparkConf sparkConf = sparkConf(command);
        String masterUrl = sparkConf.get("spark.master");
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(sparkConf);
        } catch (RuntimeException e) {
            throw new UserInputException("cannot start Spark on " + masterUrl + ": " + rootMessage(e)
                    + (isStandalone(masterUrl) ? "; " + standaloneHint(masterUrl, sparkConf) : ""), e);
        }
        if (isStandalone(masterUrl) && !registered(sc)) {
            sc.stop();
            throw new UserInputException("cannot connect to Spark master " + masterUrl + ": "
                    + standaloneHint(masterUrl, sparkConf));
        }
        return new DriverContext(sc, true);
    }

    /**
     * The configuration of a new SparkContext for {@code command}: Spark's own (system
     * properties, which spark-submit sets from its options and spark-defaults.conf), then each
     * {@code --conf}, then {@code --master}; Descent's defaults only where none of them said.
     * The application is named "descent COMMAND" unless spark-submit's {@code --name} or a
     * {@code spark.app.name} setting names it. Without {@code --name}, spark-submit names it
     * after its jar ("descent-driver-...-submit.jar"), which says nothing: that name is
     * replaced too.
     */
    SparkConf sparkConf(String command) {
        SparkConf sparkConf = new SparkConf();
        for (String entry : conf) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new UserInputException("conf: expected KEY=VALUE, got '" + entry + "'");
            }
            sparkConf.set(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        String name = sparkConf.get("spark.app.name", null);
        if (name == null || name.equals(ownJarName())) {
            sparkConf.setAppName("descent " + command);
        }
        if (master != null) {
            sparkConf.setMaster(master);
        } else {
            sparkConf.setIfMissing("spark.master", "local[*]");
        }
        // Descent prints its own per-iteration progress; Spark's console bar would interleave.
        sparkConf.setIfMissing("spark.ui.showConsoleProgress", "false");
        sparkConf.setIfMissing(DIRECT_RESULT_SIZE_KEY, DIRECT_RESULT_SIZE);
        return sparkConf;
    }

    /** The file name of the jar (or class directory) Descent runs from, or null if it cannot be told. */
    static String ownJarName() {
        try {
            Path location = Path.of(SparkOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getFileName() == null ? null : location.getFileName().toString();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isStandalone(String masterUrl) {
        return masterUrl.startsWith(STANDALONE_SCHEME);
    }

    /**
     * Whether a standalone master registered the application. When it refuses or never answers
     * (a master with spark.authenticate and a driver without the secret, a master not running),
     * the SparkContext is still constructed, after about a minute of retries, but without an
     * application ID from the master, and Spark stops it in another thread: the first job then
     * fails with a NullPointerException from deep inside Spark, or hangs.
     */
    private static boolean registered(JavaSparkContext sc) {
        return !sc.sc().applicationId().startsWith(UNREGISTERED_APP_ID_PREFIX);
    }

    /**
     * Why a standalone master may not have taken us, most likely cause first: nothing listens at
     * its address; or it requires authentication and we have no secret (Spark logs the master's
     * "Expected SaslMessage" above, but does not tell us); or our secret is not the cluster's.
     */
    private static String standaloneHint(String masterUrl, SparkConf conf) {
        List<String> silent = new ArrayList<>();
        for (String hostPort : masterUrl.substring(STANDALONE_SCHEME.length()).split(",")) {
            if (!accepts(hostPort)) {
                silent.add(hostPort);
            }
        }
        if (!silent.isEmpty()) {
            return "nothing accepts connections at " + String.join(", ", silent) + "; is the master running there?";
        }
        if (!conf.getBoolean("spark.authenticate", false)) {
            return "the master did not accept this application; a master with authentication (spark.authenticate) "
                    + "refuses a driver without the cluster's secret: pass it with --conf spark.authenticate=true "
                    + "--conf spark.authenticate.secret=SECRET, or submit with scripts/submit";
        }
        return "the master did not accept this application; check that spark.authenticate.secret is the cluster's";
    }

    private static boolean accepts(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
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
