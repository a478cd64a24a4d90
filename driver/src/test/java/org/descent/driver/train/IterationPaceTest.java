package org.descent.driver.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimate on a fake clock, which moves only when a test says time has passed. */
class IterationPaceTest {

    static final class FakeClock {
        long nanos = 1_000_000_000L;

        void advance(double millis) {
            nanos += Math.round(millis * 1e6);
        }
    }

    /** A run of {@code max} iterations on a fake clock. */
    static final class FakeRun {
        final FakeClock clock = new FakeClock();
        final IterationPace pace = new IterationPace(() -> clock.nanos);
        final int max;

        FakeRun(int max) {
            this.max = max;
        }

        /** Iteration {@code i} completes {@code wallMillis} after the previous one and took {@code millis} itself. */
        TimeEstimate complete(int i, double millis, double wallMillis) {
            clock.advance(wallMillis);
            return pace.next(new IterationRecord(i, 0.5, 0.1, 0.1, 100, millis), max);
        }

        TimeEstimate complete(int i, double millis) {
            return complete(i, millis, millis);
        }
    }

    @Test
    void theFirstIterationCountsFromItsOwnStartAndGivesNoEstimateAlone() {
        FakeRun run = new FakeRun(100);
        run.clock.advance(5_000); // loading the data, before training
        TimeEstimate first = run.complete(1, 800);
        assertEquals(800, first.elapsedMillis(), 1e-9, "the loading is not training time");
        assertTrue(Double.isNaN(first.remainingMillis()));
    }

    @Test
    void theEstimateIsTheRemainingIterationsTimesTheMeanIntervalWithoutTheSlowFirst() {
        FakeRun run = new FakeRun(100);
        run.complete(1, 800);
        run.complete(2, 30);
        TimeEstimate third = run.complete(3, 50);
        // Intervals 30 and 50 ms (the first's 800 left out): mean 40 ms, 97 iterations to go.
        assertEquals(880, third.elapsedMillis(), 1e-9);
        assertEquals(97 * 40, third.remainingMillis(), 1e-9);
    }

    @Test
    void theEstimateFollowsTheLaterHalfOrSoOfTheRunAndForgetsTheWarmUp() {
        FakeRun run = new FakeRun(1000);
        run.complete(1, 500);
        // Ten warming-up iterations of 100 ms, then steady ones of 10 ms.
        int i = 2;
        for (; i <= 11; i++) {
            run.complete(i, 100);
        }
        for (; i <= 31; i++) {
            TimeEstimate estimate = run.complete(i, 10);
            if (i == 31) {
                // 31 completions: the intervals since the 8th (8 = 2^3 <= 31/2), so three of
                // them still warming up: (3 * 100 + 20 * 10) / 23 ms each, 969 iterations left.
                assertEquals(969 * 500 / 23.0, estimate.remainingMillis(), 1e-6);
            }
        }
        for (; i <= 40; i++) {
            TimeEstimate estimate = run.complete(i, 10);
            if (i == 40) {
                // 40 completions: the intervals since the 16th, all steady; 960 left.
                assertEquals(960 * 10, estimate.remainingMillis(), 1e-6);
                assertEquals(500 + 10 * 100 + 29 * 10, estimate.elapsedMillis(), 1e-9);
            }
        }
    }

    @Test
    void oneSlowIterationLateInALongRunMovesTheEstimateLittle() {
        FakeRun run = new FakeRun(2000);
        for (int i = 1; i <= 1000; i++) {
            run.complete(i, 10);
        }
        // A build on the same machine holds one iteration up for a second.
        TimeEstimate estimate = run.complete(1001, 1010);
        // The intervals since the 256th (256 <= 1001/2 < 512): 744 of 10 ms and one of 1010 ms; 999 left.
        assertEquals(999 * (744 * 10 + 1010) / 745.0, estimate.remainingMillis(), 1e-6);
    }

    @Test
    void timeSpentBetweenIterationsCountsToo() {
        // A listener's extra work (an objective pass) after the iteration's own 20 ms.
        FakeRun run = new FakeRun(10);
        run.complete(1, 20);
        TimeEstimate second = run.complete(2, 20, 20 + 60);
        assertEquals(8 * 80, second.remainingMillis(), 1e-9);
    }

    @Test
    void aResumedRunCountsFromItsResumptionAndHasNothingLeftAtTheLast() {
        FakeRun run = new FakeRun(60);
        assertEquals(40, run.complete(51, 40).elapsedMillis(), 1e-9);
        assertEquals(8 * 40, run.complete(52, 40).remainingMillis(), 1e-9);
        TimeEstimate last = null;
        for (int i = 53; i <= 60; i++) {
            last = run.complete(i, 40);
        }
        assertEquals(0, last.remainingMillis());
        assertEquals(400, last.elapsedMillis(), 1e-9);
    }
}
