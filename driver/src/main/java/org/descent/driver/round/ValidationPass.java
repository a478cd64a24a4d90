package org.descent.driver.round;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.descent.data.DataBlock;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.spec.ProblemType;
import org.descent.metrics.BinaryMetrics;
import org.descent.metrics.MetricsAccumulator;
import org.descent.metrics.MulticlassMetrics;
import org.descent.metrics.RegressionMetrics;
import org.descent.model.Model;
import org.descent.sums.ReusedSums;
import org.descent.sums.SumsLayout;

import java.io.Serializable;
import java.util.Iterator;

/**
 * Scores a model on the cached validation blocks in one distributed pass: each partition folds
 * its rows into the objective's raw sums ({@link Model#accumulate} on every row, the
 * {@link SumsLayout}'s loss and weight totals) and into the task's metrics accumulator
 * ({@link Model#predict}); the partials are merged by {@link OrderedTreeReduce} in partition
 * order, so the same model and data give the same bits however tasks are scheduled.
 *
 * <p>The loss is the same function the trainer minimizes, weighted the same way, without the
 * penalty: {@code Σ w_i l_i / Σ w_i}. Computing it with {@code accumulate} also computes a
 * gradient that is thrown away; that keeps one definition of the loss for training and
 * validation, at the price of one gradient pass over the (smaller) validation rows.
 */
public final class ValidationPass {

    private final JavaSparkContext sc;
    private final JavaRDD<DataBlock> blocks;
    private final ModelSpec spec;
    private final OrderedTreeReduce reducer;

    public ValidationPass(JavaSparkContext sc, JavaRDD<DataBlock> blocks, ModelSpec spec) {
        this.sc = sc;
        this.blocks = blocks;
        this.spec = spec;
        this.reducer = new OrderedTreeReduce(OrderedTreeReduce.defaultDepth(blocks.getNumPartitions()));
    }

    /** The score of {@code modelParams}, the model in the features' own units. */
    public ValidationScore score(double[] modelParams) {
        Broadcast<double[]> params = sc.broadcast(modelParams);
        try {
            PartialScore total = reducer.reduce(blocks, new PartitionScore(spec.model(), spec.task(),
                    spec.numClasses(), params), PartialScore::merge);
            return total.score();
        } catch (Exception e) {
            throw GradientRound.dataLossOr(e);
        } finally {
            params.destroy();
        }
    }

    /** One partition's (or a merged group's) loss and weight sums and metrics. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private record PartialScore(double lossSum, double weightSum, MetricsAccumulator metrics) implements Serializable {

        PartialScore merge(PartialScore other) {
            return new PartialScore(lossSum + other.lossSum, weightSum + other.weightSum, metrics.merge(other.metrics));
        }

        ValidationScore score() {
            double loss = lossSum / weightSum;
            if (metrics instanceof BinaryMetrics b) {
                return new ValidationScore(loss, b.accuracy(), b.areaUnderRoc());
            }
            if (metrics instanceof MulticlassMetrics m) {
                return new ValidationScore(loss, m.accuracy(), Double.NaN);
            }
            return new ValidationScore(loss, ((RegressionMetrics) metrics).rootMeanSquaredError(), Double.NaN);
        }
    }

    private record PartitionScore(Model model, ProblemType task, int numClasses, Broadcast<double[]> params)
            implements PartitionFunction<DataBlock, PartialScore> {
        @Override
        public PartialScore apply(int partition, Iterator<DataBlock> blocks) {
            double[] p = params.value();
            SumsLayout layout = new SumsLayout(p.length);
            double[] sums = ReusedSums.take(layout.size());
            MetricsAccumulator<?> metrics = switch (task) {
                case BINARY -> new BinaryMetrics();
                case MULTICLASS -> new MulticlassMetrics(numClasses);
                case REGRESSION -> new RegressionMetrics();
            };
            int outputs = model.outputLoss().numPredictionOutputs();
            while (blocks.hasNext()) {
                DataBlock block = blocks.next();
                model.accumulate(block, null, p, sums, 0);
                double[] predictions = new double[block.numRows() * outputs];
                model.predict(block, p, predictions);
                double[] labels = block.labels();
                double[] weights = block.weights();
                for (int i = 0; i < block.numRows(); i++) {
                    if (metrics instanceof BinaryMetrics b) {
                        b.add(labels[i] > 0 ? 1 : 0, predictions[i], weights[i]);
                    } else if (metrics instanceof MulticlassMetrics m) {
                        m.add((int) labels[i], predictions, i * numClasses, weights[i]);
                    } else {
                        ((RegressionMetrics) metrics).add(labels[i], predictions[i], weights[i]);
                    }
                }
            }
            double[] finished = ReusedSums.finish(sums).toDense();
            return new PartialScore(finished[layout.lossIndex()], finished[layout.weightIndex()], metrics);
        }
    }
}
