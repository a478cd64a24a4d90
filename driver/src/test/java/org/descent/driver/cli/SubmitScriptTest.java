package org.descent.driver.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/submit refuses cluster deploy mode on the loopback cluster at once, in one line, in
 * every spelling spark-submit takes; the refusal comes before any build or JVM, so this runs
 * the script itself against a loopback cluster that only its master-url file pretends to run.
 */
class SubmitScriptTest {

    @TempDir
    Path clusterDir;

    record Run(int exitCode, String err) {
    }

    Run submit(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "scripts", "submit").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DESCENT_CLUSTER_DIR", clusterDir.toString());
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "submit refuses at once");
        return new Run(process.exitValue(), err);
    }

    @Test
    void clusterDeployModeOnTheLoopbackClusterIsRefusedInOneLine() throws Exception {
        Files.writeString(clusterDir.resolve("master-url"), "spark://127.0.0.1:7077\n");
        List<List<String>> spellings = List.of(
                List.of("--deploy-mode", "cluster", "train", "--data", "d", "--out", "o"),
                List.of("--master", "spark://127.0.0.1:7077", "--deploy-mode=cluster", "compare", "--data", "d"),
                List.of("--conf", "spark.submit.deployMode=cluster", "--name", "nightly", "predict"));
        for (List<String> args : spellings) {
            Run run = submit(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), args + ": " + run.err());
            assertEquals(List.of("error: --deploy-mode cluster is not supported on the loopback cluster "
                    + "(spark://127.0.0.1:7077): its driver would run on a worker without the cluster's secret and "
                    + "fail there; use client mode (the default)"), run.err().lines().toList(), args.toString());
        }
    }
}
