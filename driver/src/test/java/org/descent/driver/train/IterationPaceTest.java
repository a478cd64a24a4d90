package org.descent.driver.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimate on a fake clock: {@link FakeClock#advance} stands for the wall time an iteration took. */
class IterationPaceTest {

    static final class FakeClock {
        long nanos = 1_000_000_000L;

        void advance(double millis) {
            nanos += Math.round(millis * 1e6);
        }
    }

    static IterationRecord iteration(int i, double millis) {
        return new IterationRecord(i, 0.5, 0.1, 0.1, 100, millis);
    }

    @Test
    void theFirstIterationCountsFromItsOwnStartAndGivesNoEstimateAlone() {
        FakeClock clock = new FakeClock();
        IterationPace pace = new IterationPace(() -> clock.nanos);
        clock.advance(5_000); // loading the data, before training
        clock.advance(800);
        TimeEstimate first = pace.next(iteration(1, 800), 100);
        assertEquals(800, first.elapsedMillis(), 1e-9, "the loading is not training time");
        assertTrue(Double.isNaN(first.remainingMillis()));
    }

    @Test
    void theEstimateIsTheRemainingIterationsTimesTheMeanIntervalWithoutTheSlowFirst() {
        FakeClock clock = new FakeClock();
        IterationPace pace = new IterationPace(() -> clock.nanos);
        clock.advance(800);
        pace.next(iteration(1, 800), 100);
        clock.advance(30);
        pace.next(iteration(2, 30), 100);
        clock.advance(50);
        TimeEstimate third = pace.next(iteration(3, 50), 100);
        // Intervals 30 and 50 ms (the first's 800 left out): mean 40 ms, 97 iterations to go.
        assertEquals(880, third.elapsedMillis(), 1e-9);
        assertEquals(97 * 40, third.remainingMillis(), 1e-9);
    }

    @Test
    void theWindowForgetsTheWarmUp() {
        FakeClock clock = new FakeClock();
        IterationPace pace = new IterationPace(() -> clock.nanos);
        clock.advance(500);
        pace.next(iteration(1, 500), 1000);
        // Ten warming-up iterations of 100 ms, then steady ones of 10 ms.
        int i = 2;
        for (; i <= 11; i++) {
            clock.advance(100);
            pace.next(iteration(i, 100), 1000);
        }
        TimeEstimate estimate = null;
        for (int k = 0; k < IterationPace.WINDOW; k++, i++) {
            clock.advance(10);
            estimate = pace.next(iteration(i, 10), 1000);
        }
        // Iteration 31: the last 20 intervals are all 10 ms; 969 iterations left.
        assertEquals(969 * 10, estimate.remainingMillis(), 1e-6);
        assertEquals(500 + 10 * 100 + 20 * 10, estimate.elapsedMillis(), 1e-9);
    }

    @Test
    void timeSpentBetweenIterationsCountsToo() {
        // A listener's extra work (an objective pass) after the iteration's own 20 ms.
        FakeClock clock = new FakeClock();
        IterationPace pace = new IterationPace(() -> clock.nanos);
        clock.advance(20);
        pace.next(iteration(1, 20), 10);
        clock.advance(20 + 60);
        TimeEstimate second = pace.next(iteration(2, 20), 10);
        assertEquals(8 * 80, second.remainingMillis(), 1e-9);
    }

    @Test
    void aResumedRunEstimatesFromWhereItResumedAndNothingIsLeftAtTheLast() {
        FakeClock clock = new FakeClock();
        IterationPace pace = new IterationPace(() -> clock.nanos);
        clock.advance(40);
        assertEquals(40, pace.next(iteration(51, 40), 60).elapsedMillis(), 1e-9);
        clock.advance(40);
        assertEquals(8 * 40, pace.next(iteration(52, 40), 60).remainingMillis(), 1e-9);
        for (int i = 53; i <= 60; i++) {
            clock.advance(40);
            TimeEstimate t = pace.next(iteration(i, 40), 60);
            if (i == 60) {
                assertEquals(0, t.remainingMillis());
                assertEquals(400, t.elapsedMillis(), 1e-9);
            }
        }
    }
}
