package org.descent.model;

import org.descent.data.DenseBlock;
import org.descent.loss.LogisticLoss;
import org.descent.loss.OutputLoss;
import org.descent.loss.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A model's margins (spark.ml's raw predictions) are the numbers its predictions are made of:
 * for a linear model W x + b worked by hand, and for every model each row's prediction is its
 * margins mapped by the loss, bit for bit.
 */
class ModelMarginsTest {

    /** Two rows of two features: (1, 2) and (-1, 0.5). */
    private static final DenseBlock TWO_ROWS = new DenseBlock(2, 2, new double[] {1, 2, -1, 0.5},
            new double[] {0, 1}, new double[] {1, 1});

    @Test
    void aLinearModelsMarginsAreWxPlusB() {
        LinearLayout layout = new LinearLayout(2, 2, true);
        LinearModel model = new LinearModel(layout, new SoftmaxCrossEntropy(2));
        double[] params = new double[layout.numParams()];
        // Class 0: w = (0.5, -1), b = 0.25; class 1: w = (2, 0), b = -1.
        params[layout.weightIndex(0, 0)] = 0.5;
        params[layout.weightIndex(0, 1)] = -1;
        params[layout.interceptIndex(0)] = 0.25;
        params[layout.weightIndex(1, 0)] = 2;
        params[layout.interceptIndex(1)] = -1;
        double[] z = new double[4];
        model.margins(TWO_ROWS, params, z);
        // Row (1, 2): 0.5 - 2 + 0.25 = -1.25 and 2 - 1 = 1; row (-1, 0.5): -0.5 - 0.5 + 0.25 = -0.75 and -2 - 1 = -3.
        assertArrayEquals(new double[] {-1.25, 1, -0.75, -3}, z, 0.0);
    }

    @Test
    void everyPredictionIsItsRowsMarginsMappedByTheLoss() {
        Random random = new Random(5);
        double[] x = random.doubles(30 * 4, -2, 2).toArray();
        DenseBlock block = new DenseBlock(30, 4, x, new double[30], new double[30]);
        OutputLoss softmax = new SoftmaxCrossEntropy(3);
        List<Model> models = List.of(
                new LinearModel(new LinearLayout(4, 1, true), new LogisticLoss()),
                new LinearModel(new LinearLayout(4, 3, false), softmax),
                new MlpModel(new MlpLayout(4, 5, 3), List.of(Activation.TANH), softmax));
        for (Model model : models) {
            double[] params = random.doubles(model.layout().numParams(), -1, 1).toArray();
            int width = model.outputLoss().numOutputs();
            int perRow = model.outputLoss().numPredictionOutputs();
            double[] z = new double[30 * width];
            double[] predictions = new double[30 * perRow];
            model.margins(block, params, z);
            model.predict(block, params, predictions);
            for (int i = 0; i < 30; i++) {
                double[] expected = new double[perRow];
                double[] row = new double[width];
                System.arraycopy(z, i * width, row, 0, width);
                model.outputLoss().predict(row, expected);
                for (int k = 0; k < perRow; k++) {
                    assertEquals(Double.doubleToLongBits(expected[k]), Double.doubleToLongBits(predictions[i * perRow + k]),
                            model + " row " + i);
                }
            }
        }
    }

    @Test
    void anOutputArrayTooShortForTheMarginsIsRefused() {
        LinearModel softmax = new LinearModel(new LinearLayout(2, 3, true), new SoftmaxCrossEntropy(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> softmax.margins(TWO_ROWS, new double[9], new double[5]));
        assertEquals("out of length 5 cannot hold 2 rows x 3 margins", e.getMessage());
    }
}
