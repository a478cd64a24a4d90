package org.descent.driver.ml;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.cli.TrainCommand;
import org.descent.driver.train.TrainingSettings;
import org.descent.driver.train.ValidationSettings;
import org.descent.optim.HyperparameterIndex;
import org.descent.optim.ScheduleKind;
import org.descent.optim.UpdateRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimators' params are {@code descent train}'s training options: one for each, named in
 * camelCase, with its default; the registries' settings with their docs; a bad value refused
 * with the message the command line prints for it, at once when it can be checked alone, at
 * fit when it depends on other params. And they are proper spark.ml params: copied, explained.
 */
class DescentParamsTest {

    /**
     * The options of {@code train} that are not params: the estimator fixes the task; resuming
     * is the CLI's; validation rows from a path are, for a DataFrame, rows marked by
     * {@code validationIndicatorCol} (spark.ml's own convention, tested below).
     */
    private static final Set<String> NOT_PARAMS = Set.of("--task", "--resume", "--validation");
    /** {@code train}'s data options that are params; the others say where and how files are read. */
    private static final Set<String> DATA_PARAMS = Set.of("--partitions", "--storage", "--precision");

    /** The training options of {@code train}: its training, validation, checkpoint and caching options. */
    static List<OptionSpec> trainingOptions() {
        CommandSpec train = new CommandLine(new TrainCommand()).getCommandSpec();
        List<OptionSpec> options = new ArrayList<>(train.mixins().get("training").options());
        options.addAll(train.mixins().get("validation").options());
        options.addAll(train.mixins().get("checkpoints").options());
        train.mixins().get("data").options().stream().filter(o -> DATA_PARAMS.contains(o.longestName()))
                .forEach(options::add);
        options.removeIf(o -> NOT_PARAMS.contains(o.longestName()));
        return options;
    }

    static String paramName(OptionSpec option) {
        String key = option.longestName().substring(2);
        return key.equals(TrainingSettings.INTERCEPT) ? "fitIntercept" : DescentParamSet.camelCase(key);
    }

    @Test
    void everyTrainingOptionOfTheCommandLineIsAParamWithItsDefault() {
        DescentClassifier classifier = new DescentClassifier();
        DescentRegressor regressor = new DescentRegressor();
        List<OptionSpec> options = trainingOptions();
        assertTrue(options.size() > 30, "options found: " + options.size());
        for (OptionSpec option : options) {
            String name = paramName(option);
            assertTrue(classifier.hasParam(name), option.longestName() + " is param " + name);
            assertEquals(!name.equals("numClasses"), regressor.hasParam(name), name + " of the regressor");
            Param<Object> param = classifier.getParam(name);
            if (option.defaultValue() != null && !name.equals("model")) {
                assertEquals(parse(option.defaultValue(), classifier.getDefault(param).get()),
                        classifier.getDefault(param).get(), option.longestName() + "'s default");
            }
        }
        assertEquals(ValidationSettings.DEFAULT_EVERY, classifier.getValidateEvery(), "--validate-every's default");
        assertEquals(ValidationSettings.DEFAULT_PATIENCE, classifier.getEarlyStopPatience());
        assertEquals(ValidationSettings.DEFAULT_MIN_DELTA, classifier.getEarlyStopMinDelta());
        assertTrue(Double.isNaN(classifier.getValidationFraction()), "no validation unless asked for");
        assertEquals(null, classifier.getValidationIndicatorCol());
        assertEquals("logistic", classifier.getModel(), "--model has no default; each estimator has its own");
        assertEquals("linear", regressor.getModel());
    }

