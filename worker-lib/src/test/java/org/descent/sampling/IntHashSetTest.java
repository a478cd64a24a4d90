package org.descent.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntHashSetTest {

    @Test
    void addReportsWhetherTheKeyWasNew() {
        IntHashSet set = new IntHashSet(4);
        assertTrue(set.add(7));
        assertFalse(set.add(7));
        assertTrue(set.add(0));
        assertEquals(2, set.size());
        assertTrue(set.contains(0));
        assertTrue(set.contains(7));
        assertFalse(set.contains(1));
    }

    @Test
    void growsBeyondItsExpectedSizeAndKeepsEveryKey() {
        IntHashSet set = new IntHashSet(0);
        Set<Integer> reference = new HashSet<>();
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            int key = rng.nextInt(20_000);
            assertEquals(reference.add(key), set.add(key), "add " + key);
        }
        assertEquals(reference.size(), set.size());
        int[] keys = set.toArray();
        Arrays.sort(keys);
        assertArrayEquals(reference.stream().mapToInt(Integer::intValue).sorted().toArray(), keys);
        for (int key = 0; key < 20_000; key++) {
            assertEquals(reference.contains(key), set.contains(key), "contains " + key);
        }
    }

    @Test
    void consecutiveAndStridedKeysAreHeld() {
        // Keys that defeat naive modulo hashing: multiples of the table size.
        IntHashSet set = new IntHashSet(16);
        for (int i = 1; i <= 1000; i++) {
            assertTrue(set.add(i * 1024));
            assertTrue(set.add(i));
        }
        assertEquals(2000, set.size());
        for (int i = 1; i <= 1000; i++) {
            assertTrue(set.contains(i * 1024) && set.contains(i));
        }
    }

    @Test
    void rejectsNegativeKeys() {
        IntHashSet set = new IntHashSet(1);
        assertThrows(IllegalArgumentException.class, () -> set.add(-1));
        assertThrows(IllegalArgumentException.class, () -> set.contains(-5));
        assertThrows(IllegalArgumentException.class, () -> new IntHashSet(-1));
    }
}
