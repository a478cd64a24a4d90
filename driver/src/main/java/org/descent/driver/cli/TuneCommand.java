package org.descent.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.UserInputException;
import org.descent.driver.Versions;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.load.ValidationSplit;
import org.descent.driver.output.AtomicOutput;
import org.descent.driver.output.ModelFile;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.ProtectedPath;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.output.TrainingReport;
import org.descent.driver.round.ValidationPass;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;
import org.descent.driver.train.ValidationSettings;
import org.descent.driver.tune.HalvingPlan;
import org.descent.driver.tune.SearchSpace;
import org.descent.driver.tune.Trial;
import org.descent.driver.tune.TrialOutcome;
import org.descent.driver.tune.TrialRunner;
import org.descent.driver.tune.TrialRunners;
import org.descent.driver.tune.TuneMetric;
import org.descent.driver.tune.TuneProgress;
import org.descent.driver.tune.TuneReport;
import org.descent.driver.tune.TuneSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code descent tune}: trains many configurations of one model on the same cached data, each
 * scored on validation rows, and writes the table of trials, a report and the best model (see
 * {@link TuneReport}). Random search ({@code --trials N}) or a grid ({@code --grid}) over
 * {@code --search}'s settings ({@link SearchSpace}); with {@code --halving ETA}, successive
 * halving ({@link HalvingPlan}) spends most iterations on the trials that score best early.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search training settings: train many configurations of one model on the same data, score each "
                + "on validation rows, and write trials.csv, trials.md, report.html and the best model (best/) to --out.",
                "The training options given here are shared by every trial; --search varies some of them."})
public final class TuneCommand implements Callable<Integer> {

    /** Held out when neither --validation nor --validation-fraction is given: a common split, stable by --seed. */
    static final double DEFAULT_VALIDATION_FRACTION = 0.2;
    /** Random search's trials when --trials is not given. */
    static final int DEFAULT_TRIALS = 16;
    /** At most one progress line per this many milliseconds, besides one at each rung's end. */
    static final long PROGRESS_MILLIS = 1000;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A file of 'key = value' lines with the same keys as these options; the command line wins.")
    String config;

    @Option(names = "--search", required = true, paramLabel = "KEY=VALUES,...",
            description = "The settings to vary, keys as train's options without dashes; VALUES logu:LO:HI "
                    + "(log-uniform), u:LO:HI (uniform), a|b|c (a choice) or one value, e.g. "
                    + "'lr=logu:1e-4:1,reg-l2=logu:1e-6:1e-1,optimizer=adam|nesterov,layers=64|128,64'.")
    String search;

    @Option(names = "--trials", paramLabel = "N",
            description = "Random search: how many configurations to draw (default " + DEFAULT_TRIALS + ").")
    Integer trials;