    @Test
    void theSettingsOfUpdateRulesAndSchedulesComeFromTheRegistries() {
        DescentClassifier c = new DescentClassifier();
        for (String key : HyperparameterIndex.keys()) {
            Param<Object> param = c.getParam(DescentParamSet.camelCase(key));
            assertEquals(HyperparameterIndex.describe(key), param.doc(), key);
            var shared = HyperparameterIndex.shared(key);
            if (shared.isPresent() && shared.get().defaultValue().isPresent()) {
                assertEquals(shared.get().byDefault(), ((Number) c.getDefault(param).get()).doubleValue(), 0.0, key);
            } else {
                assertFalse(c.hasDefault(param), key + " has no one default: its rules and schedules differ");
            }
            assertFalse(c.isSet(param), "not given unless set: the chosen optimizer's own default applies");
        }
        assertEquals(UpdateRule.DEFAULT.spelling(), c.getOptimizer());
        assertEquals(ScheduleKind.DEFAULT.spelling(), c.getSchedule());
        assertEquals(ScheduleKind.LEARNING_RATE.byDefault(), c.getLr());
        assertTrue(c.lr().doc().startsWith(ScheduleKind.LEARNING_RATE.describe()));
    }

    /** The message {@code descent train} refuses these options with. */
    static String cli(String... options) {
        List<String> args = new ArrayList<>(List.of("train", "--data", "d", "--model", "logistic", "--out", "o"));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        String line = run.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
        return line.substring("error: ".length());
    }

    static void assertRefusedAs(String cliMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(cliMessage, e.getMessage());
    }

    @Test
    void aValueOutOfRangeIsRefusedWhenSetWithTheCommandLinesMessage() {
        DescentClassifier c = new DescentClassifier();
        assertRefusedAs(cli("--lr", "-1"), () -> c.setLr(-1));
        assertRefusedAs(cli("--optimizer", "momentum", "--momentum", "1.5"), () -> c.setMomentum(1.5));
        assertRefusedAs(cli("--max-iter", "0"), () -> c.setMaxIter(0));
        assertRefusedAs(cli("--batch", "size=0"), () -> c.setBatch("size=0"));
        assertRefusedAs(cli("--optimizer", "adamax"), () -> c.setOptimizer("adamax"));
        assertRefusedAs(cli("--reg-l2", "-0.5"), () -> c.setRegL2(-0.5));
        assertRefusedAs(cli("--clip-norm", "-1"), () -> c.setClipNorm(-1));
        assertRefusedAs(cli("--warmup", "-3"), () -> c.setWarmup(-3));
        assertRefusedAs(cli("--num-classes", "1"), () -> c.setNumClasses(1));
        assertRefusedAs(cli("--schedule", "step", "--step-every", "0"), () -> c.setStepEvery(0));
        assertRefusedAs(cli("--model", "tree"), () -> c.setModel("tree"));
        assertRefusedAs(cli("--model", "mlp", "--layers", "8,0"), () -> c.setLayers("8,0"));
        assertRefusedAs(cli("--validation-fraction", "1.5"), () -> c.setValidationFraction(1.5));
        assertRefusedAs(cli("--validation-fraction", "0.2", "--validate-every", "0"), () -> c.setValidateEvery(0));
        assertRefusedAs(cli("--validation-fraction", "0.2", "--early-stop-patience", "-1"),
                () -> c.setEarlyStopPatience(-1));
        assertRefusedAs(cli("--validation-fraction", "0.2", "--early-stop-min-delta", "-0.1"),
                () -> c.setEarlyStopMinDelta(-0.1));
        assertEquals(0.1, c.getLr(), "a refused value leaves the param as it was");
        assertRefusedAs(cli("--lr", "-1"), () -> new ParamGridBuilder().addGrid(c.lr(), new double[] {0.1, -1}).build());
        IllegalArgumentException regression = assertThrows(IllegalArgumentException.class, () -> c.setModel("linear"));
        assertEquals("model: DescentClassifier fits logistic, softmax, mlp, not linear (DescentRegressor fits "
                + "linear, mlp)", regression.getMessage());
    }

