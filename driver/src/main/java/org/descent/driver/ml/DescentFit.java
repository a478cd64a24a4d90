package org.descent.driver.ml;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Predictor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
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
import org.descent.driver.tune.GroupSize;
import org.descent.driver.tune.GroupedTrialRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
        return outcome(sc, setup, trainer.train(plan.start(), progress, plan.snapshots()), loaded);
    }

    /** The model and summary of a finished fit; its end is logged. */
    private static Outcome outcome(JavaSparkContext sc, TrainingSetup setup, TrainingResult result, LoadedData loaded) {
        if (result.stopReason().isFailure()) {
            LOG.warn("descent: " + result.message());
        } else {
            LOG.info(String.format(Locale.ROOT, "descent: %s (%.1f s training)", result.message(),
                    result.trainMillis() / 1000));
        }
        TrainedModel trained = new TrainedModel(setup.spec(), result.params(), setup.classes(), setup.config().describe(),
                Versions.all(sc.version()), null);
        return new Outcome(trained, new DescentTrainingSummary(result, loaded));
    }

    /**
     * {@link #fitTogether} for copies of a predictor, each with a ParamMap of a grid: each copy
     * checks the schema first, and the label is cast to double, as {@code Predictor.fit} does
     * for one fit. Null when the copies do not share their label and features columns, or as
     * {@link #fitTogether} says.
     */
    static List<Outcome> fitCopies(List<? extends Predictor<?, ?, ?>> copies, Dataset<?> dataset) {
        if (copies.isEmpty()) {
            return null;
        }
        String label = copies.get(0).getLabelCol();
        String features = copies.get(0).getFeaturesCol();
        for (Predictor<?, ?, ?> copy : copies) {
            if (!copy.getLabelCol().equals(label) || !copy.getFeaturesCol().equals(features)) {
                return null;
            }
        }
        for (Predictor<?, ?, ?> copy : copies) {
            copy.transformSchema(dataset.schema());
        }
        Dataset<Row> casted = dataset.toDF().withColumn(label, functions.col(label).cast(DataTypes.DoubleType),
                dataset.schema().apply(label).metadata());
        return fitTogether(copies.stream().map(c -> (DescentParams) c).toList(), casted, label, features);
    }

    /**
     * Fits each of {@code owners} (one estimator's copies, one per ParamMap of a grid) on
     * {@code data}'s columns, loading the rows once and training the configurations that share
     * their batches as groups ({@link GroupedTrialRunner}): one pass over the data per
     * iteration of a group. Each outcome is, bit for bit, the owner's own fit. Null when the
     * owners cannot share one load of the rows (their weight columns or caching options
     * differ) or one writes checkpoints: then the caller fits them one by one.
     */
    static List<Outcome> fitTogether(List<? extends DescentParams> owners, Dataset<Row> data, String labelColumn,
                                     String featuresColumn) {
        DescentParams first = owners.get(0);
        for (DescentParams owner : owners) {
            DescentParamSet params = owner.descentParamSet();
            if (params.checkpointSettings(owner).checkpointDir() != null
                    || !Objects.equals(params.weightColumn(owner), first.descentParamSet().weightColumn(first))
                    || !params.blockOptions(owner).equals(first.descentParamSet().blockOptions(first))) {
                return null;
            }
        }
        List<TrainingConfig> configs = owners.stream().map(DescentFit::config).toList();
        FrameColumns columns = FrameColumns.vector(labelColumn, featuresColumn)
                .withWeight(first.descentParamSet().weightColumn(first));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        try {
            LoadedData loaded = FrameLoader.load(data, columns, first.descentParamSet().blockOptions(first));
            try (GroupedTrialRunner runner = GroupedTrialRunner.prepare(sc, loaded, configs, null, null,
                    GroupSize.of(sc, loaded.numPartitions()))) {
                LOG.info(String.format(Locale.ROOT, "descent: %d configurations on %d rows x %d features in %d groups",
                        configs.size(), loaded.numRows(), loaded.numFeatures(), runner.groups().size()));
                runner.advanceTo(Integer.MAX_VALUE, (trial, record) -> { });
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < configs.size(); i++) {
                    outcomes.add(outcome(sc, runner.setup(i), runner.result(i), loaded));
                }
                return outcomes;
            } finally {
                loaded.unpersist();
            }
        } catch (UserInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
