package org.descent.driver.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.descent.driver.CliRun;
import org.descent.driver.TestFiles;
import org.descent.driver.checkpoint.CheckpointStore;
import org.descent.driver.cli.DescentMain;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A driver killed mid-training: the command line runs in a child JVM (local[2]) with a
 * checkpoint every 5 iterations and is killed with SIGKILL as soon as it reports iteration
 * 12; the same command with {@code --resume} must then end with the bits of an uninterrupted
 * run. Adam, so the optimizer's moments have to come back from the checkpoint too.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DriverCrashTest {

    static final int MAX_ITER = 40;
    static final int KILL_AFTER_ITERATION = 12;

    @TempDir
    Path dir;

    /** A JVM like this one (same flags, same class path) running the Descent command line. */
    static ProcessBuilder descent(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:") || a.startsWith("-Dio.netty")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("--enable-native-access"))
                .toList());
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(DescentMain.class.getName());
        command.addAll(args);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    List<String> trainArgs(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--master", "local[2]", "--data",
                dir.resolve("train.libsvm").toString(), "--model", "logistic", "--batch", "size=500", "--optimizer", "adam", "--lr", "0.05",
                "--reg-l2", "0.001", "--seed", "17", "--partitions", "4", "--tol", "0", "--max-iter",
                String.valueOf(MAX_ITER), "--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    static int runToEnd(List<String> args) throws Exception {
        Process p = descent(args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "finishes");
        return p.exitValue();
    }

    @Test
    void aDriverKilledAfterIteration12ResumesToTheUninterruptedRunsBits() throws Exception {
        CliRun gen = CliRun.of("generate", "--kind", "logistic", "--rows", "10000", "--features", "20", "--seed", "8",
                "--out", dir.resolve("train.libsvm").toString());
        assertEquals(0, gen.exitCode(), gen.err());
        Path ckpt = dir.resolve("ckpt");
        Path crashedOut = dir.resolve("crashed");

        Process driver = descent(trainArgs(crashedOut, "--checkpoint-dir", ckpt.toString(), "--checkpoint-every", "5"))
                .start();
        boolean killed = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("iter " + KILL_AFTER_ITERATION + "/")) {
                    driver.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        }
        assertTrue(killed, "the driver reported iteration " + KILL_AFTER_ITERATION);
        assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, driver.exitValue(), "the driver died");
        assertFalse(Files.exists(crashedOut), "a killed run leaves no model");
        int newest = new CheckpointStore(ckpt.toString(), new Configuration()).newest().orElseThrow().iteration();
        assertTrue(newest >= 10 && newest < MAX_ITER, "a mid-run checkpoint survives: ckpt after " + newest);

        Path resumed = dir.resolve("resumed");
        assertEquals(0, runToEnd(trainArgs(resumed, "--checkpoint-dir", ckpt.toString(), "--checkpoint-every", "5",
                "--resume", ckpt.toString())));
        Path whole = dir.resolve("whole");
        assertEquals(0, runToEnd(trainArgs(whole)));

        JsonNode a = new ObjectMapper().readTree(whole.resolve("model.json").toFile());
        JsonNode b = new ObjectMapper().readTree(resumed.resolve("model.json").toFile());
        assertEquals(a.get("weights"), b.get("weights"), "weights, bit for bit (JSON numbers in Java's round-trip form)");
        assertEquals(a.get("intercepts"), b.get("intercepts"));
        assertEquals(withoutMillis(whole), withoutMillis(resumed), "the whole history");
    }

    static List<String> withoutMillis(Path out) throws Exception {
        return TestFiles.historyWithoutMillis(out.resolve("history.csv"));
    }
}
