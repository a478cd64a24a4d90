package org.descent.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedDerivationTest {

    private static final int SEEDS = 16;
    private static final int ITERATIONS = 100;
    private static final int PARTITIONS = 100;

    @Test
    void derivationIsPinnedSoThatRunsReproduceOnAnyJvm() {
        assertEquals(3746585686858627171L, SeedDerivation.derive(0, 0, 0));
        assertEquals(-6805249006425996554L, SeedDerivation.derive(42, 7, 3));
        assertEquals(2503371124965866000L, SeedDerivation.derive(-1L, Long.MAX_VALUE, Integer.MIN_VALUE));
    }

    @Test
    void mixerIsTheSplitMix64FinalizerOfTheJdk() {
        // SplittableRandom(s).nextLong() is mix64(s + GOLDEN_GAMMA).
        for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE}) {
            assertEquals(new SplittableRandom(seed).nextLong(), SeedDerivation.mix64(seed + SeedDerivation.GOLDEN_GAMMA));
        }
    }

    @Test
    void sameTripleGivesSameSeed() {
        assertEquals(SeedDerivation.derive(123, 45, 6), SeedDerivation.derive(123, 45, 6));
    }

    @Test
    void changingAnyComponentChangesTheSeed() {
        long base = SeedDerivation.derive(7, 10, 3);
        assertNotEquals(base, SeedDerivation.derive(8, 10, 3));
        assertNotEquals(base, SeedDerivation.derive(7, 11, 3));
        assertNotEquals(base, SeedDerivation.derive(7, 10, 4));
        // Swapping components must not give the same seed either.
        assertNotEquals(SeedDerivation.derive(1, 2, 3), SeedDerivation.derive(1, 3, 2));
        assertNotEquals(SeedDerivation.derive(1, 2, 3), SeedDerivation.derive(2, 1, 3));
    }

    @Test
    void noCollisionsOverAGridOfSeedsIterationsAndPartitions() {
        long[] seeds = new long[SEEDS * ITERATIONS * PARTITIONS];
        long[] firstDraws = new long[seeds.length];
        int n = 0;
        for (int s = 0; s < SEEDS; s++) {
            for (int i = 0; i < ITERATIONS; i++) {
                for (int p = 0; p < PARTITIONS; p++) {
                    seeds[n] = SeedDerivation.derive(s, i, p);
                    firstDraws[n] = new SplittableRandom(seeds[n]).nextLong();
                    n++;
                }
            }
        }
        assertEquals(seeds.length, distinct(seeds), "distinct derived seeds");
        assertEquals(firstDraws.length, distinct(firstDraws), "distinct first draws of the derived streams");
    }

    @Test
    void neighbouringTriplesDifferInHalfTheirBits() {
        // For unrelated 64-bit values the Hamming distance is Binomial(64, 1/2): mean 32, sd 4.
        // Over 1,600 pairs the mean has sd 0.1, so +-0.5 is a 5-sigma bound.
        long partitionBits = 0;
        long iterationBits = 0;
        long seedBits = 0;
        int pairs = 0;
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < 20; i++) {
                for (int p = 0; p < 20; p++) {
                    long seed = SeedDerivation.derive(s, i, p);
                    partitionBits += Long.bitCount(seed ^ SeedDerivation.derive(s, i, p + 1));
                    iterationBits += Long.bitCount(seed ^ SeedDerivation.derive(s, i + 1, p));
                    seedBits += Long.bitCount(seed ^ SeedDerivation.derive(s + 1, i, p));
                    pairs++;
                }
            }
        }
        assertEquals(32.0, (double) partitionBits / pairs, 0.5, "partition neighbours");
        assertEquals(32.0, (double) iterationBits / pairs, 0.5, "iteration neighbours");
        assertEquals(32.0, (double) seedBits / pairs, 0.5, "seed neighbours");
    }

    private static int distinct(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int distinct = sorted.length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }
}
