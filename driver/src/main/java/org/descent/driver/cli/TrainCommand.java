package org.descent.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.Versions;
import org.descent.driver.checkpoint.CheckpointSettings;
import org.descent.driver.checkpoint.RunIdentity;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.AtomicOutput;
import org.descent.driver.output.ModelFile;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.ProtectedPath;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.output.TrainingReport;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.load.ValidationSplit;
import org.descent.driver.round.ValidationPass;
import org.descent.driver.train.ProgressLog;
import org.descent.driver.train.ValidationSettings;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code descent train}: fit a model on Spark and write model.json, history.csv, summary.json. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model by gradient descent on Spark and write it to --out.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A file of 'key = value' lines with the same keys as these options; the command line wins.")
    String config;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Mixin
    ValidationOptions validation;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory, any Hadoop path.")
    String out;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Replace an existing output directory.")
    boolean overwrite;

    @Option(names = "--progress-every", defaultValue = "1", paramLabel = "N",
            description = "Print every N-th iteration (default: every one).")
    int progressEvery;

    @Mixin
    CheckpointOptions checkpoints;

    @Mixin
    SparkOptions spark;

    private final PrintStream console;

    public TrainCommand() {
        this(System.out);
    }

    TrainCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        DataSource source = data.toSource();
        TrainingConfig trainingConfig = trainingConfig();
        ProgressLog progress = new ProgressLog(console, progressEvery, trainingConfig.localSgd());
        CheckpointSettings checkpointSettings = checkpoints.settings();
        checkpointSettings.check();
        validation.check();
        try (SparkOptions.DriverContext driver = spark.start("train")) {
            JavaSparkContext sc = driver.sc();
            OutputTarget output = new OutputTarget("--out", out, ModelFile.DIRECTORY, overwrite);
            ProtectedPath dataPath = new ProtectedPath("--data", data.data);
            output.check(sc.hadoopConfiguration(), List.of(dataPath,
                    new ProtectedPath("--validation", validation.validation),
                    new ProtectedPath("--checkpoint-dir", checkpointSettings.checkpointDir()),
                    new ProtectedPath("--resume", checkpointSettings.resume())));
            checkpointSettings.checkBeforeLoading(sc.hadoopConfiguration(), overwrite, List.of(dataPath));
            long loadStart = System.nanoTime();
            ValidationSplit.Parts parts = validation.split(sc, source, DataLoader.load(sc, source),
                    trainingConfig.seed());
            LoadedData loaded = parts.training();
            LoadedData held = parts.validation();
            double loadMillis = (System.nanoTime() - loadStart) / 1e6;
            TrainingSetup setup = TrainingSetup.prepare(sc, loaded, trainingConfig);
            ModelSpec spec = setup.spec();
            console.printf(Locale.ROOT, "descent: %s on %d rows x %d features (%d partitions, %.1f MB cached) in %.0f ms; "
                            + "master %s; batch %s, %s, %s%s; standardization %s%n",
                    spec.kind().spelling(), loaded.numRows(), loaded.numFeatures(), loaded.numPartitions(),
                    loaded.featureBytes() / 1e6, loadMillis, sc.master(), trainingConfig.batch(),
                    trainingConfig.optimizer(), trainingConfig.schedule(),
                    trainingConfig.localSgd().isLocal() ? ", " + trainingConfig.localSgd() : "", setup.standardization());
            Trainer trainer = setup.trainer(sc);
            RunIdentity identity = RunIdentity.of(spec, trainingConfig, loaded);
            ValidationPass validationPass = null;
            if (held != null) {
                ValidationSettings settings = validation.settings();
                validationPass = setup.validationPass(sc, held);
                trainer = trainer.withValidation(validationPass, settings);
                identity = identity.withValidation(validation.fraction, validation.validation, held.numRows(),
                        settings.every());
                console.printf(Locale.ROOT, "descent: validation on %d rows (%s), scored every %d iterations%s%n",
                        held.numRows(), validation.describe(), settings.every(), settings.stopsEarly()
                                ? "; early stopping after " + settings.patience() + " without improvement" : "");
            }
            CheckpointSettings.Plan plan = checkpointSettings.plan(identity,
                    trainer.initialState(), sc.hadoopConfiguration(), overwrite, line -> {
                        console.println(line);
                        console.flush();
                    });
            if (plan.resumedFrom() != null) {
                console.printf(Locale.ROOT, "descent: resuming from %s (%d iterations done)%n",
                        plan.resumedFrom().location(), plan.resumedFrom().iteration());
            }
            TrainingResult result = trainer.train(plan.start(), progress, plan.snapshots());
            TrainedModel trained = new TrainedModel(spec, result.params(), setup.classes(), trainingConfig.describe(),
                    Versions.all(sc.version()), source.layout());
            Map<String, Object> summary = TrainingSummary.of(result, loaded, setup, loadMillis, sc, data.data);
            if (held != null) {
                summary.putAll(TrainingSummary.validation(result, held, validationPass, spec, validation));
                held.unpersist();
            }
            Map<String, AtomicOutput.Content> files = new LinkedHashMap<>();
            files.put(ModelFile.NAME, o -> ModelFile.write(trained, o));
            files.put(TrainingReport.HISTORY, o -> TrainingReport.writeHistory(result.history(), o));
            files.put(TrainingReport.SUMMARY, o -> TrainingReport.writeSummary(summary, o));
            new AtomicOutput(sc.hadoopConfiguration()).writeDirectory(output, files);
            loaded.unpersist();
            console.printf(Locale.ROOT, "descent: %s (%.1f s training). Model written to %s%n",
                    result.message(), result.trainMillis() / 1000, out);
            if (result.stopReason().isFailure()) {
                System.err.println("error: " + result.message());
                return DescentMain.EXIT_FAILURE;
            }
            return 0;
        }
    }

    TrainingConfig trainingConfig() {
        return training.toConfig();
    }

}
