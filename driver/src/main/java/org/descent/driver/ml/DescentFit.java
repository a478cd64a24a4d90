package org.descent.driver.ml;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Predictor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.descent.driver.UserInputException;
import org.descent.driver.Versions;
import org.descent.driver.checkpoint.CheckpointSettings;
import org.descent.driver.checkpoint.RunIdentity;
import org.descent.data.FeaturePrecision;
import org.descent.driver.load.BlockOptions;
import org.descent.driver.load.FrameColumns;
import org.descent.driver.load.FrameLoader;
import org.descent.driver.load.LoadedData;
import org.descent.driver.load.ValidationSplit;
import org.descent.driver.output.ProtectedPath;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.IterationListener;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;
import org.descent.driver.train.ValidationSettings;
import org.descent.driver.tune.GroupSize;
import org.descent.driver.tune.GroupedTrialRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

/**
 * A fit of an estimator of this package, on the engine of {@code descent train}: the
 * configuration the params give is built by {@link org.descent.driver.train.TrainingSettings}
 * as the command line builds it, the DataFrame is cached by {@link FrameLoader} (on the
 * executors; sparse vectors stay sparse), and {@link TrainingSetup} and {@link Trainer} train
 * as for the command line. So the same rows in the same partitions give the same model, bit
 * for bit, either way. Validation rows are held out as {@code --validation-fraction} holds them
 * out ({@link ValidationSplit}, by each row's position in the DataFrame) or marked by a
 * boolean {@code validationIndicatorCol}, as spark.ml's GBTClassifier reads it, and scored and
 * used for early stopping as the command line does.
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
            params.validationSettings(owner);
            return config;
        } catch (UserInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Checks the weight column and the validation indicator column, if any, against
     * {@code schema}: present, the one numeric, the other boolean.
     */
    static void checkColumns(DescentParams owner, StructType schema) {
        DescentParamSet params = owner.descentParamSet();
        String weight = params.weightColumn(owner);
        if (weight != null && !(present("weightCol", weight, schema).dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("weightCol: column '" + weight + "' is "
                    + schema.apply(weight).dataType().simpleString() + "; allowed: a numeric type");
        }
        String indicator = params.validationIndicatorColumn(owner);
        if (indicator != null && !(present("validationIndicatorCol", indicator, schema).dataType()
                instanceof BooleanType)) {
            throw new IllegalArgumentException("validationIndicatorCol: column '" + indicator + "' is "
                    + schema.apply(indicator).dataType().simpleString() + "; allowed: boolean");
        }
    }

    private static StructField present(String param, String column, StructType schema) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(param + ": no column '" + column + "'; columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        return schema.apply(column);
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
            ValidationSettings validation = params.validationSettings(owner);
            Double fraction = params.validationFraction(owner);
            String indicator = params.validationIndicatorColumn(owner);
            BlockOptions options = params.blockOptions(owner);
            LoadedData loaded;
            LoadedData held = null;
            if (indicator != null) {
                loaded = FrameLoader.load(data.filter(not(col(indicator))), columns, options);
                held = FrameLoader.load(data.filter(col(indicator)), columns,
                        options.withStorage(options.storage(), FeaturePrecision.DOUBLE)
                                .withNumFeatures(loaded.numFeatures(), "the training rows"));
            } else {
                loaded = FrameLoader.load(data, columns, options);
                if (fraction != null) {
                    ValidationSplit.Parts parts = ValidationSplit.split(sc, loaded,
                            ValidationSettings.holdOut(config.seed(), fraction));
                    loaded = parts.training();
                    held = parts.validation();
                }
            }
            try {
                if (held != null && (held.numRows() == 0 || loaded.numRows() == 0)) {
                    throw new UserInputException((indicator != null ? "validationIndicatorCol: " : "validation-fraction: ")
                            + "the validation rows number " + held.numRows() + " and the training rows "
                            + loaded.numRows() + "; each needs at least one");
                }
                Validation rows = held == null ? null : new Validation(held, validation, fraction,
                        indicator == null ? null : "column " + indicator);
                return train(sc, loaded, config, checkpoints, rows);
            } finally {
                loaded.unpersist();
                if (held != null) {
                    held.unpersist();
                }
            }
        } catch (UserInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A fit's validation rows and how they are used; {@code fraction} or {@code column} says how
     * they were chosen, as a checkpoint records it.
     */
    private record Validation(LoadedData rows, ValidationSettings settings, Double fraction, String column) {
    }

    private static Outcome train(JavaSparkContext sc, LoadedData loaded, TrainingConfig config,
                                 CheckpointSettings checkpoints, Validation validation) {
        TrainingSetup setup = TrainingSetup.prepare(sc, loaded, config);
        ModelSpec spec = setup.spec();
        LOG.info(String.format(Locale.ROOT, "descent: %s on %d rows x %d features (%d partitions); batch %s, %s, %s",
                spec.kind().spelling(), loaded.numRows(), loaded.numFeatures(), loaded.numPartitions(), config.batch(),
                config.optimizer(), config.schedule()));
        Trainer trainer = setup.trainer(sc);
        RunIdentity identity = RunIdentity.of(spec, config, loaded);
        if (validation != null) {
            ValidationSettings settings = validation.settings();
            trainer = trainer.withValidation(setup.validationPass(sc, validation.rows()), settings);
            identity = identity.withValidation(validation.fraction(), validation.column(), validation.rows().numRows(),
                    settings.every());
            LOG.info(String.format(Locale.ROOT, "descent: validation on %d rows, scored every %d iterations%s",
                    validation.rows().numRows(), settings.every(), settings.stopsEarly()
                            ? "; early stopping after " + settings.patience() + " without improvement" : ""));
        }
        CheckpointSettings.Plan plan = checkpoints.plan(identity, trainer.initialState(),
                sc.hadoopConfiguration(), false, LOG::info);
        IterationListener progress = (record, maxIterations) -> LOG.debug(String.format(Locale.ROOT,
                "descent: iteration %d/%d, objective %.6g, gradient norm %.3e, learning rate %.4g, %d rows, %.1f ms",
                record.iteration(), maxIterations, record.loss(), record.gradientNorm(), record.learningRate(),
                record.batchRows(), record.millis()));
        return outcome(sc, setup, trainer.train(plan.start(), progress, plan.snapshots()), loaded,
                validation == null ? 0 : validation.rows().numRows());
    }

    /** The model and summary of a finished fit; its end is logged. */
    private static Outcome outcome(JavaSparkContext sc, TrainingSetup setup, TrainingResult result, LoadedData loaded,
                                   long validationRows) {
        if (result.stopReason().isFailure()) {
            LOG.warn("descent: " + result.message());
        } else {
            LOG.info(String.format(Locale.ROOT, "descent: %s (%.1f s training)", result.message(),
                    result.trainMillis() / 1000));
        }
        TrainedModel trained = new TrainedModel(setup.spec(), result.params(), setup.classes(), setup.config().describe(),
                Versions.all(sc.version()), null);
        return new Outcome(trained, new DescentTrainingSummary(result, loaded, validationRows));
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
        Dataset<Row> casted = dataset.toDF().withColumn(label, col(label).cast(DataTypes.DoubleType),
                dataset.schema().apply(label).metadata());
        return fitTogether(copies.stream().map(c -> (DescentParams) c).toList(), casted, label, features);
    }

    /**
     * Fits each of {@code owners} (one estimator's copies, one per ParamMap of a grid) on
     * {@code data}'s columns, loading the rows once and training the configurations that share
     * their batches as groups ({@link GroupedTrialRunner}): one pass over the data per
     * iteration of a group. Each outcome is, bit for bit, the owner's own fit. Null when the
     * owners cannot share one load of the rows (their weight columns or caching options
     * differ), one holds out validation rows, trains by local SGD or writes checkpoints: then the caller fits
     * them one by one.
     */
    static List<Outcome> fitTogether(List<? extends DescentParams> owners, Dataset<Row> data, String labelColumn,
                                     String featuresColumn) {
        DescentParams first = owners.get(0);
        for (DescentParams owner : owners) {
            DescentParamSet params = owner.descentParamSet();
            if (params.checkpointSettings(owner).checkpointDir() != null
                    || params.validationSettings(owner) != null
                    || !Objects.equals(params.weightColumn(owner), first.descentParamSet().weightColumn(first))
                    || !params.blockOptions(owner).equals(first.descentParamSet().blockOptions(first))) {
                return null;
            }
        }
        List<TrainingConfig> configs = owners.stream().map(DescentFit::config).toList();
        if (configs.stream().anyMatch(c -> c.localSgd().isLocal())) {
            return null;
        }
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
                    outcomes.add(outcome(sc, runner.setup(i), runner.result(i), loaded, 0));
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
