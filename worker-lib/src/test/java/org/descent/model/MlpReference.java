package org.descent.model;

import org.descent.sums.SumsLayout;
import org.descent.loss.OutputLoss;

/**
 * The textbook per-row multilayer perceptron, written as plainly as possible (scalar loops,
 * one row at a time, parameters read through {@link MlpLayout#weightIndex}), against which the
 * chunked matrix-matrix kernels of {@link MlpModel} are checked. Tests only.
 */
record MlpReference(MlpModel model) {

    /** Adds row (x, label, weight)'s weighted gradient, loss, weight and count into {@code sums}. */
    void accumulateRow(double[] x, double label, double weight, double[] params, double[] sums) {
        if (weight == 0) {
            return;
        }
        MlpLayout layout = model.layout();
        int numLayers = layout.numLayers();
        double[][] a = forward(x, params);
        OutputLoss loss = model.loss();
        double[] dz = new double[layout.numOutputs()];
        double value = loss.lossAndDerivative(a[numLayers], label, dz);
        double[] delta = new double[dz.length];
        for (int j = 0; j < dz.length; j++) {
            delta[j] = weight * dz[j];
        }
        for (int k = numLayers - 1; k >= 0; k--) {
            int nIn = layout.width(k);
            int nOut = layout.width(k + 1);
            for (int j = 0; j < nOut; j++) {
                sums[layout.biasOffset(k) + j] += delta[j];
                for (int i = 0; i < nIn; i++) {
                    sums[layout.weightIndex(k, i, j)] += a[k][i] * delta[j];
                }
            }
            if (k > 0) {
                double[] below = new double[nIn];
                for (int i = 0; i < nIn; i++) {
                    double s = 0;
                    for (int j = 0; j < nOut; j++) {
                        s += params[layout.weightIndex(k, i, j)] * delta[j];
                    }
                    below[i] = s * derivativeFromOutput(model.hiddenActivations().get(k - 1), a[k][i]);
                }
                delta = below;
            }
        }
        SumsLayout layoutOfSums = new SumsLayout(layout.numParams());
        sums[layoutOfSums.lossIndex()] += weight * value;
        sums[layoutOfSums.weightIndex()] += weight;
        sums[layoutOfSums.countIndex()] += 1;
    }

    /** a[0] = x, a[k] = layer k's activations, a[L] = the output margins. */
    double[][] forward(double[] x, double[] params) {
        return pass(x, params, true);
    }

    /** z[k] = layer k's pre-activations (k = 1..L; z[0] = x). */
    double[][] preActivations(double[] x, double[] params) {
        return pass(x, params, false);
    }

    private double[][] pass(double[] x, double[] params, boolean activated) {
        MlpLayout layout = model.layout();
        int numLayers = layout.numLayers();
        double[][] a = new double[numLayers + 1][];
        double[][] z = new double[numLayers + 1][];
        a[0] = x.clone();
        z[0] = x.clone();
        for (int k = 0; k < numLayers; k++) {
            int nIn = layout.width(k);
            int nOut = layout.width(k + 1);
            a[k + 1] = new double[nOut];
            z[k + 1] = new double[nOut];
            for (int j = 0; j < nOut; j++) {
                double sum = params[layout.biasOffset(k) + j];
                for (int i = 0; i < nIn; i++) {
                    sum += a[k][i] * params[layout.weightIndex(k, i, j)];
                }
                z[k + 1][j] = sum;
                a[k + 1][j] = k < numLayers - 1 ? activate(model.hiddenActivations().get(k), sum) : sum;
            }
        }
        return activated ? a : z;
    }

    /** All of {@code rows}' sums, row by row, in row order. */
    double[] sums(TestRows rows, double[] params) {
        double[] sums = new double[new SumsLayout(params.length).size()];
        for (int i = 0; i < rows.numRows(); i++) {
            accumulateRow(rows.x()[i], rows.labels()[i], rows.weights()[i], params, sums);
        }
        return sums;
    }

    static double activate(Activation activation, double z) {
        return switch (activation) {
            case RELU -> z > 0 ? z : 0;
            case TANH -> Math.tanh(z);
            case SIGMOID -> 1 / (1 + Math.exp(-z));
        };
    }

    static double derivativeFromOutput(Activation activation, double a) {
        return switch (activation) {
            case RELU -> a > 0 ? 1 : 0;
            case TANH -> 1 - a * a;
            case SIGMOID -> a * (1 - a);
        };
    }
}
