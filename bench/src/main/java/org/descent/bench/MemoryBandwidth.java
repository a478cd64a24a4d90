package org.descent.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A STREAM-style probe of the memory bandwidth this JVM can reach, so that a kernel's
 * throughput can be stated as a fraction of the physical limit (J. D. McCalpin, "Memory
 * bandwidth and machine balance in current high performance computers", IEEE TCCA Newsletter,
 * 1995). Two kernels over arrays much larger than the last-level cache:
 * <ul>
 *   <li><b>sum</b>: {@code s += a[i]}, a read-only pass, what a gradient pass over cached
 *       features does; bytes counted: 8 per element;</li>
 *   <li><b>triad</b>: {@code a[i] = b[i] + q * c[i]}, STREAM's own; bytes counted as STREAM does,
 *       24 per element (two reads, one write; the write-allocate read is not counted).</li>
 * </ul>
 * Each runs on 1 thread and on {@code threads} threads (each thread a contiguous slice), best
 * of {@code repetitions} timed runs after one untimed run, as STREAM reports.
 */
public final class MemoryBandwidth {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /** One measured figure. */
    public record Result(String kernel, int threads, double gigabytesPerSecond) {
    }

    private final long bytesPerArray;
    private final int repetitions;

    /**
     * @param bytesPerArray size of each array; use several times the last-level cache, or the
     *                      probe measures the cache
     */
    public MemoryBandwidth(long bytesPerArray, int repetitions) {
        if (bytesPerArray < 8L << 20 || bytesPerArray / Double.BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("stream array size must be between 8 MB and 16 GB, got " + bytesPerArray);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("stream repetitions must be >= 1, got " + repetitions);
        }
        this.bytesPerArray = bytesPerArray;
        this.repetitions = repetitions;
    }

    /** Sum and triad on 1 thread and, if more, on {@code threads} threads. */
    public List<Result> measure(int threads) throws Exception {
        int n = (int) (bytesPerArray / Double.BYTES);
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            // Touch every page (and give the sum something to add) before timing.
            a[i] = 1.0;
            b[i] = 2.0;
            c[i] = 0.5;
        }
        List<Result> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t : threads > 1 ? new int[] {1, threads} : new int[] {1}) {
                results.add(new Result("sum", t, 8.0 * n / bestSeconds(pool, t, n, (from, to) -> sum(a, from, to)) / 1e9));
                results.add(new Result("triad", t,
                        24.0 * n / bestSeconds(pool, t, n, (from, to) -> triad(a, b, c, from, to)) / 1e9));
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    @FunctionalInterface
    private interface Slice {
        double run(int from, int to);
    }

    private double bestSeconds(ExecutorService pool, int threads, int n, Slice slice) throws Exception {
        double best = Double.POSITIVE_INFINITY;
        double sink = 0;
        for (int rep = 0; rep <= repetitions; rep++) {
            long start = System.nanoTime();
            List<Future<Double>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) n * t / threads);
                int to = (int) ((long) n * (t + 1) / threads);
                parts.add(pool.submit(() -> slice.run(from, to)));
            }
            for (Future<Double> part : parts) {
                sink += part.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (rep > 0) {
                best = Math.min(best, seconds);
            }
        }
        if (Double.isNaN(sink)) {
            // Never true; keeps the JIT from discarding the sums as dead code.
            throw new IllegalStateException("stream probe computed NaN");
        }
        return best;
    }

    /**
     * Vector loads into four independent accumulators, so the pass is bound by memory, not by
     * add latency or by scalar loads (the gradient kernels it is compared with are vectorized).
     */
    static double sum(double[] a, int from, int to) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        DoubleVector s2 = DoubleVector.zero(D);
        DoubleVector s3 = DoubleVector.zero(D);
        int step = D.length();
        int i = from;
        for (; i + 4 * step <= to; i += 4 * step) {
            s0 = s0.add(DoubleVector.fromArray(D, a, i));
            s1 = s1.add(DoubleVector.fromArray(D, a, i + step));
            s2 = s2.add(DoubleVector.fromArray(D, a, i + 2 * step));
            s3 = s3.add(DoubleVector.fromArray(D, a, i + 3 * step));
        }
        double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    static double triad(double[] a, double[] b, double[] c, int from, int to) {
        final double q = 3.0;
        for (int i = from; i < to; i++) {
            a[i] = b[i] + q * c[i];
        }
        return a[from];
    }
}
