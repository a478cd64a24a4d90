package org.descent.driver.ml;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.descent.data.BlockBuilder;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.spec.ModelSpec;
import org.descent.model.Model;

import java.io.Serializable;
import java.util.Locale;

/**
 * What a fitted model of this package holds, whatever its spark.ml class: the trained model
 * (as model.json stores it) and the summary of its fit; and the margins of one feature vector,
 * as its transform computes them row by row on the executors. The vector becomes a one-row
 * block (dense for a dense vector, CSR for a sparse one, so a sparse vector is never
 * densified) and goes through the model's own kernel.
 */
final class FittedModel implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TrainedModel trained;
    /** Not sent to the executors with the model; a loaded model has none. */
    private final transient DescentTrainingSummary summary;
    /** Rebuilt from the shape after deserialization, once per task. */
    private transient Model model;

    /** @param summary how the fit went; null for a loaded model */
    FittedModel(TrainedModel trained, DescentTrainingSummary summary, PredictorKind kind) {
        if (!kind.predicts(trained.spec().task())) {
            throw new IllegalArgumentException("a " + trained.spec().task().name().toLowerCase(Locale.ROOT)
                    + " model cannot be a " + kind.modelClass());
        }
        this.trained = trained;
        this.summary = summary;
    }

    TrainedModel trained() {
        return trained;
    }

    ModelSpec spec() {
        return trained.spec();
    }

    /** The label of class index {@code k}. */
    double label(int k) {
        return trained.classes()[k];
    }

    boolean hasSummary() {
        return summary != null;
    }

    /** How the fit went; refused for a loaded model, which has no summary. */
    DescentTrainingSummary summary(String uid) {
        if (summary == null) {
            throw new IllegalStateException("no training summary for " + uid + ": a loaded model has none");
        }
        return summary;
    }

    /** The margins of {@code features}: the logit, the K class logits, or the regression output. */
    double[] margins(Vector features) {
        int numFeatures = trained.spec().numFeatures();
        if (features.size() != numFeatures) {
            throw new IllegalArgumentException("features: a vector of size " + features.size() + ", but the model has "
                    + numFeatures + " feature" + (numFeatures == 1 ? "" : "s"));
        }
        BlockBuilder row = new BlockBuilder(1, features.numActives());
        row.startRow(0, 1);
        try {
            if (features instanceof SparseVector sparse) {
                int[] indices = sparse.indices();
                double[] values = sparse.values();
                for (int k = 0; k < indices.length; k++) {
                    row.addFeature(indices[k], values[k]);
                }
            } else {
                double[] values = ((DenseVector) features).values();
                for (int j = 0; j < values.length; j++) {
                    row.addFeature(j, values[j]);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("features: " + e.getMessage(), e);
        }
        row.endRow();
        DataBlock block = row.build(numFeatures, features instanceof SparseVector ? BlockStorage.SPARSE : BlockStorage.DENSE);
        double[] z = new double[model().outputLoss().numOutputs()];
        model().margins(block, trained.params(), z);
        return z;
    }

    /** The predictions of these margins: the class probabilities (one for logistic), or the regression output. */
    double[] predictions(double[] margins) {
        double[] out = new double[model().outputLoss().numPredictionOutputs()];
        model().outputLoss().predict(margins, out);
        return out;
    }

    private Model model() {
        if (model == null) {
            model = trained.spec().model();
        }
        return model;
    }
}
