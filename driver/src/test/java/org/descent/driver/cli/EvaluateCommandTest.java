package org.descent.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code descent evaluate} as users run it: the text shows the per-class table, its macro row
 * and the AUCs with their bounds, and {@code --json} carries the same metrics under the same
 * names.
 */
class EvaluateCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void context() {
        SparkTestContext.get();
    }

    @Test
    void aBinaryModelPrintsThePositiveClassTheTableAndBothAreas() throws Exception {
        Path data = dir.resolve("logistic.libsvm");
        Path model = dir.resolve("logistic-model");
        assertEquals(0, CliRun.of("generate", "--kind", "logistic", "--rows", "600", "--features", "4", "--seed", "5",
                "--out", data.toString()).exitCode());
        CliRun t = CliRun.of("train", "--data", data.toString(), "--model", "logistic", "--max-iter", "30",
                "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());

        CliRun json = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode metrics = new ObjectMapper().readTree(json.out());
        for (String key : List.of("precision", "recall", "f1", "macroPrecision", "macroRecall", "macroF1", "auc",
                "aucErrorBound", "prAuc", "prAucErrorBound")) {
            double value = metrics.get(key).asDouble(-1);
            assertTrue(value >= 0 && value <= 1, key + " = " + value + " in " + json.out());
        }
        JsonNode table = metrics.get("perClass");
        assertEquals(2, table.size(), json.out());
        assertEquals(0, table.get(0).get("class").asInt());
        assertEquals(600.0, table.get(0).get("support").asDouble() + table.get(1).get("support").asDouble(), 1e-9);
        assertEquals(metrics.get("f1").asDouble(), table.get(1).get("f1").asDouble(), 0.0, "f1 is the positive class's");
        assertTrue(metrics.get("aucErrorBound").asDouble() < 1e-3, json.out());

        CliRun text = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, text.exitCode(), text.err());
        List<String> lines = text.out().lines().toList();
        int header = lines.indexOf("class      precision      recall          F1     support");
        assertTrue(header > 0, text.out());
        assertTrue(lines.get(header + 1).startsWith("0 ") && lines.get(header + 2).startsWith("1 ")
                && lines.get(header + 3).startsWith("macro "), text.out());
        assertTrue(lines.contains(String.format(Locale.ROOT, "%-16s %.6f", "auc", metrics.get("auc").asDouble())), text.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("prAuc ")), text.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("aucErrorBound ")), text.out());
    }

    @Test
    void aSoftmaxModelPrintsOneRowPerClassThenTheConfusionMatrix() throws Exception {
        Path data = dir.resolve("softmax.libsvm");
        Path model = dir.resolve("softmax-model");
        assertEquals(0, CliRun.of("generate", "--kind", "softmax", "--classes", "3", "--rows", "600", "--features", "4",
                "--seed", "6", "--out", data.toString()).exitCode());
        CliRun t = CliRun.of("train", "--data", data.toString(), "--model", "softmax", "--max-iter", "30",
                "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());

        CliRun text = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, text.exitCode(), text.err());
        List<String> lines = text.out().lines().toList();
        int header = lines.indexOf("class      precision      recall          F1     support");
        assertTrue(header > 0, text.out());
        for (int k = 0; k < 3; k++) {
            assertTrue(lines.get(header + 1 + k).startsWith(k + " "), text.out());
        }
        assertTrue(lines.get(header + 4).startsWith("macro "), text.out());
        assertTrue(lines.indexOf("confusionMatrix (rows: true label, columns: predicted)") > header + 4, text.out());

        JsonNode metrics = new ObjectMapper().readTree(CliRun.of("evaluate", "--model", model.toString(), "--data",
                data.toString(), "--json").out());
        assertEquals(3, metrics.get("perClass").size());
        assertEquals(3, metrics.get("macroClasses").asInt());
        assertTrue(metrics.get("macroF1").asDouble() > 0, metrics.toString());
    }
}
