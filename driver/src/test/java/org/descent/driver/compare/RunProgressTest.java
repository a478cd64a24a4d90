package org.descent.driver.compare;

import org.descent.driver.train.IterationRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run's progress lines on a fake clock that moves only as the test says. */
class RunProgressTest {

    private long nanos;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private RunProgress progress(boolean sampled) {
        return new RunProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "2/4 adam", sampled, 2_000,
                () -> nanos);
    }

    /** Runs {@code done} of {@code max} iterations, {@code millis} each, and returns the lines printed. */
    private List<String> iterate(RunProgress progress, int done, int max, double millis) {
        for (int i = 1; i <= done; i++) {
            nanos += Math.round(millis * 1e6);
            progress.onIteration(new IterationRecord(i, 1.0 / i, 0.1, 0.1, 256, millis), max);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aLongRunPrintsALinePerIntervalAndItsLast() {
        // 2000 iterations of 5 ms: 10 s, a line every 2 s (every 400 iterations).
        List<String> lines = iterate(progress(false), 2000, 2000, 5);
        assertEquals(List.of(
                "[2/4 adam] iter  400/2000  loss 0.00250000  elapsed 2.0s  eta 8.0s",
                "[2/4 adam] iter  800/2000  loss 0.00125000  elapsed 4.0s  eta 6.0s",
                "[2/4 adam] iter 1200/2000  loss 0.000833333  elapsed 6.0s  eta 4.0s",
                "[2/4 adam] iter 1600/2000  loss 0.000625000  elapsed 8.0s  eta 2.0s",
                "[2/4 adam] iter 2000/2000  loss 0.000500000  elapsed 10.0s"), lines);
    }

    @Test
    void aShortRunPrintsOnlyItsLastIteration() {
        List<String> lines = iterate(progress(true), 100, 100, 3);
        assertEquals(List.of("[2/4 adam] iter 100/100  batch loss 0.0100000  elapsed 0.3s"), lines,
                "a sampled run's loss is its batch's");
    }

    @Test
    void aRunThatStopsEarlyLeavesItsEndToTheRunnersSummaryLine() {
        // Converged after 600 of 2000 iterations, 3 s: one line at 2 s, none at its stop.
        List<String> lines = iterate(progress(false), 600, 2000, 5);
        assertEquals(List.of("[2/4 adam] iter  400/2000  loss 0.00250000  elapsed 2.0s  eta 8.0s"), lines);
    }
}
