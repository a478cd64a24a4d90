package org.descent.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Blas1} with the JDK's vector API ({@code jdk.incubator.vector}): two 4-lane double
 * accumulators hold the eight partial sums of {@link Blas1}'s summation order, so the bits
 * equal {@link ScalarBlas1}'s. The shape is fixed at 256 bits rather than the hardware's
 * preferred one so that the order, and so the bits, are the same on every machine; the kernels
 * are bound by memory bandwidth, which wider vectors would not raise. Floats are loaded four
 * at a time and widened to doubles.
 *
 * <p>Loaded by name only ({@link Blas1#best()}): a JVM without the module never links it.
 */
final class VectorBlas1 implements Blas1, Blas1Choice.VectorWidth {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_128;
    private static final int W = 4;

    @Override
    public boolean hasFullWidth() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= D.vectorBitSize();
    }

    @Override
    public double dot(double[] w, int wOffset, double[] x, int xOffset, int n) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            s0 = DoubleVector.fromArray(D, w, wOffset + j).fma(DoubleVector.fromArray(D, x, xOffset + j), s0);
            s1 = DoubleVector.fromArray(D, w, wOffset + j + W).fma(DoubleVector.fromArray(D, x, xOffset + j + W), s1);
        }
        double s = combine(s0.add(s1));
        for (; j < n; j++) {
            s = Math.fma(w[wOffset + j], x[xOffset + j], s);
        }
        return s;
    }

    @Override
    public double dot(double[] w, int wOffset, float[] x, int xOffset, int n) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            s0 = DoubleVector.fromArray(D, w, wOffset + j).fma(widen(x, xOffset + j), s0);
            s1 = DoubleVector.fromArray(D, w, wOffset + j + W).fma(widen(x, xOffset + j + W), s1);
        }
        double s = combine(s0.add(s1));
        for (; j < n; j++) {
            s = Math.fma(w[wOffset + j], x[xOffset + j], s);
        }
        return s;
    }

    @Override
    public void axpy(double a, double[] x, int xOffset, double[] y, int yOffset, int n) {
        DoubleVector va = DoubleVector.broadcast(D, a);
        int j = 0;
        for (; j + W <= n; j += W) {
            va.fma(DoubleVector.fromArray(D, x, xOffset + j), DoubleVector.fromArray(D, y, yOffset + j))
                    .intoArray(y, yOffset + j);
        }
        for (; j < n; j++) {
            y[yOffset + j] = Math.fma(a, x[xOffset + j], y[yOffset + j]);
        }
    }

    @Override
    public void axpy(double a, float[] x, int xOffset, double[] y, int yOffset, int n) {
        DoubleVector va = DoubleVector.broadcast(D, a);
        int j = 0;
        for (; j + W <= n; j += W) {
            va.fma(widen(x, xOffset + j), DoubleVector.fromArray(D, y, yOffset + j)).intoArray(y, yOffset + j);
        }
        for (; j < n; j++) {
            y[yOffset + j] = Math.fma(a, x[xOffset + j], y[yOffset + j]);
        }
    }

    @Override
    public void dot4(double[] w, int wOffset, double[] x, int x0, int x1, int x2, int x3, int n, double[] out) {
        DoubleVector a0 = DoubleVector.zero(D), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            DoubleVector w0 = DoubleVector.fromArray(D, w, wOffset + j);
            DoubleVector w1 = DoubleVector.fromArray(D, w, wOffset + j + W);
            a0 = w0.fma(DoubleVector.fromArray(D, x, x0 + j), a0);
            a1 = w1.fma(DoubleVector.fromArray(D, x, x0 + j + W), a1);
            b0 = w0.fma(DoubleVector.fromArray(D, x, x1 + j), b0);
            b1 = w1.fma(DoubleVector.fromArray(D, x, x1 + j + W), b1);
            c0 = w0.fma(DoubleVector.fromArray(D, x, x2 + j), c0);
            c1 = w1.fma(DoubleVector.fromArray(D, x, x2 + j + W), c1);
            d0 = w0.fma(DoubleVector.fromArray(D, x, x3 + j), d0);
            d1 = w1.fma(DoubleVector.fromArray(D, x, x3 + j + W), d1);
        }
        double sa = combine(a0.add(a1));
        double sb = combine(b0.add(b1));
        double sc = combine(c0.add(c1));
        double sd = combine(d0.add(d1));
        for (; j < n; j++) {
            double wj = w[wOffset + j];
            sa = Math.fma(wj, x[x0 + j], sa);
            sb = Math.fma(wj, x[x1 + j], sb);
            sc = Math.fma(wj, x[x2 + j], sc);
            sd = Math.fma(wj, x[x3 + j], sd);
        }
        out[0] = sa;
        out[1] = sb;
        out[2] = sc;
        out[3] = sd;
    }

    @Override
    public void dot4(double[] w, int wOffset, float[] x, int x0, int x1, int x2, int x3, int n, double[] out) {
        DoubleVector a0 = DoubleVector.zero(D), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            DoubleVector w0 = DoubleVector.fromArray(D, w, wOffset + j);
            DoubleVector w1 = DoubleVector.fromArray(D, w, wOffset + j + W);
            a0 = w0.fma(widen(x, x0 + j), a0);
            a1 = w1.fma(widen(x, x0 + j + W), a1);
            b0 = w0.fma(widen(x, x1 + j), b0);
            b1 = w1.fma(widen(x, x1 + j + W), b1);
            c0 = w0.fma(widen(x, x2 + j), c0);
            c1 = w1.fma(widen(x, x2 + j + W), c1);
            d0 = w0.fma(widen(x, x3 + j), d0);
            d1 = w1.fma(widen(x, x3 + j + W), d1);
        }
        double sa = combine(a0.add(a1));
        double sb = combine(b0.add(b1));
        double sc = combine(c0.add(c1));
        double sd = combine(d0.add(d1));
        for (; j < n; j++) {
            double wj = w[wOffset + j];
            sa = Math.fma(wj, x[x0 + j], sa);
            sb = Math.fma(wj, x[x1 + j], sb);
            sc = Math.fma(wj, x[x2 + j], sc);
            sd = Math.fma(wj, x[x3 + j], sd);
        }
        out[0] = sa;
        out[1] = sb;
        out[2] = sc;
        out[3] = sd;
    }

    @Override
    public void axpy4(double a0, double a1, double a2, double a3, double[] x, int x0, int x1, int x2, int x3,
                      double[] y, int yOffset, int n) {
        DoubleVector v0 = DoubleVector.broadcast(D, a0);
        DoubleVector v1 = DoubleVector.broadcast(D, a1);
        DoubleVector v2 = DoubleVector.broadcast(D, a2);
        DoubleVector v3 = DoubleVector.broadcast(D, a3);
        int j = 0;
        for (; j + W <= n; j += W) {
            DoubleVector s = DoubleVector.fromArray(D, y, yOffset + j);
            s = v0.fma(DoubleVector.fromArray(D, x, x0 + j), s);
            s = v1.fma(DoubleVector.fromArray(D, x, x1 + j), s);
            s = v2.fma(DoubleVector.fromArray(D, x, x2 + j), s);
            v3.fma(DoubleVector.fromArray(D, x, x3 + j), s).intoArray(y, yOffset + j);
        }
        // The last n mod 4 elements: the same fma chain, one element at a time.
        ScalarBlas1.INSTANCE.axpy4(a0, a1, a2, a3, x, x0 + j, x1 + j, x2 + j, x3 + j, y, yOffset + j, n - j);
    }

    @Override
    public void axpy4(double a0, double a1, double a2, double a3, float[] x, int x0, int x1, int x2, int x3,
                      double[] y, int yOffset, int n) {
        DoubleVector v0 = DoubleVector.broadcast(D, a0);
        DoubleVector v1 = DoubleVector.broadcast(D, a1);
        DoubleVector v2 = DoubleVector.broadcast(D, a2);
        DoubleVector v3 = DoubleVector.broadcast(D, a3);
        int j = 0;
        for (; j + W <= n; j += W) {
            DoubleVector s = DoubleVector.fromArray(D, y, yOffset + j);
            s = v0.fma(widen(x, x0 + j), s);
            s = v1.fma(widen(x, x1 + j), s);
            s = v2.fma(widen(x, x2 + j), s);
            v3.fma(widen(x, x3 + j), s).intoArray(y, yOffset + j);
        }
        // The last n mod 4 elements: the same fma chain, one element at a time.
        ScalarBlas1.INSTANCE.axpy4(a0, a1, a2, a3, x, x0 + j, x1 + j, x2 + j, x3 + j, y, yOffset + j, n - j);
    }

    @Override
    public String name() {
        return "vector";
    }

    private static DoubleVector widen(float[] x, int offset) {
        return (DoubleVector) FloatVector.fromArray(F, x, offset).convertShape(VectorOperators.F2D, D, 0);
    }

    /** {@code (t0 + t1) + (t2 + t3)}, the fixed order of {@link Blas1}; never reduceLanes, whose order is unspecified. */
    private static double combine(DoubleVector t) {
        return (t.lane(0) + t.lane(1)) + (t.lane(2) + t.lane(3));
    }
}
