package org.descent.driver.output;

import org.descent.driver.spec.ModelSpec;

import java.util.Map;

/**
 * A trained model as stored in {@code model.json}: its shape, its parameters (the flat array
 * training used), the original class labels, and how it was trained.
 *
 * @param classes the label each class index stands for: {0, 1} or {-1, +1} for logistic,
 *                0..K-1 for softmax, empty for regression
 */
public record TrainedModel(ModelSpec spec, double[] params, double[] classes, Map<String, Object> trainingConfig,
                           Map<String, Object> versions) {

    public TrainedModel {
        if (params.length != spec.layout().numParams()) {
            throw new IllegalArgumentException("model has " + params.length + " parameters, its shape needs "
                    + spec.layout().numParams());
        }
    }
}