    @Test
    void aSettingTheOptimizerDoesNotTakeIsRefusedAtFitWithTheCommandLinesMessage() {
        Dataset<Row> data = SparkTestContext.session().createDataFrame(List.of(
                RowFactory.create(1.0, Vectors.dense(1, 0)), RowFactory.create(0.0, Vectors.dense(0, 1))),
                new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType()));
        assertRefusedAs(cli("--optimizer", "adam", "--momentum", "0.5"),
                () -> new DescentClassifier().setOptimizer("adam").setMomentum(0.5).fit(data));
        // A Pipeline checks every stage's schema before it fits the first: no data read, no stage fitted.
        assertRefusedAs(cli("--optimizer", "adam", "--momentum", "0.5"),
                () -> new DescentRegressor().setOptimizer("adam").setMomentum(0.5).transformSchema(data.schema()));
        assertRefusedAs(cli("--schedule", "linear", "--gamma", "0.5"),
                () -> new DescentClassifier().setSchedule("linear").setGamma(0.5).fit(data));
        assertRefusedAs(cli("--schedule", "exponential", "--gamma", "2"),
                () -> new DescentClassifier().setSchedule("exponential").setGamma(2).fit(data));
        assertRefusedAs(cli("--schedule", "step"), () -> new DescentClassifier().setSchedule("step").fit(data));
        assertRefusedAs(cli("--layers", "8"), () -> new DescentClassifier().setLayers(8).fit(data));
        assertRefusedAs(cli("--model", "mlp", "--layers", "8,4", "--activation", "relu,tanh,relu"),
                () -> new DescentClassifier().setModel("mlp").setLayers(8, 4).setActivation("relu,tanh,relu").fit(data));
        assertRefusedAs(cli("--checkpoint-every", "5"), () -> new DescentClassifier().setCheckpointEvery(5).fit(data));
        assertRefusedAs("weightCol: no column 'w'; columns: label, features",
                () -> new DescentClassifier().setWeightCol("w").fit(data));
        assertRefusedAs(cli("--validate-every", "5"), () -> new DescentClassifier().setValidateEvery(5).fit(data));
        assertRefusedAs(cli("--early-stop-patience", "2"),
                () -> new DescentRegressor().setEarlyStopPatience(2).transformSchema(data.schema()));
        assertRefusedAs("validationIndicatorCol: give either validationIndicatorCol or validationFraction, not both",
                () -> new DescentClassifier().setValidationFraction(0.2).setValidationIndicatorCol("v").fit(data));
        assertRefusedAs("validationIndicatorCol: no column 'v'; columns: label, features",
                () -> new DescentClassifier().setValidationIndicatorCol("v").fit(data));
        assertRefusedAs("validationIndicatorCol: column 'label' is double; allowed: boolean",
                () -> new DescentClassifier().setValidationIndicatorCol("label").fit(data));
    }

    @Test
    void copiesKeepWhatIsSetAndWhatIsNot() {
        DescentClassifier c = new DescentClassifier().setOptimizer("adam").setBeta2(0.99).setLayers(16, 8);
        assertEquals("16,8", c.getLayers());
        DescentClassifier copy = c.copy(new ParamMap().put(c.lr(), 0.3));
        assertNotEquals(c, copy);
        assertEquals(c.uid(), copy.uid());
        assertEquals(0.3, copy.getLr());
        assertEquals(0.1, c.getLr(), "the original is left alone");
        assertEquals(0.99, copy.getBeta2());
        assertTrue(copy.isSet(copy.optimizer()));
        assertFalse(copy.isSet(copy.beta1()), "an unset setting stays unset, so the optimizer's default applies");
        assertTrue(copy.explainParams().contains("beta2: adam, adamw: second-moment decay β2 in [0, 1) (default 0.999)."),
                copy.explainParams());
        assertEquals(names(c), names(copy));
    }

    private static Set<String> names(Params p) {
        return Arrays.stream(p.params()).map(Param::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Object parse(String text, Object like) {
        if (like instanceof Integer) {
            return Integer.parseInt(text);
        }
        if (like instanceof Long) {
            return Long.parseLong(text);
        }
        if (like instanceof Double) {
            return Double.parseDouble(text);
        }
        if (like instanceof Boolean) {
            return Boolean.parseBoolean(text);
        }
        return text;
    }
}
