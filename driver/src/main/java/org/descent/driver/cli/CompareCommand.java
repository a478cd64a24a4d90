package org.descent.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.UserInputException;
import org.descent.driver.Versions;
import org.descent.driver.compare.Comparison;
import org.descent.driver.compare.ComparisonReport;
import org.descent.driver.compare.ComparisonRunner;
import org.descent.driver.compare.RunOutcome;
import org.descent.driver.compare.RunSetting;
import org.descent.driver.compare.TargetLoss;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.AtomicOutput;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.ProtectedPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code descent compare}: trains one model on the same cached data under several named
 * settings and writes a report comparing them (see {@link ComparisonReport}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the same model on the same data under several named settings (--run) and write a "
                + "self-contained HTML report to --out: the objective against iterations and against training time, "
                + "and a table of the runs.",
                "The training options given here are shared by every run; a run's own options override them."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A file of 'key = value' lines with the same keys as these options, "
                    + "'run = NAME: OPTIONS' once per run; the command line wins.")
    String config;

    @Option(names = "--run", required = true, paramLabel = "'NAME: OPTIONS'",
            description = "A run: a name and training options overriding the shared ones, "
                    + "e.g. 'adam: --batch size=256 --optimizer adam --lr 0.01'. Repeat for each run.")
    List<String> runs = new ArrayList<>();

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Option(names = "--validation", paramLabel = "PATH",
            description = "Labelled data, in the same format as --data, to evaluate every run's model on.")
    String validation;

    @Option(names = "--target-loss", paramLabel = "X",
            description = "The objective for 'time to target' (default: 99%% of the way from the starting objective "
                    + "to the best final objective of any run).")
    Double targetLoss;

    @Option(names = "--objective-points", defaultValue = "" + ComparisonRunner.DEFAULT_OBJECTIVE_POINTS, paramLabel = "N",
            description = "Sampled-batch runs: how many times to measure the objective on all rows, spread over "
                    + "--max-iter (default: ${DEFAULT-VALUE}). Full-batch runs measure it every iteration anyway.")
    int objectivePoints;

    @Option(names = "--jvm-warmup", defaultValue = "" + ComparisonRunner.DEFAULT_JVM_WARMUP, paramLabel = "N",
            description = "Untimed single-row rounds before the first run, so that it does not pay for the JIT "
                    + "(default: ${DEFAULT-VALUE}).")
    int jvmWarmup;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory, any Hadoop path: report.html, the PNG charts, runs.csv, summary.json.")
    String out;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Replace an existing output directory.")
    boolean overwrite;

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec spec;

    private final PrintStream console;

    public CompareCommand() {
        this(System.out);
    }

    CompareCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        List<RunSetting> settings = settings();
        TargetLoss givenTarget = targetLoss == null ? null : given(targetLoss);
        DataSource source = data.toSource();
        try (SparkOptions.DriverContext driver = spark.start("compare")) {
            JavaSparkContext sc = driver.sc();
            OutputTarget output = new OutputTarget("--out", out, ComparisonReport.OUTPUT, overwrite);
            output.check(sc.hadoopConfiguration(),
                    List.of(new ProtectedPath("--data", data.data), new ProtectedPath("--validation", validation)));
            LoadedData loaded = DataLoader.load(sc, source);
            LoadedData held = validation == null ? null : DataLoader.load(sc, source.heldOut(validation, loaded.numFeatures()));
            try {
                console.printf(Locale.ROOT, "descent compare: %s on %d rows x %d features (%d partitions), %d runs%n",
                        settings.get(0).config().kind().spelling(), loaded.numRows(), loaded.numFeatures(),
                        loaded.numPartitions(), settings.size());
                List<RunOutcome> outcomes = new ComparisonRunner(sc, loaded, held, objectivePoints, jvmWarmup, console)
                        .run(settings);
                TargetLoss target = givenTarget != null ? givenTarget : TargetLoss.byDefault(outcomes);
                Comparison comparison = new Comparison(outcomes, target, context(settings, loaded, held, sc));
                new AtomicOutput(sc.hadoopConfiguration()).writeDirectory(output, ComparisonReport.files(comparison));
                console.printf(Locale.ROOT, "descent compare: report written to %s/%s%n", out, ComparisonReport.HTML);
            } finally {
                loaded.unpersist();
                if (held != null) {
                    held.unpersist();
                }
            }
            return 0;
        }
    }

    /** Every run's validated setting, before any data is read; the model family must be the same for all. */
    List<RunSetting> settings() {
        List<String> shared = sharedTrainingArguments();
        List<RunSetting> settings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String text : runs) {
            RunSpec run = RunSpec.parse(text);
            if (!names.add(run.name())) {
                throw new UserInputException("run: the name '" + run.name() + "' is given twice; every run needs its own");
            }
            RunSetting setting = run.toSetting(shared);
            if (!settings.isEmpty() && setting.config().kind() != settings.get(0).config().kind()) {
                throw new UserInputException("run '" + run.name() + "': --model " + setting.config().kind().spelling()
                        + " differs from the other runs' " + settings.get(0).config().kind().spelling()
                        + "; a comparison fits one model family");
            }
            settings.add(setting);
        }
        return settings;
    }

    /**
     * The training options given to compare itself (command line and config file), as
     * {@code --key=value} arguments in their final values, to put before each run's own.
     */
    private List<String> sharedTrainingArguments() {
        ParseResult parsed = spec.commandLine().getParseResult();
        List<String> args = new ArrayList<>();
        for (OptionSpec option : spec.mixins().get("training").options()) {
            OptionSpec matched = parsed.matchedOption(option.longestName());
            if (matched == null) {
                continue;
            }
            List<String> values = matched.originalStringValues();
            List<String> given = option.isMultiValue() ? values : values.subList(values.size() - 1, values.size());
            for (String value : given) {
                args.add(option.longestName() + "=" + value);
            }
        }
        return args;
    }

    private Map<String, Object> context(List<RunSetting> settings, LoadedData loaded, LoadedData held,
                                        JavaSparkContext sc) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", settings.get(0).config().kind().spelling());
        c.put("data", data.data);
        c.put("rows", loaded.numRows());
        c.put("features", loaded.numFeatures());
        c.put("partitions", loaded.numPartitions());
        if (held != null) {
            c.put("validation", validation + " (" + held.numRows() + " rows)");
        }
        c.put("shared options", String.join(" ", sharedTrainingArguments()));
        c.put("master", sc.master());
        c.put("versions", Versions.all(sc.version()).toString());
        c.put("written", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return c;
    }

    private static TargetLoss given(double value) {
        try {
            return TargetLoss.given(value);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
