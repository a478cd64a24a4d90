package org.descent.driver.evaluate;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.descent.data.DataBlock;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.spec.ProblemType;
import org.descent.metrics.BinaryMetrics;
import org.descent.metrics.MulticlassMetrics;
import org.descent.metrics.RegressionMetrics;
import org.descent.model.Model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Scores a trained model on cached blocks and computes the metrics of its family, each
 * partition accumulating its own metrics, merged on the driver in partition order:
 * MSE, RMSE, MAE and R² for regression; accuracy, log-loss and AUC for binary classification;
 * accuracy, log-loss and the confusion matrix for multiclass.
 */
public final class Evaluation {

    private Evaluation() {
    }

    public static Map<String, Object> metrics(TrainedModel trained, JavaRDD<DataBlock> blocks) {
        ProblemType task = trained.spec().task();
        Model model = trained.spec().model();
        int numClasses = trained.spec().numClasses();
        // A broadcast, not the closure: a network's parameters (MBs) would otherwise ride in
        // every task's serialized binary.
        Broadcast<double[]> params = JavaSparkContext.fromSparkContext(blocks.context()).broadcast(trained.params());
        List<Serializable> partials;
        try {
            partials = blocks.map(block -> (Serializable) score(task, model, params.value(), numClasses, block)).collect();
        } finally {
            params.destroy();
        }
        return switch (task) {
            case REGRESSION -> partials.stream().map(RegressionMetrics.class::cast)
                    .reduce(new RegressionMetrics(), RegressionMetrics::merge).toMap();
            case BINARY -> partials.stream().map(BinaryMetrics.class::cast)
                    .reduce(new BinaryMetrics(), BinaryMetrics::merge).toMap();
            case MULTICLASS -> partials.stream().map(MulticlassMetrics.class::cast)
                    .reduce(new MulticlassMetrics(numClasses), MulticlassMetrics::merge).toMap();
        };
    }

    private static Object score(ProblemType task, Model model, double[] params, int numClasses, DataBlock block) {
        int width = model.outputLoss().numPredictionOutputs();
        double[] predictions = new double[block.numRows() * width];
        model.predict(block, params, predictions);
        double[] labels = block.labels();
        double[] weights = block.weights();
        switch (task) {
            case REGRESSION -> {
                RegressionMetrics m = new RegressionMetrics();
                for (int i = 0; i < labels.length; i++) {
                    m.add(labels[i], predictions[i], weights[i]);
                }
                return m;
            }
            case BINARY -> {
                BinaryMetrics m = new BinaryMetrics();
                for (int i = 0; i < labels.length; i++) {
                    m.add(labels[i] > 0 ? 1 : 0, predictions[i], weights[i]);
                }
                return m;
            }
            default -> {
                MulticlassMetrics m = new MulticlassMetrics(numClasses);
                for (int i = 0; i < labels.length; i++) {
                    m.add((int) labels[i], predictions, i * width, weights[i]);
                }
                return m;
            }
        }
    }
}
