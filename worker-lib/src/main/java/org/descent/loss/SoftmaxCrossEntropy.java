package org.descent.loss;

/**
 * Multinomial cross-entropy on K logits {@code z_0 .. z_{K−1}} with an integer class label
 * {@code y ∈ {0, …, K−1}}. With the softmax {@code p_k = e^{z_k} / Σ_j e^{z_j}},
 * <pre>
 *   l(z, y) = −log p_y = logsumexp(z) − z_y
 *   dl/dz_k = p_k − [k = y]
 *   predict = (p_0, …, p_{K−1})
 * </pre>
 * (C. M. Bishop, <i>Pattern Recognition and Machine Learning</i>, 2006, §4.3.4, eq. 4.109.)
 * The parametrisation is the redundant one (K full rows of weights); the loss is invariant to
 * adding a constant to every logit, which regularization resolves.
 *
 * <p>Numerics: with {@code m = max_k z_k} attained at index a, every exponential is
 * {@code e^{z_k − m} ≤ 1}, so nothing overflows, and
 * {@code logsumexp(z) = m + log1p(Σ_{k≠a} e^{z_k − m})}, the form recommended by
 * P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the log-sum-exp and
 * softmax functions", IMA J. Numer. Anal. 41 (2021), which keeps full relative precision when
 * the loss is tiny (y = a and the other classes far below). For the same reason the derivative
 * of the true class is written {@code −Σ_{k≠y} p_k} instead of {@code p_y − 1} when y = a.
 */
public record SoftmaxCrossEntropy(int numClasses) implements OutputLoss {

    /** The name used on the command line and in model files. */
    public static final String NAME = "softmax";

    public SoftmaxCrossEntropy {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be an integer >= 2, got " + numClasses);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numOutputs() {
        return numClasses;
    }

    @Override
    public double lossAndDerivative(double[] z, double label, double[] dz) {
        int y = (int) label;
        int argMax = argMax(z);
        double max = z[argMax];
        // dz temporarily holds e^{z_k − max}; "others" is Σ over every class but the arg-max.
        double others = 0;
        for (int k = 0; k < numClasses; k++) {
            double e = Math.exp(z[k] - max);
            dz[k] = e;
            if (k != argMax) {
                others += e;
            }
        }
        double sum = 1.0 + others;
        for (int k = 0; k < numClasses; k++) {
            dz[k] /= sum;
        }
        // When y is the arg-max, p_y is close to 1 and p_y − 1 would cancel; −Σ_{k≠y} p_k does not.
        dz[y] = y == argMax ? -others / sum : dz[y] - 1.0;
        return Log1p.of(others) + (max - z[y]);
    }

    @Override
    public void predict(double[] z, double[] out) {
        int argMax = argMax(z);
        double max = z[argMax];
        double sum = 0;
        for (int k = 0; k < numClasses; k++) {
            double e = Math.exp(z[k] - max);
            out[k] = e;
            sum += e;
        }
        for (int k = 0; k < numClasses; k++) {
            out[k] /= sum;
        }
    }

    @Override
    public int numPredictionOutputs() {
        return numClasses;
    }

    /** Accepts the integers 0 .. numClasses−1 (as doubles, e.g. 2.0); nothing else. */
    @Override
    public String checkLabel(double label) {
        if (label >= 0 && label < numClasses && label == Math.rint(label)) {
            return null;
        }
        return "softmax loss with " + numClasses + " classes needs an integer class label in 0.."
                + (numClasses - 1) + ", got " + label;
    }

    /** Index of the first largest logit (a NaN logit at index 0 makes everything NaN, as it should). */
    private int argMax(double[] z) {
        int best = 0;
        for (int k = 1; k < numClasses; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }
}
