package org.descent.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.load.LoadedData;
import org.descent.driver.round.ValidationPass;
import org.descent.driver.round.ValidationScore;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.spec.ProblemType;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;
import org.descent.driver.train.ValidationSettings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** summary.json of a trained model, as {@code train} and {@code tune}'s {@code best/} write it. */
final class TrainingSummary {

    private TrainingSummary() {
    }

    /** The run's part of summary.json: how it ended, its timings, the data and the setup. */
    static Map<String, Object> of(TrainingResult result, LoadedData loaded, TrainingSetup setup, double loadMillis,
                                  JavaSparkContext sc, String dataPath) {
        ModelSpec spec = setup.spec();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", result.stopReason().isFailure() ? "failed" : "ok");
        s.put("stopReason", result.stopReason().name().toLowerCase(Locale.ROOT));
        s.put("message", result.message());
        s.put("iterations", result.iterations());
        s.put("finalLoss", result.finalLoss());
        if (!result.history().isEmpty()) {
            var last = result.history().get(result.history().size() - 1);
            s.put("lastBatchLoss", last.loss());
            s.put("lastGradientNorm", last.gradientNorm());
        }
        s.put("trainMillis", result.trainMillis());
        s.put("meanIterationMillis", result.history().stream().mapToDouble(r -> r.millis()).average().orElse(Double.NaN));
        s.put("loadMillis", loadMillis);
        s.put("rows", loaded.numRows());
        s.put("numFeatures", spec.numFeatures());
        s.put("numParams", spec.layout().numParams());
        s.put("partitions", loaded.numPartitions());
        s.put("treeDepth", setup.treeDepth());
        s.put("standardization", setup.standardization());
        s.put("cachedFeatureBytes", loaded.featureBytes());
        s.put("master", sc.master());
        s.put("data", dataPath);
        return s;
    }

    /**
     * The validation's part of summary.json: which rows, how often, the early stopping, the
     * best evaluation (its iteration and loss) and the written model's score on the rows (one
     * more pass: the history's metric column holds one metric, this has AUC too for binary).
     */
    static Map<String, Object> validation(TrainingResult result, LoadedData held, ValidationPass pass, ModelSpec spec,
                                          ValidationOptions validation) {
        ValidationSettings settings = validation.settings();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("validation", validation.describe());
        s.put("validationRows", held.numRows());
        s.put("validateEvery", settings.every());
        s.put("earlyStopPatience", settings.patience());
        s.put("earlyStopMinDelta", settings.minDelta());
        boolean best = result.earlyStopping().hasBest();
        s.put("bestIteration", best ? result.earlyStopping().bestIteration() : null);
        s.put("bestValidationLoss", best ? result.earlyStopping().bestLoss() : null);
        s.put("writtenModel", settings.stopsEarly() && best ? "best iteration" : "last iteration");
        if (!result.stopReason().isFailure()) {
            ValidationScore score = pass.score(result.params());
            Map<String, Object> scored = new LinkedHashMap<>();
            scored.put("loss", score.loss());
            scored.put(ValidationScore.metricName(spec.task()), score.metric());
            if (spec.task() == ProblemType.BINARY) {
                scored.put("areaUnderRoc", score.areaUnderRoc());
            }
            s.put("writtenModelValidation", scored);
        }
        return s;
    }
}
