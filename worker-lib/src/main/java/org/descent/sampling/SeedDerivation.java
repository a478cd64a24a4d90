package org.descent.sampling;

/**
 * Derives the seed of one executor's random stream from the run seed, the iteration and the
 * partition, so that every (seed, iteration, partition) triple samples reproducibly, on any
 * JVM, and independently of every other triple.
 *
 * <p>The triple is absorbed one component at a time, each step a bijective SplitMix64
 * finalizer applied to the running state plus the component times the golden gamma:
 * <pre>
 *   h1 = mix64(seed + G)
 *   h2 = mix64(h1 + G * iteration)
 *   h3 = mix64(h2 + G * partition)          G = 0x9E3779B97F4A7C15 (odd)
 * </pre>
 * Because multiplication by an odd constant and {@code mix64} are both bijections of the
 * 64-bit integers, some collisions are impossible: for a fixed seed, distinct iterations give
 * distinct {@code h2}, and for a fixed seed and iteration, distinct partitions give distinct
 * results. Any other pair of triples is expected to collide as rarely as two independent uniform 64-bit
 * values do, and the avalanche of {@code mix64} makes neighbouring triples' streams
 * unrelated.
 *
 * <p>Sources: G. L. Steele, D. Lea, C. H. Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014 (SplitMix64, the golden gamma); the finalizer constants are
 * D. Stafford's "Mix13" (2011), the same as {@code java.util.SplittableRandom}'s {@code mix64}.
 *
 * <p>Changing this function changes every sampled batch of every reproduced run; the unit test
 * pins its output.
 */
public final class SeedDerivation {

    /** 2^64 / phi rounded to odd: the SplitMix64 increment. */
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeedDerivation() {
    }

    /** The seed of the random stream of {@code partition} at {@code iteration} of a run seeded with {@code seed}. */
    public static long derive(long seed, long iteration, int partition) {
        long h = mix64(seed + GOLDEN_GAMMA);
        h = mix64(h + GOLDEN_GAMMA * iteration);
        return mix64(h + GOLDEN_GAMMA * partition);
    }

    /** SplitMix64's finalizer (Stafford Mix13): a bijection of the 64-bit integers with full avalanche. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