    @Option(names = "--grid", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Train every combination of the choices instead of drawing (ranges are refused).")
    boolean grid;

    @Option(names = "--halving", paramLabel = "ETA",
            description = "Successive halving: after each rung only the best 1/ETA of the running trials go on; "
                    + "rungs of R, R*ETA, ... iterations up to --max-iter.")
    Integer halving;

    @Option(names = "--min-iter", paramLabel = "R",
            description = "The first rung's iterations, a multiple of --validate-every (default max-iter/ETA^2).")
    Integer minIterations;

    @Option(names = "--metric", defaultValue = "loss", paramLabel = "loss|accuracy|rmse",
            description = "The validation score trials are ranked by, at their best evaluation (default loss).")
    String metric;

    @Option(names = "--sequential", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Train the trials one after another, each exactly as descent train would.")
    boolean sequential;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Mixin
    ValidationOptions validation;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory, any Hadoop path: trials.csv, trials.md, report.html, best/.")
    String out;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Replace an existing output directory of descent tune.")
    boolean overwrite;

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec spec;

    private final PrintStream console;

    public TuneCommand() {
        this(System.out);
    }

    TuneCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        int maxIterations = training.maxIterations;
        if (!validation.isOn()) {
            validation.fraction = DEFAULT_VALIDATION_FRACTION;
        }
        if (validation.every == null) {
            // Every trial must be scored at least once, however short the search's budget.
            validation.every = Math.max(1, Math.min(ValidationSettings.DEFAULT_EVERY, maxIterations));
        } else if (validation.every > maxIterations) {
            throw new UserInputException("validate-every: " + validation.every + " is more than --max-iter "
                    + maxIterations + "; no trial would ever be scored");
        }
        validation.check();
        ValidationSettings validationSettings = validation.settings();
        TuneMetric tuneMetric = TuneMetric.parse(metric);
        SearchSpace space = SearchSpace.parse(search);
        for (String key : space.keys()) {
            if (givenHere(key)) {
                throw new UserInputException("search: " + key + ": also given as --" + key + "; give it in one place");
            }
        }
        // The trials' configurations, not the command's own: a network's layers may come from the search alone.
        List<Trial> trialList = space.trials(draws(space, training.seed), training::toSettings);
        for (Trial trial : trialList) {
            tuneMetric.check(trial.config().task());
            if (trial.config().localSgd().isLocal()) {
                throw new UserInputException("local-steps: trials of a search train synchronously (one round per "
                        + "iteration for a whole group); local SGD is for descent train, got " + trial.config().localSgd());
            }
        }
        TrainingConfig base = trialList.get(0).config();
        HalvingPlan plan = plan(maxIterations, validationSettings.every());
        DataSource source = data.toSource();
        try (SparkOptions.DriverContext driver = spark.start("tune")) {
            JavaSparkContext sc = driver.sc();
            OutputTarget output = new OutputTarget("--out", out, TuneReport.OUTPUT, overwrite);
            output.check(sc.hadoopConfiguration(), List.of(new ProtectedPath("--data", data.data),
                    new ProtectedPath("--validation", validation.validation)));
            ValidationSplit.Parts parts = validation.split(sc, source, DataLoader.load(sc, source), base.seed());
            LoadedData loaded = parts.training();
            LoadedData held = parts.validation();
            try {
                return search(sc, loaded, held, trialList, plan, tuneMetric, validationSettings, space, output);
            } finally {
                loaded.unpersist();
                held.unpersist();
            }
        }
    }

    private int search(JavaSparkContext sc, LoadedData loaded, LoadedData held, List<Trial> trialList, HalvingPlan plan,
                       TuneMetric tuneMetric, ValidationSettings validationSettings, SearchSpace space,
                       OutputTarget output) {
        console.printf(Locale.ROOT, "descent tune: %s on %d rows x %d features (%d partitions), validation on %d rows "
                        + "(%s); %d trials by %s, %s; ranked by validation %s%n",
                trialList.get(0).config().kind().spelling(), loaded.numRows(), loaded.numFeatures(),
                loaded.numPartitions(), held.numRows(), validation.describe(), trialList.size(),
                grid ? "grid" : "random search", plan.halves() ? "successive halving (eta " + plan.eta() + ", rungs "
                        + plan.budgets() + ")" : "each to " + plan.budgets().get(0) + " iterations at most",
                tuneMetric.spelling());
        List<TrainingConfig> configs = trialList.stream().map(Trial::config).toList();
        List<TrialOutcome> outcomes;
        long gradientRows;
        long start = System.nanoTime();
        try (TrialRunner runner = TrialRunners.create(sc, loaded, held, configs, validationSettings, sequential)) {
            outcomes = TuneSearch.run(runner, trialList, plan, tuneMetric,
                    new TuneProgress(console, tuneMetric, trialList.size(), PROGRESS_MILLIS));
            gradientRows = runner.gradientRows();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> context = context(sc, loaded, held, plan, gradientRows, seconds);
        TuneReport.Search report = new TuneReport.Search(outcomes, space.keys(), tuneMetric, plan, context);
        Map<String, AtomicOutput.Content> files = new LinkedHashMap<>(TuneReport.files(report));
        TrialOutcome best = report.best();
        if (best != null) {
            files.putAll(bestFiles(sc, loaded, held, best, context));
        }
        new AtomicOutput(sc.hadoopConfiguration()).writeDirectory(output, files);
        console.printf(Locale.ROOT, "descent tune: %d trials in %.1f s, %d gradient rows; report written to %s/%s%n",
                outcomes.size(), seconds, gradientRows, out, TuneReport.HTML);
        if (best == null) {
            System.err.println("error: no trial scored a finite validation " + tuneMetric.spelling()
                    + " (every trial diverged?); see " + out + "/" + TuneReport.MARKDOWN);
            return DescentMain.EXIT_FAILURE;
        }
        console.printf(Locale.ROOT, "descent tune: best trial %d (%s): validation %s %s at iteration %d; its model is in "
                        + "%s/best%n", best.trial().id(), SearchSpace.describe(best.trial().values()), tuneMetric.spelling(),
                best.best().score(), best.best().iteration(), out);
        return 0;
    }

    /** The trials' settings: drawn, or every combination. */
    private List<Map<String, String>> draws(SearchSpace space, long seed) {
        if (grid) {
            if (trials != null) {
                throw new UserInputException("trials: --grid trains every combination; leave out --trials");
            }
            return space.grid();
        }
        int n = trials == null ? DEFAULT_TRIALS : trials;
        if (n < 1) {
            throw new UserInputException("trials: must be >= 1, got " + n);
        }
        return space.sample(n, seed);
    }

    private HalvingPlan plan(int maxIterations, int validateEvery) {
        if (halving == null) {
            if (minIterations != null) {
                throw new UserInputException("min-iter: the first rung of successive halving; it needs --halving ETA");
            }
            return HalvingPlan.none(maxIterations);
        }
        int r = minIterations != null ? minIterations
                : HalvingPlan.defaultMinIterations(Math.max(2, halving), maxIterations, validateEvery);
        return HalvingPlan.of(halving, r, maxIterations, validateEvery);
    }

    /**
     * best/: the best trial's model, history and summary as {@code descent train} writes them,
     * and train.conf, the config file that trains it again with {@code descent train}.
     */
    private Map<String, AtomicOutput.Content> bestFiles(JavaSparkContext sc, LoadedData loaded, LoadedData held,
                                                        TrialOutcome best, Map<String, Object> context) {
        TrainingConfig config = best.trial().config();
        TrainingResult result = best.result();
        TrainingSetup setup = TrainingSetup.prepare(sc, loaded, config);
        ValidationPass pass = setup.validationPass(sc, held);
        TrainedModel trained = new TrainedModel(setup.spec(), result.params(), setup.classes(), config.describe(),
                Versions.all(sc.version()), data.toSource().layout());
        Map<String, Object> summary = TrainingSummary.of(result, loaded, setup, 0, sc, data.data);
        summary.remove("loadMillis");
        summary.putAll(TrainingSummary.validation(result, held, pass, setup.spec(), validation));
        summary.put("tuneTrial", best.trial().id());
        summary.put("tuneSettings", best.trial().values());
        summary.put("tuneScore", best.best().score());
        summary.put("tuneSearch", context.get("search"));
        Map<String, AtomicOutput.Content> files = new LinkedHashMap<>();
        files.put(TuneReport.BEST + ModelFile.NAME, o -> ModelFile.write(trained, o));
        files.put(TuneReport.BEST + TrainingReport.HISTORY, o -> TrainingReport.writeHistory(result.history(), o));
        files.put(TuneReport.BEST + TrainingReport.SUMMARY, o -> TrainingReport.writeSummary(summary, o));
        files.put(TuneReport.BEST_CONFIG, o -> write(trainConfig(best.trial()), o));
        return files;
    }

    /**
     * The best trial as a config file of {@code descent train}: the training and validation
     * options given here, then the trial's own settings. With the same --data (and the same
     * validation rows) it trains the same model.
     */
    String trainConfig(Trial trial) {
        StringBuilder s = new StringBuilder("# descent train --config this-file --data ... --out ...: trial ")
                .append(trial.id()).append(" of descent tune\n");
        for (String[] kv : givenOptions(List.of("training", "validation"))) {
            if (!trial.values().containsKey(kv[0]) && !trial.leftOut().contains(kv[0])) {
                s.append(kv[0]).append(" = ").append(kv[1]).append('\n');
            }
        }
        if (!givenHere("validation") && !givenHere("validation-fraction")) {
            s.append("validation-fraction = ").append(validation.fraction).append('\n');
        }
        if (!givenHere("validate-every")) {
            s.append("validate-every = ").append(validation.every).append('\n');
        }
        trial.values().forEach((k, v) -> s.append(k).append(" = ").append(v).append('\n'));
        return s.toString();
    }

    /** The options of these mixins given on the command line or in the config file, as key and value. */
    private List<String[]> givenOptions(List<String> mixins) {
        ParseResult parsed = spec.commandLine().getParseResult();
        List<String[]> given = new ArrayList<>();
        for (String mixin : mixins) {
            for (OptionSpec option : spec.mixins().get(mixin).options()) {
                OptionSpec matched = parsed.matchedOption(option.longestName());
                if (matched != null) {
                    List<String> values = matched.originalStringValues();
                    given.add(new String[]{option.longestName().substring(2), values.get(values.size() - 1)});
                }
            }
        }
        return given;
    }

    /** Whether the option {@code --key} was given to this command (command line or config file). */
    private boolean givenHere(String key) {
        return spec.commandLine().getParseResult().matchedOption("--" + key) != null;
    }

    private Map<String, Object> context(JavaSparkContext sc, LoadedData loaded, LoadedData held, HalvingPlan plan,
                                        long gradientRows, double seconds) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("search", search);
        c.put("trials", grid ? "grid" : "random, --seed " + training.seed);
        c.put("model", training.model);
        c.put("shared options", String.join(" ", givenOptions(List.of("training")).stream()
                .map(kv -> "--" + kv[0] + " " + kv[1]).toList()));
        c.put("data", data.data + " (" + loaded.numRows() + " training rows, " + loaded.numFeatures() + " features, "
                + loaded.numPartitions() + " partitions)");
        c.put("validation", validation.describe() + " (" + held.numRows() + " rows, scored every "
                + validation.settings().every() + " iterations)");
        c.put("budget", plan.halves() ? "successive halving, eta " + plan.eta() + ", rungs " + plan.budgets()
                : plan.budgets().get(0) + " iterations per trial at most");
        c.put("runner", sequential ? "sequential" : "default");
        c.put("work", gradientRows + " gradient rows in " + String.format(Locale.ROOT, "%.1f", seconds) + " s");
        c.put("master", sc.master());
        c.put("versions", Versions.all(sc.version()).toString());
        c.put("written", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return c;
    }

    private static void write(String text, OutputStream out) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
