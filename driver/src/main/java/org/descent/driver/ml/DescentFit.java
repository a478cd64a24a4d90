package org.descent.driver.ml;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.descent.driver.UserInputException;
import org.descent.driver.Versions;
import org.descent.driver.checkpoint.CheckpointSettings;
import org.descent.driver.checkpoint.RunIdentity;
import org.descent.driver.load.FrameColumns;
import org.descent.driver.load.FrameLoader;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.ProtectedPath;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.IterationListener;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fit of an estimator of this package, on the engine of {@code descent train}: the
 * configuration the params give is built by {@link org.descent.driver.train.TrainingSettings}
 * as the command line builds it, the DataFrame is cached by {@link FrameLoader} (on the
 * executors; sparse vectors stay sparse), and {@link TrainingSetup} and {@link Trainer} train
 * as for the command line. So the same rows in the same partitions give the same model, bit
 * for bit, either way.
 *
 * <p>Every refusal is an {@link IllegalArgumentException}, as in spark.ml, with the message the
 * command line prints.
 */
final class DescentFit {

    private static final Logger LOG = LoggerFactory.getLogger(DescentFit.class);

    private DescentFit() {
    }

    /** A fitted model and how its fit went. */
    record Outcome(TrainedModel trained, DescentTrainingSummary summary) {
    }

    /**
     * The configuration {@code owner}'s params give, checked as a whole, with the checkpoint
     * params; before any data is read (a Pipeline checks every stage so before fitting any).
     */
    static TrainingConfig config(DescentParams owner) {
        DescentParamSet params = owner.descentParamSet();
        try {
            TrainingConfig config = params.trainingSettings(owner).toConfig();
            params.checkpointSettings(owner).check();
            return config;
        } catch (UserInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Checks the weight column, if any, against {@code schema}: present and numeric. */
    static void checkWeightColumn(DescentParams owner, StructType schema) {
        String weight = owner.descentParamSet().weightColumn(owner);
        if (weight == null) {
            return;
        }
        if (!Arrays.asList(schema.fieldNames()).contains(weight)) {
            throw new IllegalArgumentException("weightCol: no column '" + weight + "'; columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        if (!(schema.apply(weight).dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("weightCol: column '" + weight + "' is "
                    + schema.apply(weight).dataType().simpleString() + "; allowed: a numeric type");
        }
    }

    /** Fits {@code owner}'s configuration on {@code data}'s label, features and weight columns. */
    static Outcome fit(DescentParams owner, Dataset<Row> data, String labelColumn, String featuresColumn) {
        DescentParamSet params = owner.descentParamSet();
        TrainingConfig config = config(owner);
        CheckpointSettings checkpoints = params.checkpointSettings(owner);
        FrameColumns columns = FrameColumns.vector(labelColumn, featuresColumn).withWeight(params.weightColumn(owner));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        Configuration conf = sc.hadoopConfiguration();
        try {
            String[] files = data.inputFiles();
            checkpoints.checkBeforeLoading(conf, false, files.length == 0 ? List.of()
                    : List.of(new ProtectedPath("the DataFrame's files", String.join(",", files))));
            LoadedData loaded = FrameLoader.load(data, columns, params.blockOptions(owner));
            try {
                return train(sc, loaded, config, checkpoints);
            } finally {
                loaded.unpersist();
            }
        } catch (UserInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Outcome train(JavaSparkContext sc, LoadedData loaded, TrainingConfig config,
                                 CheckpointSettings checkpoints) {
        TrainingSetup setup = TrainingSetup.prepare(sc, loaded, config);
        ModelSpec spec = setup.spec();
        LOG.info(String.format(Locale.ROOT, "descent: %s on %d rows x %d features (%d partitions); batch %s, %s, %s",
                spec.kind().spelling(), loaded.numRows(), loaded.numFeatures(), loaded.numPartitions(), config.batch(),
                config.optimizer(), config.schedule()));
        Trainer trainer = setup.trainer(sc);
        CheckpointSettings.Plan plan = checkpoints.plan(RunIdentity.of(spec, config, loaded), trainer.initialState(),
                sc.hadoopConfiguration(), false, LOG::info);
        IterationListener progress = (record, maxIterations) -> LOG.debug(String.format(Locale.ROOT,
                "descent: iteration %d/%d, objective %.6g, gradient norm %.3e, learning rate %.4g, %d rows, %.1f ms",
                record.iteration(), maxIterations, record.loss(), record.gradientNorm(), record.learningRate(),
                record.batchRows(), record.millis()));
        TrainingResult result = trainer.train(plan.start(), progress, plan.snapshots());
        if (result.stopReason().isFailure()) {
            LOG.warn("descent: " + result.message());
        } else {
            LOG.info(String.format(Locale.ROOT, "descent: %s (%.1f s training)", result.message(),
                    result.trainMillis() / 1000));
        }
        TrainedModel trained = new TrainedModel(spec, result.params(), setup.classes(), config.describe(),
                Versions.all(sc.version()), null);
        return new Outcome(trained, new DescentTrainingSummary(result, loaded));
    }
}
