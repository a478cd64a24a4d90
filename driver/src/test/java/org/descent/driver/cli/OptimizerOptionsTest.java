package org.descent.driver.cli;

import org.descent.driver.TestFiles;
import org.descent.driver.UserInputException;
import org.descent.driver.train.TrainingConfig;
import org.descent.optim.AdaGrad;
import org.descent.optim.Adam;
import org.descent.optim.AdamW;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.ExponentialSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.InverseTimeSchedule;
import org.descent.optim.LinearSchedule;
import org.descent.optim.Momentum;
import org.descent.optim.Nesterov;
import org.descent.optim.RmsProp;
import org.descent.optim.Sgd;
import org.descent.optim.StepSchedule;
import org.descent.optim.WarmupSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The update-rule vocabulary of {@code train} (a contract): every optimizer and schedule by
 * its spelling, settings defaulting to the papers, and each kind of mistake refused with the
 * key and what is allowed. Parsing only; no Spark.
 */
class OptimizerOptionsTest {

    @TempDir
    Path dir;

    @Test
    void everyOptimizerBySpellingWithPaperDefaults() {
        assertEquals(new Sgd(), config().optimizer());
        assertEquals(new Momentum(0.9), config("--optimizer", "momentum").optimizer());
        assertEquals(new Nesterov(0.9), config("--optimizer", "nesterov").optimizer());
        assertEquals(new AdaGrad(1e-8), config("--optimizer", "adagrad").optimizer());
        assertEquals(new RmsProp(0.9, 1e-8), config("--optimizer", "rmsprop").optimizer());
        assertEquals(new Adam(0.9, 0.999, 1e-8), config("--optimizer", "adam").optimizer());
        assertEquals(new AdamW(0.9, 0.999, 1e-8, 0.01), config("--optimizer", "adamw").optimizer());
    }

    @Test
    void everySettingOverridesItsDefault() {
        assertEquals(new Momentum(0.5), config("--optimizer", "momentum", "--momentum", "0.5").optimizer());
        assertEquals(new Nesterov(0.8), config("--optimizer", "nesterov", "--momentum", "0.8").optimizer());
        assertEquals(new AdaGrad(1e-6), config("--optimizer", "adagrad", "--eps", "1e-6").optimizer());
        assertEquals(new RmsProp(0.99, 1e-7), config("--optimizer", "rmsprop", "--rho", "0.99", "--eps", "1e-7").optimizer());
        assertEquals(new Adam(0.8, 0.99, 1e-6),
                config("--optimizer", "adam", "--beta1", "0.8", "--beta2", "0.99", "--eps", "1e-6").optimizer());
        assertEquals(new AdamW(0.9, 0.999, 1e-8, 0.1), config("--optimizer", "AdamW", "--weight-decay", "0.1").optimizer());
    }

    @Test
    void everyScheduleBySpelling() {
        assertEquals(new ConstantSchedule(0.3), config("--lr", "0.3").schedule());
        assertEquals(new StepSchedule(0.3, 0.1, 20), config("--lr", "0.3", "--schedule", "step", "--step-every", "20").schedule());
        assertEquals(new StepSchedule(0.3, 0.5, 20),
                config("--lr", "0.3", "--schedule", "step", "--step-every", "20", "--gamma", "0.5").schedule());
        assertEquals(new ExponentialSchedule(0.3, 0.99), config("--lr", "0.3", "--schedule", "exponential").schedule());
        assertEquals(new LinearSchedule(0.3, 0.01, 200),
                config("--lr", "0.3", "--schedule", "linear", "--final-lr", "0.01", "--max-iter", "200").schedule());
        assertEquals(new InverseTimeSchedule(0.3, 0.5),
                config("--lr", "0.3", "--schedule", "inverse-time", "--gamma", "0.5").schedule());
        // Warm-up goes in front of any schedule; a linear decay then spans the rest of the run.
        assertEquals(new WarmupSchedule(10, new LinearSchedule(0.3, 0, 190)),
                config("--lr", "0.3", "--schedule", "linear", "--warmup", "10", "--max-iter", "200").schedule());
        assertEquals(new WarmupSchedule(5, new ConstantSchedule(0.3)), config("--lr", "0.3", "--warmup", "5").schedule());
    }

