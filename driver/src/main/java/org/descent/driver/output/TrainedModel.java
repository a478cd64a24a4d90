package org.descent.driver.output;

import org.descent.driver.load.DataLayout;
import org.descent.driver.spec.ModelSpec;

import java.io.Serializable;
import java.util.Map;

/**
 * A trained model as stored in {@code model.json}: its shape, its parameters (the flat array
 * training used), the original class labels, how it was trained, and how its training data
 * was laid out. Serializable, so that a spark.ml model holding one can predict on the executors.
 *
 * @param classes the label each class index stands for: {0, 1} or {-1, +1} for logistic,
 *                0..K-1 for softmax, empty for regression
 * @param data    the training data's format and columns, the defaults of evaluate and predict;
 *                null when unknown (a model file written before they were recorded)
 */
public record TrainedModel(ModelSpec spec, double[] params, double[] classes, Map<String, Object> trainingConfig,
                           Map<String, Object> versions, DataLayout data) implements Serializable {

    public TrainedModel {
        if (params.length != spec.layout().numParams()) {
            throw new IllegalArgumentException("model has " + params.length + " parameters, its shape needs "
                    + spec.layout().numParams());
        }
    }

    /** A model whose training data's layout is not known. */
    public TrainedModel(ModelSpec spec, double[] params, double[] classes, Map<String, Object> trainingConfig,
                        Map<String, Object> versions) {
        this(spec, params, classes, trainingConfig, versions, null);
    }
}
