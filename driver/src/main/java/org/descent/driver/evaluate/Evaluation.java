package org.descent.driver.evaluate;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.descent.data.DataBlock;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.round.OrderedTreeReduce;
import org.descent.driver.round.PartitionFunction;
import org.descent.driver.spec.ProblemType;
import org.descent.metrics.BinaryMetrics;
import org.descent.metrics.MetricsAccumulator;
import org.descent.metrics.MulticlassMetrics;
import org.descent.metrics.RegressionMetrics;
import org.descent.model.Model;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Scores a trained model on cached blocks and computes the metrics of its family in one pass:
 * each partition folds its rows into one accumulator, and the partial accumulators are merged
 * by {@link OrderedTreeReduce}, in partition order (so the same data gives the same bits however
 * tasks are scheduled) and through a tree beyond 16 partitions (so the driver never holds more
 * than about 16 of them: a binary accumulator is 1.5 MiB). Regression: MSE, RMSE, MAE, R².
 * Binary: accuracy, log-loss, precision, recall and F1 of the positive class, the per-class
 * table and macro averages, ROC AUC and PR AUC with their error bounds. Multiclass: accuracy,
 * log-loss, the per-class table and macro averages, the confusion matrix. The definitions are
 * in the accumulators' docs and in docs/metrics.md.
 *
 * <p>The per-class table names each class by the label the training data used for it (a binary
 * model trained on -1/+1 labels has classes -1 and 1), not by its index.
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
        try {
            Map<String, Object> metrics = switch (task) {
                case REGRESSION -> reduce(blocks, new PartitionMetrics<>(model, params, RegressionMetrics::new,
                        (m, block, p, i) -> m.add(block.labels()[i], p[i], block.weights()[i])));
                case BINARY -> reduce(blocks, new PartitionMetrics<>(model, params, BinaryMetrics::new,
                        (m, block, p, i) -> m.add(block.labels()[i] > 0 ? 1 : 0, p[i], block.weights()[i])));
                case MULTICLASS -> reduce(blocks, new PartitionMetrics<>(model, params, () -> new MulticlassMetrics(numClasses),
                        (m, block, p, i) -> m.add((int) block.labels()[i], p, i * numClasses, block.weights()[i])));
            };
            nameClasses(metrics, trained.classes());
            return metrics;
        } finally {
            params.destroy();
        }
    }

    private static <M extends MetricsAccumulator<M>> Map<String, Object> reduce(JavaRDD<DataBlock> blocks,
                                                                            PartitionMetrics<M> perPartition) {
        OrderedTreeReduce reducer = new OrderedTreeReduce(OrderedTreeReduce.defaultDepth(blocks.getNumPartitions()));
        try {
            return reducer.reduce(blocks, perPartition, (a, b) -> a.merge(b)).toMap();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Spark's failures arrive as the checked SparkException; the cause chain is kept, so a
            // user's error inside still reaches the command line's report.
            throw new IllegalStateException("evaluation failed: " + e.getMessage(), e);
        }
    }

    /** A partition's rows scored by the model and folded into one fresh accumulator. */
    private record PartitionMetrics<M extends MetricsAccumulator<M>>(Model model, Broadcast<double[]> params,
                                                                     NewMetrics<M> empty, RowFold<M> fold)
            implements PartitionFunction<DataBlock, M> {

        @Override
        public M apply(int partition, Iterator<DataBlock> blocks) {
            M metrics = empty.create();
            while (blocks.hasNext()) {
                DataBlock block = blocks.next();
                double[] predictions = new double[block.numRows() * model.outputLoss().numPredictionOutputs()];
                model.predict(block, params.value(), predictions);
                for (int i = 0; i < block.numRows(); i++) {
                    fold.add(metrics, block, predictions, i);
                }
            }
            return metrics;
        }
    }

    /** A fresh, empty accumulator; serializable, as it travels in the task. */
    @FunctionalInterface
    private interface NewMetrics<M> extends Serializable {
        M create();
    }

    /** Folds row {@code row} of {@code block}, with its model outputs in {@code predictions}, into {@code metrics}. */
    @FunctionalInterface
    private interface RowFold<M> extends Serializable {
        void add(M metrics, DataBlock block, double[] predictions, int row);
    }

    /** Replaces each class index of the per-class table by the label it stands for, whole labels as integers. */
    @SuppressWarnings("unchecked")
    private static void nameClasses(Map<String, Object> metrics, double[] classes) {
        if (!(metrics.get("perClass") instanceof List<?> table) || table.size() != classes.length) {
            return;
        }
        for (Object row : table) {
            Map<String, Object> scores = (Map<String, Object>) row;
            double label = classes[(Integer) scores.get("class")];
            scores.put("class", label == Math.rint(label) ? (Object) (long) label : (Object) label);
        }
    }
}