    @Test
    void clippingIsOffUnlessGiven() {
        assertEquals(GradientClipping.OFF, config().clipping());
        assertEquals(new GradientClipping(2.5), config("--clip-norm", "2.5").clipping());
    }

    @Test
    void mistakesNameTheKeyAndWhatIsAllowed() {
        assertRefused("optimizer: unknown value 'adamax'; allowed: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw",
                "--optimizer", "adamax");
        assertRefused("momentum: not a setting of optimizer 'adam'; its settings: beta1, beta2, eps",
                "--optimizer", "adam", "--momentum", "0.9");
        assertRefused("beta1: not a setting of optimizer 'sgd'; its settings: none", "--beta1", "0.9");
        assertRefused("weight-decay: not a setting of optimizer 'adam'", "--optimizer", "adam", "--weight-decay", "0.1");
        assertRefused("beta1 must be in [0, 1), got 1.0", "--optimizer", "adam", "--beta1", "1");
        assertRefused("beta2 must be in [0, 1), got -0.5", "--optimizer", "adamw", "--beta2", "-0.5");
        assertRefused("momentum must be in [0, 1), got 1.2", "--optimizer", "momentum", "--momentum", "1.2");
        assertRefused("lr must be a finite number > 0, got 0.0", "--lr", "0");
        assertRefused("lr must be a finite number > 0, got -0.1", "--optimizer", "adam", "--lr", "-0.1");
        assertRefused("schedule: unknown value 'cosine'; allowed: constant, step, exponential, linear, inverse-time",
                "--schedule", "cosine");
        assertRefused("step-every: required by schedule 'step'", "--schedule", "step");
        assertRefused("gamma: not a setting of schedule 'linear'; its settings: final-lr", "--schedule", "linear",
                "--gamma", "0.5");
        assertRefused("final-lr: not a setting of schedule 'constant'", "--final-lr", "0.01");
        assertRefused("gamma must be in (0, 1] for this schedule, got 2.0", "--schedule", "exponential", "--gamma", "2");
        assertRefused("warmup: must be >= 0 iterations, got -3", "--warmup", "-3");
        assertRefused("clip-norm must be > 0, got -1.0 (0 turns clipping off)", "--clip-norm", "-1");
    }

    @Test
    void configFilesUseTheSameKeysAndChecks() throws Exception {
        Path good = TestFiles.write(dir.resolve("adam.conf"), List.of("model = logistic", "optimizer = adam",
                "lr = 0.01", "beta2 = 0.99", "schedule = step", "step-every = 50", "warmup = 5", "clip-norm = 10"));
        TrainingConfig c = parse(DescentMain.withConfigFile(DescentMain.commandLine(),
                new String[] {"train", "--config", good.toString(), "--data", "x", "--out", "y"}).arguments());
        assertEquals(new Adam(0.9, 0.99, 1e-8), c.optimizer());
        assertEquals(new WarmupSchedule(5, new StepSchedule(0.01, 0.1, 50)), c.schedule());
        assertEquals(new GradientClipping(10), c.clipping());

        Path bad = TestFiles.write(dir.resolve("bad.conf"), List.of("model = logistic", "optimizer = rmsprop",
                "beta1 = 0.9"));
        UserInputException e = assertThrows(UserInputException.class, () -> parse(DescentMain.withConfigFile(
                DescentMain.commandLine(), new String[] {"train", "--config", bad.toString(), "--data", "x", "--out", "y"}).arguments()));
        assertEquals("beta1: not a setting of optimizer 'rmsprop'; its settings: rho, eps", e.getMessage());
    }

    private static void assertRefused(String expectedMessage, String... options) {
        UserInputException e = assertThrows(UserInputException.class, () -> config(options));
        assertEquals(true, e.getMessage().startsWith(expectedMessage), e.getMessage());
    }

    static TrainingConfig config(String... options) {
        List<String> args = new ArrayList<>(List.of("train", "--data", "x", "--model", "logistic", "--out", "y"));
        args.addAll(List.of(options));
        return parse(args.toArray(String[]::new));
    }

    private static TrainingConfig parse(String[] args) {
        CommandLine cli = DescentMain.commandLine();
        CommandLine.ParseResult result = cli.parseArgs(args);
        TrainCommand train = (TrainCommand) result.subcommand().commandSpec().userObject();
        return train.trainingConfig();
    }
}
