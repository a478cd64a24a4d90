package org.descent.loss;

/**
 * Binary cross-entropy (logistic loss) on one logit {@code z}. Labels are 0/1 or −1/+1; both
 * encodings map to {@code y = label > 0 ? 1 : 0}. With {@code σ(z) = 1 / (1 + e^{−z})} the
 * probability of the positive class,
 * <pre>
 *   l(z, y) = −y log σ(z) − (1 − y) log(1 − σ(z)) = log(1 + e^{z}) − y z
 *   dl/dz   = σ(z) − y
 *   predict = σ(z)
 * </pre>
 * (Hastie, Tibshirani and Friedman, <i>The Elements of Statistical Learning</i>, 2nd ed., §4.4.1;
 * the same parametrisation as Spark ML's {@code BinaryLogisticBlockAggregator}).
 *
 * <p>Numerics: {@code log(1 + e^{z})} overflows for z &gt; ~709 if written directly, and
 * {@code log(1 + e^{z}) − z} cancels catastrophically for large positive z. The loss is
 * therefore evaluated as {@code log1pExp(z)} for y = 0 and {@code log1pExp(−z)} for y = 1
 * (using {@code log(1 + e^{z}) − z = log(1 + e^{−z})}), and the derivative as {@code σ(z)} for
 * y = 0 and {@code −σ(−z)} for y = 1 (using {@code σ(z) − 1 = −σ(−z)}), so both keep full
 * relative precision at every finite z.
 */
public record LogisticLoss() implements OutputLoss {

    /** The name used on the command line and in model files. */
    public static final String NAME = "logistic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numOutputs() {
        return 1;
    }

    /**
     * {@inheritDoc}
     *
     * <p>With {@code x = z} for y = 0 and {@code x = −z} for y = 1, the loss is
     * {@code log1pExp(x)} and the derivative {@code ±σ(x)}; both are computed from the one
     * exponential {@code e = exp(−|x|)}, with exactly the operations of {@link #log1pExp} and
     * {@link #sigmoid} (so the same bits), one {@code exp} a row instead of two: this runs once
     * per row of every pass.
     */
    @Override
    public double lossAndDerivative(double[] z, double label, double[] dz) {
        boolean positive = label > 0;
        double x = positive ? -z[0] : z[0];
        double e = Math.exp(-Math.abs(x));
        double probability;
        double loss;
        if (x > 0) {
            probability = 1.0 / (1.0 + e);
            loss = x + Log1p.of(e);
        } else {
            // x <= 0: e = exp(x); at x = 0 both forms give 1 / (1 + 1).
            probability = e / (1.0 + e);
            loss = Log1p.of(e);
        }
        dz[0] = positive ? -probability : probability;
        return loss;
    }

    @Override
    public void predict(double[] z, double[] out) {
        out[0] = sigmoid(z[0]);
    }

    @Override
    public int numPredictionOutputs() {
        return 1;
    }

    /** Accepts exactly 0, 1, −1 and +1. */
    @Override
    public String checkLabel(double label) {
        if (label == 0 || label == 1 || label == -1) {
            return null;
        }
        return "logistic loss needs a label of 0 or 1 (or -1 or +1), got " + label;
    }

    /**
     * {@code log(1 + e^{z})} without overflow or loss of precision: for z &gt; 0 it is
     * evaluated as {@code z + log1p(e^{−z})}, so the exponential never exceeds 1; for z ≤ 0
     * {@code log1p(e^{z})} keeps full relative precision (it tends to e^{z}, not to a rounded 0,
     * until e^{z} itself underflows). log1p is {@link Log1p}, two ulps at worst. See M. Mächler, "Accurately Computing log(1 − exp(−|a|))",
     * Rmpfr vignette, 2012, §3 (log1pexp).
     */
    public static double log1pExp(double z) {
        if (z > 0) {
            return z + Log1p.of(Math.exp(-z));
        }
        return Log1p.of(Math.exp(z));
    }

    /**
     * The logistic function {@code σ(z) = 1 / (1 + e^{−z})}, evaluated so that the exponential
     * never overflows: {@code 1 / (1 + e^{−z})} for z ≥ 0 and {@code e^{z} / (1 + e^{z})} for
     * z &lt; 0. Both branches keep full relative precision, including near 0 for very negative z.
     */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}
