package org.descent.driver.evaluate;

import org.descent.data.DataBlock;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.spec.ProblemType;
import org.descent.model.Model;

import java.io.Serializable;

/**
 * A trained model's predictions on a block, as the values of the prediction columns of
 * {@link Predictions}: the regression output; or the class label (a whole number: the classes
 * are 0/1, -1/+1 or 0..K-1) with the probability of the positive class (binary) or of the
 * predicted class (multiclass). Shipped to the tasks; the parameters travel apart, broadcast.
 */
record Scorer(ProblemType task, Model model, double[] classes) implements Serializable {

    Scorer(TrainedModel trained) {
        this(trained.spec().task(), trained.spec().model(), trained.classes());
    }

    /** Values per row: prediction, then probability for classification. */
    int width() {
        return task == ProblemType.REGRESSION ? 1 : 2;
    }

    /** The model's raw outputs for every row of the block, {@code numPredictionOutputs} per row. */
    double[] predict(DataBlock block, double[] params) {
        double[] p = new double[block.numRows() * model.outputLoss().numPredictionOutputs()];
        model.predict(block, params, p);
        return p;
    }

    /** Row {@code i}'s column values, from its raw outputs in {@code p}, into {@code out} from {@code at}. */
    void values(double[] p, int i, Object[] out, int at) {
        switch (task) {
            case REGRESSION -> out[at] = p[i];
            case BINARY -> {
                out[at] = (long) classes[p[i] >= 0.5 ? 1 : 0];
                out[at + 1] = p[i];
            }
            case MULTICLASS -> {
                int width = model.outputLoss().numPredictionOutputs();
                int best = 0;
                for (int k = 1; k < width; k++) {
                    if (p[i * width + k] > p[i * width + best]) {
                        best = k;
                    }
                }
                out[at] = (long) classes[best];
                out[at + 1] = p[i * width + best];
            }
        }
    }
}
