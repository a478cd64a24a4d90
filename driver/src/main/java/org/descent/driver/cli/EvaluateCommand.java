package org.descent.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.ModelFile;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.evaluate.Evaluation;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code descent evaluate}: a trained model's metrics on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a trained model's metrics on labelled data: MSE, RMSE, MAE, R^2 (regression); "
                + "accuracy, log-loss, AUC (binary); accuracy, log-loss, confusion matrix (multiclass).")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A directory written by 'descent train'.")
    String modelDir;

    @Mixin
    DataOptions data;

    @Option(names = "--json", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Print the metrics as one JSON object.")
    boolean json;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        try (SparkOptions.DriverContext driver = spark.start("evaluate")) {
            JavaSparkContext sc = driver.sc();
            TrainedModel trained = ModelFile.read(modelDir, sc.hadoopConfiguration());
            LoadedData loaded = DataLoader.load(sc, data.toSource(trained.data())
                    .withNumFeatures(trained.spec().numFeatures(), "the model " + modelDir));
            Map<String, Object> metrics;
            try {
                metrics = Evaluation.metrics(trained, loaded.blocks());
            } finally {
                loaded.unpersist();
            }
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(metrics));
            } else {
                System.out.println(trained.spec().kind().spelling() + " model " + modelDir + " on " + data.data);
                for (Map.Entry<String, Object> e : metrics.entrySet()) {
                    System.out.println(format(e.getKey(), e.getValue()));
                }
            }
            return 0;
        }
    }

    private static String format(String key, Object value) {
        if (value instanceof List<?> rows) {
            StringBuilder sb = new StringBuilder(key).append(" (rows: true label, columns: predicted)");
            for (Object row : rows) {
                sb.append("\n  ");
                for (Object cell : (List<?>) row) {
                    sb.append(String.format(Locale.ROOT, "%10s", cell instanceof Double d && d == Math.rint(d)
                            ? String.valueOf(d.longValue()) : String.valueOf(cell)));
                }
            }
            return sb.toString();
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%-10s %s", key, readable(d));
        }
        return String.format(Locale.ROOT, "%-10s %s", key, value);
    }

    /** Below this magnitude a whole number prints as an integer; a double still holds it exactly. */
    private static final double LARGEST_PRINTED_WHOLE = 1e15;
    /** Fixed notation with 6 decimals between these magnitudes; scientific outside. */
    private static final double SMALLEST_FIXED = 1e-3;
    private static final double LARGEST_FIXED = 1e7;

    /**
     * A metric as a person reads it: whole numbers as integers (counts, weight sums), ordinary
     * magnitudes with 6 decimals, and very large or tiny ones in scientific notation with 7
     * significant digits: a diverged model's MSE of 1.78e264 would otherwise print as 265 digits,
     * and 1e-12 as 0.000000. The --json output keeps every bit.
     */
    static String readable(double d) {
        double magnitude = Math.abs(d);
        if (!Double.isFinite(d)) {
            return String.valueOf(d);
        }
        if (d == Math.rint(d) && magnitude < LARGEST_PRINTED_WHOLE) {
            return String.valueOf((long) d);
        }
        if (magnitude >= SMALLEST_FIXED && magnitude < LARGEST_FIXED) {
            return String.format(Locale.ROOT, "%.6f", d);
        }
        return String.format(Locale.ROOT, "%.6e", d);
    }
}
