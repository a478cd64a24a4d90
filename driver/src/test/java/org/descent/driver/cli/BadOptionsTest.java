package org.descent.driver.cli;

import org.descent.driver.CliRun;
import org.descent.driver.Refusal;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Options picocli cannot parse are refused with one line, never the whole usage: a value from a
 * config file at its file and line, one from the command line with a hint to run --help. All
 * of these fail while parsing, before any SparkContext or file is touched.
 */
class BadOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aBadValueInAConfigFileNamesTheFileAndLineInOneLine() throws Exception {
        Path config = TestFiles.write(dir.resolve("x.conf"), List.of("model = logistic", "# the rate", "lr = abc"));
        Map<String, String> before = Refusal.snapshot(dir);
        CliRun run = CliRun.of("train", "--config", config.toString(), "--data", "d", "--out", dir.resolve("out").toString());
        String line = Refusal.assertRefused(run, config + ":3:", "key 'lr'", "'abc'");
        assertEquals("error: " + config + ":3: invalid value for key 'lr': 'abc' is not a double", line);
        assertEquals(1, run.err().lines().count(), run.err());
        Refusal.assertUnchanged(before, dir);
    }

    @Test
    void aValueFromAConfigFileRefusedAfterParsingIsNamedAtItsLineToo() throws Exception {
        Path config = TestFiles.write(dir.resolve("tree.conf"), List.of("lr = 0.5", "model = tree"));
        Refusal.assertRefused(CliRun.of("train", "--config", config.toString(), "--data", "d", "--out", "o"),
                config + ":2: model: unknown value 'tree'");
        Path momentum = TestFiles.write(dir.resolve("momentum.conf"), List.of("model = logistic", "optimizer = adam",
                "momentum = 0.5"));
        Refusal.assertRefused(CliRun.of("train", "--config", momentum.toString(), "--data", "d", "--out", "o"),
                momentum + ":3: momentum");
        // Given again on the command line, the command line's value is the one refused: no file line.
        String line = Refusal.assertRefused(CliRun.of("train", "--config", config.toString(), "--model", "forest",
                "--data", "d", "--out", "o"), "model: unknown value 'forest'");
        assertFalse(line.contains(config.toString()), line);
    }

    @Test
    void aBadValueOnTheCommandLineIsOneLineAndAHintToRunHelp() {
        CliRun run = CliRun.of("train", "--data", "d", "--model", "linear", "--lr", "abc", "--out", "o");
        String line = Refusal.assertRefused(run, "'--lr'", "'abc'");
        assertEquals("error: invalid value for option '--lr': 'abc' is not a double", line);
        assertEquals(List.of(line, "see 'descent train --help'"), run.err().lines().toList());
        assertFalse(run.out().contains("Usage"), run.out());
    }

    @Test
    void theCommandLineValueIsBlamedWhenTheConfigFilesValueForTheSameKeyIsGood() throws Exception {
        Path config = TestFiles.write(dir.resolve("good.conf"), List.of("model = logistic", "max-iter = 10"));
        CliRun run = CliRun.of("train", "--config", config.toString(), "--data", "d", "--max-iter", "ten", "--out", "o");
        String line = Refusal.assertRefused(run, "'--max-iter'", "'ten'");
        assertFalse(line.contains("good.conf"), line);
    }

    @Test
    void anUnknownOptionSuggestsTheNearestOne() {
        CliRun run = CliRun.of("train", "--data", "d", "--model", "linear", "--max-iters", "5", "--out", "o");
        Refusal.assertRefused(run, "unknown option", "'--max-iters'");
        assertEquals(2, run.err().lines().count(), run.err());
        String hint = run.err().lines().toList().get(1);
        assertTrue(hint.startsWith("did you mean --max-iter") && hint.endsWith("? see 'descent train --help'"), hint);
    }

    @Test
    void aMissingRequiredOptionAndAMissingCommandAreOneLineEach() {
        Refusal.assertRefused(CliRun.of("train", "--model", "linear", "--out", "o"), "missing required option", "--data");
        CliRun none = CliRun.of();
        Refusal.assertRefused(none, "a command is needed");
        assertEquals("see 'descent --help'", none.err().lines().toList().get(1));
    }
}
