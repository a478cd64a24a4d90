package org.descent.sampling;

/**
 * A set of non-negative {@code int}s in one primitive array: open addressing with linear
 * probing, Fibonacci hashing (multiply by 2^32 / phi, keep the high bits) and a load factor of at
 * most one half, doubling when full. No boxing and no per-key objects, so a sample of k rows costs
 * O(k) time and memory whatever the number of rows it is drawn from.
 *
 * <p>Only what sampling needs: add, contains, size and the keys in no particular order.
 * Source: D. E. Knuth, The Art of Computer Programming, Vol. 3, 6.4 (multiplicative hashing,
 * linear probing).
 */
final class IntHashSet {

    /** Marks an unused slot; keys are non-negative, so it can never be a key. */
    private static final int EMPTY = -1;
    /** 2^32 / phi, the multiplier of Fibonacci hashing. */
    private static final int FIBONACCI_MULTIPLIER = 0x9E3779B9;
    private static final int MIN_CAPACITY = 4;
    private static final int MAX_CAPACITY = 1 << 30;

    private int[] slots;
    /** 32 - log2(slots.length): the shift that keeps the top log2(capacity) bits of the hash. */
    private int shift;
    private int size;

    /** An empty set that holds {@code expectedSize} keys without growing. */
    IntHashSet(int expectedSize) {
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expectedSize must be >= 0, got " + expectedSize);
        }
        allocate(capacityFor(expectedSize));
    }

    /** Adds {@code key}; returns false if it was already present. */
    boolean add(int key) {
        requireNonNegative(key);
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        return insert(key);
    }

    boolean contains(int key) {
        requireNonNegative(key);
        int mask = slots.length - 1;
        for (int i = slotOf(key); ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == key) {
                return true;
            }
            if (slot == EMPTY) {
                return false;
            }
        }
    }

    int size() {
        return size;
    }

    /** The keys, in no particular order. */
    int[] toArray() {
        int[] keys = new int[size];
        int n = 0;
        for (int slot : slots) {
            if (slot != EMPTY) {
                keys[n++] = slot;
            }
        }
        return keys;
    }

    private boolean insert(int key) {
        int mask = slots.length - 1;
        int i = slotOf(key);
        while (slots[i] != EMPTY) {
            if (slots[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        size++;
        return true;
    }

    private int slotOf(int key) {
        return (key * FIBONACCI_MULTIPLIER) >>> shift;
    }

    private void grow() {
        if (slots.length >= MAX_CAPACITY) {
            throw new IllegalStateException("IntHashSet cannot hold more than " + MAX_CAPACITY / 2 + " keys");
        }
        int[] old = slots;
        allocate(old.length * 2);
        size = 0;
        for (int slot : old) {
            if (slot != EMPTY) {
                insert(slot);
            }
        }
    }

    private void allocate(int capacity) {
        slots = new int[capacity];
        java.util.Arrays.fill(slots, EMPTY);
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
    }

    private static int capacityFor(int expectedSize) {
        long wanted = Math.max(MIN_CAPACITY, 2L * expectedSize);
        if (wanted > MAX_CAPACITY) {
            throw new IllegalArgumentException("IntHashSet cannot hold " + expectedSize + " keys (at most "
                    + MAX_CAPACITY / 2 + ")");
        }
        return Integer.highestOneBit((int) wanted - 1) << 1;
    }

    private static void requireNonNegative(int key) {
        if (key < 0) {
            throw new IllegalArgumentException("IntHashSet holds non-negative keys only, got " + key);
        }
    }
}
