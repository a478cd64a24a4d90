package org.descent.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --class-weight} multiplies each row's sample weight by its class's factor: training
 * with it is training on the same rows with those weights written in the data, bit for bit.
 */
class ClassWeightTest {

    @TempDir
    static Path dir;
    static Path plain;
    static Path weighted;

    /** CSV rows {@code label,weight,x1..x4}: 3 of 4 rows of class 0; the weighted copy gives class 1 weight 10. */
    @BeforeAll
    static void data() throws Exception {
        SparkTestContext.get();
        SplittableRandom rng = new SplittableRandom(11);
        List<String> ones = new ArrayList<>();
        List<String> tens = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double[] x = {TestFiles.gaussian(rng), TestFiles.gaussian(rng), TestFiles.gaussian(rng), TestFiles.gaussian(rng)};
            double z = -1.2 + 0.8 * x[0] - 0.5 * x[1];
            int label = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            String features = String.format(Locale.ROOT, "%.17g,%.17g,%.17g,%.17g", x[0], x[1], x[2], x[3]);
            ones.add(label + ",1," + features);
            tens.add(label + "," + (label == 1 ? 10 : 1) + "," + features);
        }
        plain = TestFiles.write(dir.resolve("plain.csv"), ones);
        weighted = TestFiles.write(dir.resolve("weighted.csv"), tens);
    }

    static JsonNode train(Path data, String name, String... extra) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--format", "csv",
                "--weight-col", "1", "--model", "logistic", "--lr", "0.5", "--max-iter", "30", "--tol", "0",
                "--partitions", "2", "--out", out.toString()));
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(out.resolve("model.json").toFile());
    }

    @Test
    void classFactorsTrainAsWeightsWrittenInTheData() throws Exception {
        JsonNode byOption = train(plain, "by-option", "--class-weight", "0:1,1:10");
        JsonNode inData = train(weighted, "in-data");
        assertEquals(inData.get("weights").toString(), byOption.get("weights").toString());
        assertEquals(inData.get("intercepts").toString(), byOption.get("intercepts").toString());
        assertNotEquals(train(plain, "unweighted").get("weights").toString(), byOption.get("weights").toString());
    }

    @Test
    void balancedRaisesTheRareClass() throws Exception {
        double plainIntercept = train(plain, "plain-b").get("intercepts").get(0).asDouble();
        JsonNode balanced = train(plain, "balanced", "--class-weight", "balanced");
        assertTrue(balanced.get("intercepts").get(0).asDouble() > plainIntercept + 0.5,
                "the rare class 1 weighs as much as class 0 in all: its intercept rises");
        assertEquals("balanced", balanced.path("trainingConfig").path("classWeight").asText(), balanced.toString());
    }

    @Test
    void misuseIsRefusedInOneLine() {
        CliRun linear = CliRun.of("train", "--data", plain.toString(), "--format", "csv", "--model", "linear",
                "--class-weight", "balanced", "--out", dir.resolve("x").toString());
        assertEquals(2, linear.exitCode());
        assertTrue(linear.err().contains("class-weight: only classification models"), linear.err());
        CliRun absent = CliRun.of("train", "--data", plain.toString(), "--format", "csv", "--model", "logistic",
                "--class-weight", "0:1,7:2", "--out", dir.resolve("y").toString());
        assertEquals(2, absent.exitCode());
        assertTrue(absent.err().contains("class-weight: label 7 is not a class of the data; its classes are 0, 1"),
                absent.err());
        CliRun spelled = CliRun.of("train", "--data", plain.toString(), "--format", "csv", "--model", "logistic",
                "--class-weight", "heavy", "--out", dir.resolve("z").toString());
        assertEquals(2, spelled.exitCode());
        assertTrue(spelled.err().contains("allowed: balanced, or LABEL:FACTOR"), spelled.err());
    }
}
