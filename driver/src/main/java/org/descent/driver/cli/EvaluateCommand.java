package org.descent.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.ModelFile;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.evaluate.Evaluation;
import org.descent.driver.evaluate.MetricsText;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code descent evaluate}: a trained model's metrics on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a trained model's metrics on labelled data: MSE, RMSE, MAE, R^2 (regression); "
                + "accuracy, log-loss, precision, recall, F1 per class and macro, ROC AUC and PR AUC with their "
                + "error bounds (binary); accuracy, log-loss, precision, recall, F1 per class and macro, "
                + "confusion matrix (multiclass). Definitions: docs/metrics.md.")
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
                System.out.println(MetricsText.render(metrics));
            }
            return 0;
        }
    }
}
