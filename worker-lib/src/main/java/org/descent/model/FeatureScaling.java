package org.descent.model;

import org.descent.data.FeatureMoments;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Standardization folded into a model's parameters instead of into the data. A model trained
 * in standardized coordinates sees each feature as {@code x'_j = (x_j − μ_j) s_j}, with
 * {@code s_j = 1/σ_j}; for every linear output (a linear model's, or a unit of a network's
 * first layer)
 * <pre>
 *   w'·x' + b' = Σ_j (w'_j s_j) x_j + (b' − Σ_j w'_j μ_j s_j),
 * </pre>
 * so the same output on the raw data comes from the parameters in the features' own units
 * ({@link #toModel}):
 * <pre>
 *   w_j = w'_j s_j,        b = b' − Σ_j w'_j μ_j s_j.
 * </pre>
 * The kernels run unchanged on the raw cached blocks with w and b, and by the chain rule the
 * raw gradient (g_w, g_b) maps back exactly ({@link #toStandardizedGradient}):
 * <pre>
 *   ∂L/∂w'_j = (g_w_j − μ_j g_b) s_j,     ∂L/∂b' = g_b.
 * </pre>
 * No scaled copy of the data exists, and sparse blocks stay sparse. Both maps cost O(params)
 * on the driver. The same scheme is spark.ml's ({@code LogisticRegression} with
 * {@code standardization = true}: coefficients are fitted on standardized features and
 * converted back to the original space).
 *
 * <p>A constant feature has {@code s_j = 0}: its weight in the model is exactly 0, and its
 * standardized gradient is 0 (no division by zero anywhere). Without an intercept to absorb
 * the shift, centering would change the model: then every μ_j is 0 (scaled, not centered).
 * Sparse data is never centered either, as in spark.ml.
 *
 * <p>For a {@link MlpLayout} the first layer's weight matrix (rows are inputs) and its biases
 * map as above, unit by unit; later layers are the same in both coordinates.
 */
public final class FeatureScaling implements Serializable {

    /** No standardization: both maps are the identity. */
    public static final FeatureScaling NONE = new FeatureScaling(new double[0], new double[0], true, false);

    /** μ_j; all 0 when not centering. */
    private final double[] means;
    /** s_j = 1/σ_j, 0 for a constant feature. */
    private final double[] scales;
    private final boolean none;
    private final boolean centered;

    private FeatureScaling(double[] means, double[] scales, boolean none, boolean centered) {
        this.means = means;
        this.scales = scales;
        this.none = none;
        this.centered = centered;
    }

    /**
     * The scaling with these means and scales (as a checkpoint stores them).
     *
     * @throws IllegalArgumentException unless both have one finite entry per feature, every
     *                                  scale is {@code >= 0}, and the means are all 0 when not
     *                                  {@code centered}
     */
    public static FeatureScaling of(double[] means, double[] scales, boolean centered) {
        if (means.length != scales.length) {
            throw new IllegalArgumentException(means.length + " means but " + scales.length + " scales");
        }
        for (int j = 0; j < means.length; j++) {
            if (!Double.isFinite(means[j]) || !(scales[j] >= 0) || Double.isInfinite(scales[j])) {
                throw new IllegalArgumentException("feature " + j + ": mean " + means[j] + " and scale " + scales[j]
                        + " must be finite, the scale >= 0");
            }
            if (!centered && means[j] != 0) {
                throw new IllegalArgumentException("feature " + j + " has mean " + means[j] + " in a scaling that does not center");
            }
        }
        return new FeatureScaling(means.clone(), scales.clone(), false, centered);
    }

    /**
     * Standardization by the measured moments: {@code s_j = 1/σ_j} (0 for a constant feature,
     * or one whose σ is so small that 1/σ overflows), and {@code μ_j} the weighted mean when
     * {@code fitIntercept} and no block was sparse, else 0.
     */
    public static FeatureScaling standardizing(FeatureMoments moments, boolean fitIntercept) {
        int d = moments.numFeatures();
        boolean center = fitIntercept && !moments.sawSparseBlock();
        double[] means = new double[d];
        double[] scales = new double[d];
        for (int j = 0; j < d; j++) {
            double sigma = moments.standardDeviation(j);
            double scale = sigma > 0 ? 1 / sigma : 0.0;
            scales[j] = Double.isFinite(scale) ? scale : 0.0;
            // A constant feature's shift would be multiplied by s_j = 0 anyway; 0 keeps it out of sight.
            means[j] = center && scales[j] != 0 ? moments.mean(j) : 0.0;
        }
        return new FeatureScaling(means, scales, false, center);
    }

    public boolean isNone() {
        return none;
    }

    /** The features this scaling is for; 0 for {@link #NONE}, which fits any. */
    public int numFeatures() {
        return scales.length;
    }

    /** Whether the features are centered (the model's intercepts absorb the shift) or only scaled. */
    public boolean centers() {
        return centered;
    }

    /** How many features are constant (scale 0, so weight 0 in the model). */
    public int constantFeatures() {
        int n = 0;
        for (double s : scales) {
            if (s == 0) {
                n++;
            }
        }
        return n;
    }

    /** A copy of μ. */
    public double[] means() {
        return means.clone();
    }

    /** A copy of s = 1/σ. */
    public double[] scales() {
        return scales.clone();
    }

    /** The parameters in the features' own units, a new array (a copy for {@link #NONE}). */
    public double[] toModel(ParameterLayout layout, double[] standardized) {
        double[] model = new double[standardized.length];
        toModel(layout, standardized, model);
        return model;
    }

    /**
     * Writes into {@code model} the parameters in the features' own units for the
     * standardized parameters θ' (see the class comment); {@code model} must not be
     * {@code standardized}.
     */
    public void toModel(ParameterLayout layout, double[] standardized, double[] model) {
        checkArguments(layout, standardized, model);
        System.arraycopy(standardized, 0, model, 0, standardized.length);
        if (none) {
            return;
        }
        if (layout instanceof LinearLayout linear) {
            int d = linear.numFeatures();
            for (int k = 0; k < linear.numOutputs(); k++) {
                int row = linear.weightIndex(k, 0);
                double shift = 0;
                for (int j = 0; j < d; j++) {
                    double w = standardized[row + j];
                    model[row + j] = w * scales[j];
                    shift += w * (means[j] * scales[j]);
                }
                if (linear.fitIntercept()) {
                    model[linear.interceptIndex(k)] = standardized[linear.interceptIndex(k)] - shift;
                }
            }
        } else {
            MlpLayout mlp = (MlpLayout) layout;
            int units = mlp.width(1);
            int biases = mlp.biasOffset(0);
            // model's biases collect Σ_i W'[i][u] μ_i s_i first, input by input (contiguous rows), then become b' − that.
            Arrays.fill(model, biases, biases + units, 0.0);
            for (int i = 0; i < mlp.numFeatures(); i++) {
                int row = mlp.weightIndex(0, i, 0);
                double scale = scales[i];
                double offset = means[i] * scale;
                for (int u = 0; u < units; u++) {
                    double w = standardized[row + u];
                    model[row + u] = w * scale;
                    model[biases + u] += w * offset;
                }
            }
            for (int u = 0; u < units; u++) {
                model[biases + u] = standardized[biases + u] - model[biases + u];
            }
        }
    }

    /**
     * Turns the gradient with respect to the model's parameters (the round's, on the raw
     * data) into the gradient with respect to the standardized ones, in place:
     * {@code g'_w_j = (g_w_j − μ_j g_b) s_j}, {@code g'_b = g_b}, per output or first-layer unit.
     */
    public void toStandardizedGradient(ParameterLayout layout, double[] gradient) {
        checkArguments(layout, gradient, null);
        if (none) {
            return;
        }
        if (layout instanceof LinearLayout linear) {
            int d = linear.numFeatures();
            for (int k = 0; k < linear.numOutputs(); k++) {
                int row = linear.weightIndex(k, 0);
                double interceptGradient = linear.fitIntercept() ? gradient[linear.interceptIndex(k)] : 0.0;
                for (int j = 0; j < d; j++) {
                    gradient[row + j] = (gradient[row + j] - means[j] * interceptGradient) * scales[j];
                }
            }
        } else {
            MlpLayout mlp = (MlpLayout) layout;
            int units = mlp.width(1);
            int biases = mlp.biasOffset(0);
            for (int i = 0; i < mlp.numFeatures(); i++) {
                int row = mlp.weightIndex(0, i, 0);
                double mean = means[i];
                double scale = scales[i];
                for (int u = 0; u < units; u++) {
                    gradient[row + u] = (gradient[row + u] - mean * gradient[biases + u]) * scale;
                }
            }
        }
    }

    private void checkArguments(ParameterLayout layout, double[] params, double[] other) {
        if (params.length != layout.numParams() || (other != null && other.length != params.length)) {
            throw new IllegalArgumentException("arrays of " + params.length + (other == null ? "" : " and " + other.length)
                    + " entries for a layout of " + layout.numParams() + " parameters");
        }
        if (other == params) {
            throw new IllegalArgumentException("the model's parameters need an array of their own");
        }
        if (none) {
            return;
        }
        int features;
        if (layout instanceof LinearLayout linear) {
            features = linear.numFeatures();
            if (!linear.fitIntercept() && centers()) {
                throw new IllegalArgumentException("a model without an intercept cannot absorb the centering");
            }
        } else if (layout instanceof MlpLayout mlp) {
            features = mlp.numFeatures();
        } else {
            throw new IllegalArgumentException("no standardization for a layout " + layout.getClass().getName());
        }
        if (features != scales.length) {
            throw new IllegalArgumentException("a scaling of " + scales.length + " features for a model of " + features);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureScaling s && none == s.none && centered == s.centered && Arrays.equals(means, s.means)
                && Arrays.equals(scales, s.scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return none ? "FeatureScaling.NONE" : "FeatureScaling[" + scales.length + " features, "
                + (centers() ? "centered" : "not centered") + ", " + constantFeatures() + " constant]";
    }
}
