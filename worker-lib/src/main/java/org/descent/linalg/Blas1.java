package org.descent.linalg;

/**
 * The two level-1 BLAS operations every dense linear kernel is made of, over a slice of a row:
 * {@code dot = Σ_j w[j] x[j]} and {@code y[j] += a x[j]}, with features stored as
 * {@code double} or as {@code float} (widened exactly to double; all arithmetic and every sum
 * in double).
 *
 * <p><b>One summation order, bit for bit.</b> Floating-point addition is not associative, so
 * a dot product's bits depend on the order of its additions. Every implementation uses the
 * same order, so that results never depend on which one runs (a partition recomputed on
 * another executor gives the same bits): {@value #LANES} partial sums, sum {@code k}
 * taking the terms {@code j ≡ k (mod LANES)} of the first {@code n - n % LANES} terms, each
 * term added with one fused multiply-add ({@link Math#fma}); then
 * {@code t_k = s_k + s_{k+4}} for k = 0..3 and {@code (t_0 + t_1) + (t_2 + t_3)}; then the
 * remaining terms one by one, again by fma. {@code axpy} is one fma per element. That is what
 * {@link ScalarBlas1} spells out in plain loops and {@link VectorBlas1} computes eight lanes at
 * a time.
 */
public interface Blas1 {

    /** Partial sums of a dot product; the fixed summation order above. */
    int LANES = 8;

    /** {@code Σ_{j<n} w[wOffset + j] · x[xOffset + j]}. */
    double dot(double[] w, int wOffset, double[] x, int xOffset, int n);

    /** {@code Σ_{j<n} w[wOffset + j] · x[xOffset + j]}, x widened to double. */
    double dot(double[] w, int wOffset, float[] x, int xOffset, int n);

    /** {@code y[yOffset + j] += a · x[xOffset + j]} for j < n. */
    void axpy(double a, double[] x, int xOffset, double[] y, int yOffset, int n);

    /** {@code y[yOffset + j] += a · x[xOffset + j]} for j < n, x widened to double. */
    void axpy(double a, float[] x, int xOffset, double[] y, int yOffset, int n);

    /** Rows handled at once by {@link #dot4} and {@link #axpy4}. */
    int GROUP = 4;

    /**
     * The dot products of one {@code w} slice with four rows of {@code x} starting at
     * {@code x0 .. x3}, into {@code out[0 .. 3]}; each bit for bit what {@link #dot} gives for
     * that row. Four independent sums in flight instead of one, and each {@code w} load used
     * four times: a kernel doing one row at a time waits on the latency of its own additions.
     */
    void dot4(double[] w, int wOffset, double[] x, int x0, int x1, int x2, int x3, int n, double[] out);

    /** {@link #dot4} with x widened from float. */
    void dot4(double[] w, int wOffset, float[] x, int x0, int x1, int x2, int x3, int n, double[] out);

    /**
     * {@code y[yOffset + j] += a_q · x[x_q + j]} for q = 0, 1, 2, 3 in that order, bit for bit
     * the four {@link #axpy} calls, with {@code y} loaded and stored once instead of four times.
     * {@code y} must not overlap the rows of {@code x}.
     */
    void axpy4(double a0, double a1, double a2, double a3, double[] x, int x0, int x1, int x2, int x3,
               double[] y, int yOffset, int n);

    /** {@link #axpy4} with x widened from float. */
    void axpy4(double a0, double a1, double a2, double a3, float[] x, int x0, int x1, int x2, int x3,
               double[] y, int yOffset, int n);

    /** A name for logs and benchmark reports: "vector" or "scalar". */
    String name();

    /**
     * The implementation to use: {@link VectorBlas1} when the JVM was started with the
     * {@code jdk.incubator.vector} module (Spark's launcher and Descent's scripts add it) and
     * the hardware has 256-bit vectors, else {@link ScalarBlas1}. The system property
     * {@code descent.blas=scalar} forces the scalar one. Chosen once per JVM.
     */
    static Blas1 best() {
        return Blas1Choice.BEST;
    }
}
