package org.descent.driver.evaluate;

import org.descent.metrics.BinaryMetrics;
import org.descent.metrics.MulticlassMetrics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How evaluate prints its metrics: each number readable at every magnitude, never hundreds of
 * digits; the per-class table with its macro row; the AUCs with their bounds.
 */
class MetricsTextTest {

    /**
     * The eight rows with ties of BinaryMetricsTest, whose values are worked by hand there:
     * P/R/F1 of class 1 = 3/5, 3/4, 2/3; class 0 = 2/3, 1/2, 4/7; macro 19/30, 5/8, 13/21;
     * ROC AUC 11/16; average precision 149/210; both exact.
     */
    @Test
    void binaryPrintsThePositiveClassTheTableThenTheAreas() {
        BinaryMetrics metrics = new BinaryMetrics();
        double[][] rows = {{1, 0.9}, {1, 0.8}, {0, 0.8}, {1, 0.6}, {0, 0.6}, {0, 0.5}, {1, 0.3}, {0, 0.2}};
        for (double[] row : rows) {
            metrics.add(row[0], row[1], 1.0);
        }
        assertEquals(String.join("\n",
                "count            8",
                "weightSum        8",
                "accuracy         0.625000",
                "logLoss          0.685665",
                "precision        0.600000   (positive class 1, predicted when p > 0.5)",
                "recall           0.750000   (positive class 1, predicted when p > 0.5)",
                "f1               0.666667   (positive class 1, predicted when p > 0.5)",
                "class      precision      recall          F1     support",
                "0           0.666667    0.500000    0.571429           4",
                "1           0.600000    0.750000    0.666667           4",
                "macro       0.633333    0.625000    0.619048",
                "auc              0.687500",
                "aucErrorBound    0   (auc is at most this far from the exact AUC (binned scores))",
                "prAuc            0.709524   (average precision: step sum over thresholds)",
                "prAucErrorBound  0   (prAuc is at most this far from the exact value (binned scores))"),
                MetricsText.render(metrics.toMap()));
    }

    /**
     * Four classes, class 3 never seen nor predicted (rows true, columns predicted):
     * [[2 0 0 0] [1 1 0 0] [0 0 1 0] [0 0 0 0]]. Class 0: P = 2/3, R = 1, F1 = 4/5; class 1: P = 1,
     * R = 1/2, F1 = 2/3; class 2: 1, 1, 1; class 3: 0, 0, 0 and out of the macro averages:
     * P = (2/3 + 1 + 1) / 3 = 8/9, R = (1 + 1/2 + 1) / 3 = 5/6, F1 = (4/5 + 2/3 + 1) / 3 = 37/45.
     */
    @Test
    void multiclassPrintsTheTableAndSaysWhichClassesTheMacroAveragesCover() {
        MulticlassMetrics metrics = new MulticlassMetrics(4);
        int[][] labelAndPrediction = {{0, 0}, {0, 0}, {1, 0}, {1, 1}, {2, 2}};
        for (int[] row : labelAndPrediction) {
            double[] probabilities = new double[4];
            probabilities[row[1]] = 1.0;
            metrics.add(row[0], probabilities, 0, 1.0);
        }
        Map<String, Object> map = metrics.toMap();
        map.remove("logLoss");
        String text = MetricsText.render(map);
        assertEquals(String.join("\n",
                "count            5",
                "weightSum        5",
                "numClasses       4",
                "accuracy         0.800000",
                "class      precision      recall          F1     support",
                "0           0.666667           1    0.800000           2",
                "1                  1    0.500000    0.666667           2",
                "2                  1           1           1           1",
                "3                  0           0           0           0",
                "macro       0.888889    0.833333    0.822222",
                "  (macro averages over the 3 of 4 classes that occur as a label or a prediction)",
                "confusionMatrix (rows: true label, columns: predicted)",
                "           2         0         0         0",
                "           1         1         0         0",
                "           0         0         1         0",
                "           0         0         0         0",
                "confusionMatrixCounts (rows: true label, columns: predicted)",
                "           2         0         0         0",
                "           1         1         0         0",
                "           0         0         1         0",
                "           0         0         0         0"), text);
    }

    @Test
    void aDivergedModelsHugeErrorIsScientific() {
        assertEquals("1.780000e+264", MetricsText.readable(1.78e264));
        assertEquals("-2.500000e+07", MetricsText.readable(-2.5e7 - 0.5));
    }

    @Test
    void ordinaryMagnitudesHaveSixDecimals() {
        assertEquals("0.123457", MetricsText.readable(0.123456789));
        assertEquals("1234.500000", MetricsText.readable(1234.5));
        assertEquals("0.001000", MetricsText.readable(0.001));
    }

    @Test
    void tinyValuesAreScientificNotZero() {
        assertEquals("1.000000e-12", MetricsText.readable(1e-12));
        assertEquals("9.990000e-04", MetricsText.readable(0.000999));
    }

    @Test
    void wholeNumbersAreIntegersAndNonFiniteValuesAreNamed() {
        assertEquals("0", MetricsText.readable(0.0));
        assertEquals("1", MetricsText.readable(1.0));
        assertEquals("20000", MetricsText.readable(20000.0));
        assertEquals("1.000000e+15", MetricsText.readable(1e15));
        assertEquals("NaN", MetricsText.readable(Double.NaN));
        assertEquals("Infinity", MetricsText.readable(Double.POSITIVE_INFINITY));
    }
}
