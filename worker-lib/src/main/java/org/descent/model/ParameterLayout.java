package org.descent.model;

import java.io.Serializable;

/**
 * How a model's parameters sit in its one flat {@code double[]}: the driver, the broadcast,
 * the aggregation, the optimizer and checkpoints all see only that array, so linear models
 * and networks travel the same path.
 */
public interface ParameterLayout extends Serializable {

    int numParams();

    /** True for weights that regularization penalizes; false for intercepts and biases. */
    boolean isPenalized(int index);
}
