package org.descent.driver.train;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLogTest {

    @Test
    void everyPrintedLineEndsWithTheElapsedTimeAndTheEstimate() {
        IterationPaceTest.FakeClock clock = new IterationPaceTest.FakeClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLog log = new ProgressLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2, () -> clock.nanos);
        double[] millis = {900, 50, 40, 60, 50};
        for (int i = 1; i <= millis.length; i++) {
            clock.advance(millis[i - 1]);
            log.onIteration(new IterationRecord(i, 0.5 / i, 0.01, 0.1, 100, millis[i - 1]), 5);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        // Printed: the first, every second and the last. Iteration 2: 50 ms since the first,
        // three to go; iteration 4: 40 and 60 ms since the second, one to go.
        assertEquals(List.of(
                "iter 1/5  loss 0.500000  |grad| 1.000e-02  lr 0.1000  rows 100  900.0 ms  elapsed 0.9s",
                "iter 2/5  loss 0.250000  |grad| 1.000e-02  lr 0.1000  rows 100  50.0 ms  elapsed 1.0s  eta 0.2s",
                "iter 4/5  loss 0.125000  |grad| 1.000e-02  lr 0.1000  rows 100  60.0 ms  elapsed 1.1s  eta 0.1s",
                "iter 5/5  loss 0.100000  |grad| 1.000e-02  lr 0.1000  rows 100  50.0 ms  elapsed 1.1s"), lines);
    }

    @Test
    void withLocalStepsALineNamesItsRoundAndStep() {
        IterationPaceTest.FakeClock clock = new IterationPaceTest.FakeClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLog log = new ProgressLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, () -> clock.nanos,
                new LocalSgd(4, 1, 0));
        for (int i = 1; i <= 5; i++) {
            clock.advance(10);
            log.onIteration(new IterationRecord(i, 0.5, i == 1 || i == 5 ? 0.01 : Double.NaN, 0.1, 100, 10), 9);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().map(l -> l.substring(0, l.indexOf("  loss")))
                .toList();
        assertEquals(List.of("round 1  step 1/9", "round 2  step 2/9", "round 2  step 3/9", "round 2  step 4/9",
                "round 2  step 5/9"), lines);
    }
}
