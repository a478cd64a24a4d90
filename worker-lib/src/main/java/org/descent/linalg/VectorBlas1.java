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
