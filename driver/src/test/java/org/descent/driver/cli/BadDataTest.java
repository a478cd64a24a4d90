package org.descent.driver.cli;

import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.descent.driver.Refusal.assertRefused;
import static org.descent.driver.Refusal.assertUnchanged;
import static org.descent.driver.Refusal.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Data the command line must refuse, or read correctly, through {@code train}, {@code evaluate}
 * and {@code predict}: one {@code error:} line naming the file and line at fault (or the file
 * and the cause of a failed read), exit 2, no stack trace, nothing written.
 */
class BadDataTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void spark() {
        SparkTestContext.get();
    }

    /** Runs {@code descent train} and checks it is refused without writing anything; returns the error line. */
    private static String refusedTraining(String[] dataArgs, String... fragments) {
        Path out = dir.resolve("out-" + System.nanoTime());
        Map<String, String> before = snapshot(dir);
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString(), "--max-iter", "2"));
        args.addAll(Arrays.asList(dataArgs));
        String line = assertRefused(CliRun.of(args.toArray(String[]::new)), fragments);
        assertUnchanged(before, dir);
        return line;
    }

    private static String[] args(String... args) {
        return args;
    }

    private static String file(String name, String... lines) throws IOException {
        return TestFiles.write(dir.resolve(name), List.of(lines)).toString();
    }

    // 1. Numbers follow the formats, not Java's literal syntax.

    @Test
    void aHexadecimalFloatInLibsvmIsNotANumberAndIsNamedWithItsFileAndLine() throws IOException {
        String data = file("hex.libsvm", "1 1:0.5", "0 1:0x1p3");
        refusedTraining(args("--data", data, "--model", "logistic"),
                "hex.libsvm:2:", "value is not a number", "'1:0x1p3'");
    }

    @Test
    void typeSuffixesInCsvAreNotNumbers() throws IOException {
        String data = file("suffix.csv", "1,2.5", "0,1.5f");
        refusedTraining(args("--data", data, "--format", "csv", "--model", "logistic"),
                "suffix.csv:2:", "column 1 is not a number", "'1.5f'");
    }

    @Test
    void nanAndInfinityAreRefusedAsNotFiniteNumbers() throws IOException {
        String libsvm = file("nan.libsvm", "1 1:0.5", "nan 1:1");
        refusedTraining(args("--data", libsvm, "--model", "linear"), "nan.libsvm:2:", "label is not a finite number");
        String csv = file("inf.csv", "1,inf");
        refusedTraining(args("--data", csv, "--format", "csv", "--model", "linear"),
                "inf.csv:1:", "column 1 is not a finite number");
    }

    @Test
    void decimalSpellingsWithSignsBarePointsAndExponentsAreRead() throws IOException {
        String data = file("decimals.libsvm", "+1 1:.5 2:5.", "-1 1:-2.5e-3 2:1E2", "1 1:+1");
        CliRun run = CliRun.of("train", "--data", data, "--model", "logistic", "--max-iter", "1",
                "--out", dir.resolve("decimals-out").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("on 3 rows x 2 features"), run.out());
    }

    // 2. A UTF-8 byte-order mark is no part of the first line.

    @Test
    void aByteOrderMarkBeforeACsvHeaderIsNoPartOfTheFirstColumnsName() throws IOException {
        Path data = dir.resolve("bom-header.csv");
        Files.write(data, bytesWithByteOrderMark("y,a,b\n1,2,3\n0,1,1\n"));
        CliRun run = CliRun.of("train", "--data", data.toString(), "--format", "csv", "--header", "--label-col", "y",
                "--model", "logistic", "--max-iter", "1", "--out", dir.resolve("bom-header-out").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("on 2 rows x 2 features"), run.out());
    }

    @Test
    void aByteOrderMarkBeforeTheFirstRowOfAHeaderlessCsvIsNoPartOfItsLabel() throws IOException {
        Path data = dir.resolve("bom-rows.csv");
        Files.write(data, bytesWithByteOrderMark("1,2,3\n0,1,1\n"));
        CliRun run = CliRun.of("train", "--data", data.toString(), "--format", "csv",
                "--model", "logistic", "--max-iter", "1", "--out", dir.resolve("bom-rows-out").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("on 2 rows x 2 features"), run.out());
    }

    @Test
    void aHeaderDeclaredForCsvWithoutOneIsRefusedNamingTheUsersOption() throws IOException {
        String data = file("no-header.csv", "1,2,3", "0,1,1");
        String line = refusedTraining(args("--data", data, "--format", "csv", "--header", "--model", "logistic"),
                "looks like data", "leave out --header (header = true in a config file)");
        assertFalse(line.contains("hasHeader"), line);
    }

    @Test
    void aLabelColumnNameWithoutAHeaderIsRefusedNamingTheUsersOption() throws IOException {
        String data = file("name-no-header.csv", "1,2,3", "0,1,1");
        String line = refusedTraining(args("--data", data, "--format", "csv", "--label-col", "label",
                "--model", "logistic"), "'label' is a name", "--header (header = true in a config file)");
        assertFalse(line.contains("hasHeader"), line);
    }

    // 3. A feature index the model's parameters cannot hold.

    @Test
    void aFeatureIndexTooLargeForTheModelIsRefusedNamingItsRowAndWhatIsAllowed() throws IOException {
        String data = file("huge-index.libsvm", "1 1:0.5 2:1", "0 1:1 2147483647:1", "1 2:3");
        refusedTraining(args("--data", data, "--model", "logistic"),
                "feature index 2147483647", "at most 2147483638 features", "first at ", "huge-index.libsvm:2");
        refusedTraining(args("--data", data, "--model", "softmax"),
                "at most 1073741818 features", "huge-index.libsvm:2");
    }

    // 4. Labels a model cannot take name the first row that has one.

    @Test
    void logisticLabelsOutsideZeroOneOrPlusMinusOneNameTheFirstOffendingRow() throws IOException {
        String data = file("labels.libsvm", "1 1:1", "0 1:2", "7 2:1", "1 1:1", "7 1:1");
        refusedTraining(args("--data", data, "--model", "logistic"),
                "labels: logistic regression needs labels 0/1 or -1/+1, but the data has labels {0, 1, 7}; first at ",
                "labels.libsvm:3");
    }

    @Test
    void softmaxLabelsThatAreNotClassIndicesNameTheFirstOffendingRow() throws IOException {
        String fractional = file("fractional.libsvm", "0 1:1", "1 1:2", "1 2:1", "2.5 1:1");
        refusedTraining(args("--data", fractional, "--model", "softmax"),
                "needs integer labels 0..K-1", "first at ", "fractional.libsvm:4");
        String tooMany = file("classes.libsvm", "0 1:1", "4 1:2", "1 2:1");
        refusedTraining(args("--data", tooMany, "--model", "softmax", "--num-classes", "3"),
                "the data has label 4 but --num-classes is 3", "first at ", "classes.libsvm:2");
    }

    // 5. Evaluation data wider than the model.

    @Test
    void evaluateAndPredictOnDataWiderThanTheModelNameTheModelAndTheFirstWiderRow() throws IOException {
        Path model = dir.resolve("five-model");
        String train = file("five.libsvm", "1 1:1 5:1", "0 2:1");
        CliRun trained = CliRun.of("train", "--data", train, "--model", "logistic", "--max-iter", "1",
                "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        String wider = file("nine.libsvm", "1 1:1", "0 2:1 9:1", "1 3:1");

        Map<String, String> before = snapshot(dir);
        String line = assertRefused(CliRun.of("evaluate", "--model", model.toString(), "--data", wider),
                "data " + wider + " has feature index 9 but the model " + model + " has 5 features; first at ",
                "nine.libsvm:2");
        assertFalse(line.contains("--num-features"), line);
        assertRefused(CliRun.of("predict", "--model", model.toString(), "--data", wider,
                "--out", dir.resolve("predictions.csv").toString()), "the model " + model + " has 5 features");
        assertUnchanged(before, dir);
    }

    // 6. Files that cannot be read.

    @Test
    void aTruncatedGzipFileIsOneLineNamingTheFile() throws IOException {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(whole)) {
            for (int i = 0; i < 20_000; i++) {
                gzip.write(((i % 2) + " 1:" + i + " 2:" + (i % 7) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Path truncated = dir.resolve("truncated.libsvm.gz");
        Files.write(truncated, Arrays.copyOf(whole.toByteArray(), whole.size() / 2));
        refusedTraining(args("--data", truncated.toString(), "--model", "logistic"),
                "cannot read data file ", "truncated.libsvm.gz", "the file ends unexpectedly");
    }

    @Test
    void anUnreadableFileIsOneLineNamingTheFile(@TempDir Path elsewhere) throws IOException {
        // Outside dir, which the refusal check reads whole to see that nothing changed.
        Path locked = TestFiles.write(elsewhere.resolve("locked.libsvm"), List.of("1 1:1", "0 1:2"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "the user running the tests (root?) can read a file of mode 000");
            refusedTraining(args("--data", locked.toString(), "--model", "logistic"),
                    "cannot read data file ", "locked.libsvm", "Permission denied");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static byte[] bytesWithByteOrderMark(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        return all;
    }
}
