package org.descent.linalg;

/**
 * {@link Blas1} in plain loops: the reference for the summation order (see {@link Blas1}) and
 * the implementation on JVMs without the vector module.
 */
public final class ScalarBlas1 implements Blas1 {

    public static final ScalarBlas1 INSTANCE = new ScalarBlas1();

    private ScalarBlas1() {
    }

    @Override
    public double dot(double[] w, int wOffset, double[] x, int xOffset, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            int a = wOffset + j;
            int b = xOffset + j;
            s0 = Math.fma(w[a], x[b], s0);
            s1 = Math.fma(w[a + 1], x[b + 1], s1);
            s2 = Math.fma(w[a + 2], x[b + 2], s2);
            s3 = Math.fma(w[a + 3], x[b + 3], s3);
            s4 = Math.fma(w[a + 4], x[b + 4], s4);
            s5 = Math.fma(w[a + 5], x[b + 5], s5);
            s6 = Math.fma(w[a + 6], x[b + 6], s6);
            s7 = Math.fma(w[a + 7], x[b + 7], s7);
        }
        double s = ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
        for (; j < n; j++) {
            s = Math.fma(w[wOffset + j], x[xOffset + j], s);
        }
        return s;
    }

    @Override
    public double dot(double[] w, int wOffset, float[] x, int xOffset, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            int a = wOffset + j;
            int b = xOffset + j;
            s0 = Math.fma(w[a], x[b], s0);
            s1 = Math.fma(w[a + 1], x[b + 1], s1);
            s2 = Math.fma(w[a + 2], x[b + 2], s2);
            s3 = Math.fma(w[a + 3], x[b + 3], s3);
            s4 = Math.fma(w[a + 4], x[b + 4], s4);
            s5 = Math.fma(w[a + 5], x[b + 5], s5);
            s6 = Math.fma(w[a + 6], x[b + 6], s6);
            s7 = Math.fma(w[a + 7], x[b + 7], s7);
        }
        double s = ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
        for (; j < n; j++) {
            s = Math.fma(w[wOffset + j], x[xOffset + j], s);
        }
        return s;
    }

    @Override
    public void axpy(double a, double[] x, int xOffset, double[] y, int yOffset, int n) {
        for (int j = 0; j < n; j++) {
            y[yOffset + j] = Math.fma(a, x[xOffset + j], y[yOffset + j]);
        }
    }

    @Override
    public void axpy(double a, float[] x, int xOffset, double[] y, int yOffset, int n) {
        for (int j = 0; j < n; j++) {
            y[yOffset + j] = Math.fma(a, x[xOffset + j], y[yOffset + j]);
        }
    }

    @Override
    public void dot4(double[] w, int wOffset, double[] x, int x0, int x1, int x2, int x3, int n, double[] out) {
        out[0] = dot(w, wOffset, x, x0, n);
        out[1] = dot(w, wOffset, x, x1, n);
        out[2] = dot(w, wOffset, x, x2, n);
        out[3] = dot(w, wOffset, x, x3, n);
    }

    @Override
    public void dot4(double[] w, int wOffset, float[] x, int x0, int x1, int x2, int x3, int n, double[] out) {
        out[0] = dot(w, wOffset, x, x0, n);
        out[1] = dot(w, wOffset, x, x1, n);
        out[2] = dot(w, wOffset, x, x2, n);
        out[3] = dot(w, wOffset, x, x3, n);
    }

    @Override
    public void axpy4(double a0, double a1, double a2, double a3, double[] x, int x0, int x1, int x2, int x3,
                      double[] y, int yOffset, int n) {
        for (int j = 0; j < n; j++) {
            double s = y[yOffset + j];
            s = Math.fma(a0, x[x0 + j], s);
            s = Math.fma(a1, x[x1 + j], s);
            s = Math.fma(a2, x[x2 + j], s);
            y[yOffset + j] = Math.fma(a3, x[x3 + j], s);
        }
    }

    @Override
    public void axpy4(double a0, double a1, double a2, double a3, float[] x, int x0, int x1, int x2, int x3,
                      double[] y, int yOffset, int n) {
        for (int j = 0; j < n; j++) {
            double s = y[yOffset + j];
            s = Math.fma(a0, x[x0 + j], s);
            s = Math.fma(a1, x[x1 + j], s);
            s = Math.fma(a2, x[x2 + j], s);
            y[yOffset + j] = Math.fma(a3, x[x3 + j], s);
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
