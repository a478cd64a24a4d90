package org.descent.linalg;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The vectorized BLAS against the scalar reference, bit for bit, at every length around the
 * lane and unroll boundaries and at unaligned offsets; and both against the exact dot product.
 */
class Blas1Test {

    private static final Blas1 SCALAR = ScalarBlas1.INSTANCE;

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Blas1 vector() {
        assumeTrue(vectorModulePresent(), "the JVM was started without jdk.incubator.vector");
        return Blas1Choice.choose("vector");
    }

    private static double[] randomDoubles(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (rng.nextDouble() - 0.5) * Math.scalb(1.0, rng.nextInt(-8, 8));
        }
        return x;
    }

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    @Test
    void vectorDotEqualsScalarBitForBit() {
        Blas1 vector = vector();
        SplittableRandom rng = new SplittableRandom(1);
        for (int n = 0; n <= 41; n++) {
            for (int offset : new int[] {0, 1, 3, 5}) {
                double[] w = randomDoubles(rng, n + 7);
                double[] x = randomDoubles(rng, n + 7);
                float[] xf = toFloats(x);
                int wOffset = (offset * 3) % 7;
                assertEquals(SCALAR.dot(w, wOffset, x, offset, n), vector.dot(w, wOffset, x, offset, n), 0.0,
                        "double dot, n=" + n + ", offset=" + offset);
                assertEquals(SCALAR.dot(w, wOffset, xf, offset, n), vector.dot(w, wOffset, xf, offset, n), 0.0,
                        "float dot, n=" + n + ", offset=" + offset);
            }
        }
    }

    @Test
    void vectorAxpyEqualsScalarBitForBit() {
        Blas1 vector = vector();
        SplittableRandom rng = new SplittableRandom(2);
        for (int n : new int[] {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 100, 101}) {
            for (int offset : new int[] {0, 1, 6}) {
                double[] x = randomDoubles(rng, n + 6);
                float[] xf = toFloats(x);
                double[] y = randomDoubles(rng, n + 9);
                double a = rng.nextDouble() - 0.5;
                double[] expected = y.clone();
                double[] actual = y.clone();
                SCALAR.axpy(a, x, offset, expected, 2, n);
                vector.axpy(a, x, offset, actual, 2, n);
                assertTrue(Arrays.equals(expected, actual), "double axpy, n=" + n + ", offset=" + offset);
                expected = y.clone();
                actual = y.clone();
                SCALAR.axpy(a, xf, offset, expected, 2, n);
                vector.axpy(a, xf, offset, actual, 2, n);
                assertTrue(Arrays.equals(expected, actual), "float axpy, n=" + n + ", offset=" + offset);
            }
        }
    }

    @Test
    void fourRowsAtOnceGiveTheBitsOfOneRowAtATime() {
        SplittableRandom rng = new SplittableRandom(4);
        List<Blas1> implementations = vectorModulePresent() ? List.of(SCALAR, vector()) : List.of(SCALAR);
        for (Blas1 blas : implementations) {
            for (int n : new int[] {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 100, 101}) {
                double[] x = randomDoubles(rng, 4 * n + 11);
                float[] xf = toFloats(x);
                double[] w = randomDoubles(rng, n + 3);
                int[] at = {1, n + 2, 3 * n + 9, 2 * n + 5};
                double[] a = {rng.nextDouble() - 0.5, rng.nextDouble() - 0.5, 0.0, -1.5};
                String what = blas.name() + " n=" + n;

                double[] dots = new double[4];
                blas.dot4(w, 2, x, at[0], at[1], at[2], at[3], n, dots);
                double[] floatDots = new double[4];
                blas.dot4(w, 2, xf, at[0], at[1], at[2], at[3], n, floatDots);
                for (int q = 0; q < 4; q++) {
                    assertEquals(SCALAR.dot(w, 2, x, at[q], n), dots[q], 0.0, what + " dot row " + q);
                    assertEquals(SCALAR.dot(w, 2, xf, at[q], n), floatDots[q], 0.0, what + " float dot row " + q);
                }

                double[] y = randomDoubles(rng, n + 5);
                double[] expected = y.clone();
                double[] expectedFromFloats = y.clone();
                for (int q = 0; q < 4; q++) {
                    SCALAR.axpy(a[q], x, at[q], expected, 3, n);
                    SCALAR.axpy(a[q], xf, at[q], expectedFromFloats, 3, n);
                }
                double[] actual = y.clone();
                blas.axpy4(a[0], a[1], a[2], a[3], x, at[0], at[1], at[2], at[3], actual, 3, n);
                assertTrue(Arrays.equals(expected, actual), what + " axpy4");
                actual = y.clone();
                blas.axpy4(a[0], a[1], a[2], a[3], xf, at[0], at[1], at[2], at[3], actual, 3, n);
                assertTrue(Arrays.equals(expectedFromFloats, actual), what + " float axpy4");
            }
        }
    }

    @Test
    void dotIsTheDotProductToRounding() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n : new int[] {1, 7, 8, 9, 100, 1000}) {
            double[] w = randomDoubles(rng, n);
            double[] x = randomDoubles(rng, n);
            BigDecimal exact = BigDecimal.ZERO;
            double magnitude = 0;
            for (int j = 0; j < n; j++) {
                exact = exact.add(new BigDecimal(w[j]).multiply(new BigDecimal(x[j])));
                magnitude += Math.abs(w[j] * x[j]);
            }
            // Any summation order is within n ulps of the sum of magnitudes (Higham, Accuracy and
            // Stability of Numerical Algorithms, 2nd ed., §3.1).
            double bound = n * Math.ulp(1.0) * magnitude;
            assertEquals(exact.doubleValue(), SCALAR.dot(w, 0, x, 0, n), bound, "n=" + n);
            assertEquals(exact.doubleValue(), SCALAR.dot(w, 0, toFloats(x), 0, n),
                    bound + n * 1e-7 * magnitude, "float, n=" + n);
        }
    }

    @Test
    void axpyAddsTheScaledVector() {
        double[] y = {1, 2, 3, 4, 5, 6};
        SCALAR.axpy(2.0, new double[] {9, 1, 1, 1, 1, 1, 1}, 1, y, 1, 5);
        assertTrue(Arrays.equals(new double[] {1, 4, 5, 6, 7, 8}, y), Arrays.toString(y));
        SCALAR.axpy(-0.5, new float[] {2, 4}, 0, y, 0, 2);
        assertTrue(Arrays.equals(new double[] {0, 2, 5, 6, 7, 8}, y), Arrays.toString(y));
    }

    @Test
    void choiceHonoursThePropertyAndNamesAllowedValues() {
        assertSame(ScalarBlas1.INSTANCE, Blas1Choice.choose("scalar"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Blas1Choice.choose("gpu"));
        assertTrue(e.getMessage().contains("descent.blas") && e.getMessage().contains("auto, vector, scalar"),
                e.getMessage());
        if (vectorModulePresent()) {
            assertEquals("vector", Blas1Choice.choose("vector").name());
        } else {
            assertEquals("scalar", Blas1Choice.choose("auto").name());
            assertThrows(IllegalStateException.class, () -> Blas1Choice.choose("vector"));
        }
    }
}
