package org.descent.driver.train;

import org.descent.driver.spec.ModelSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.DataBlock;
import org.descent.driver.UserInputException;
import org.descent.driver.load.LoadedData;
import org.descent.driver.load.OffendingRowsException;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.OrderedTreeReduce;

/**
 * What a training configuration needs from the cached data before it can run: the classes
 * the labels stand for, the model's shape, the aggregation tree's depth and the gradient round
 * over the blocks. {@code train} prepares one; {@code compare} one per run, over the same
 * cached blocks.
 *
 * @param classes   the label each class index stands for (see {@link LabelCheck#classes})
 * @param treeDepth the configured depth, or the default for the partition count
 */
public record TrainingSetup(TrainingConfig config, ModelSpec spec, double[] classes, int treeDepth,
                            GradientRound round) {

    /**
     * Checks the labels against the model family and the feature count against what the
     * model's parameters can hold; a mismatch is a {@link UserInputException} that names the
     * first row at fault by file and line.
     */
    public static TrainingSetup prepare(JavaSparkContext sc, LoadedData loaded, TrainingConfig config) {
        try {
            return checkedPrepare(sc, loaded, config);
        } catch (OffendingRowsException e) {
            throw loaded.rows().located(e);
        }
    }

    private static TrainingSetup checkedPrepare(JavaSparkContext sc, LoadedData loaded, TrainingConfig config) {
        double[] classes = LabelCheck.classes(config, loaded.summary());
        int maxFeatures = config.maxFeatures(classes);
        if (loaded.numFeatures() > maxFeatures) {
            throw new OffendingRowsException("feature index " + loaded.numFeatures() + " makes the "
                    + config.kind().spelling() + " model too large: its parameters must fit one array, which allows "
                    + "at most " + maxFeatures + " features", (label, maxColumn) -> maxColumn >= maxFeatures);
        }
        ModelSpec spec;
        try {
            spec = config.spec(loaded.numFeatures(), classes);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        int depth = config.treeDepth() > 0 ? config.treeDepth() : OrderedTreeReduce.defaultDepth(loaded.numPartitions());
        JavaRDD<DataBlock> blocks = config.classWeights() == null ? loaded.blocks()
                : ClassWeighting.apply(loaded.blocks(), config.classWeights(), classes);
        GradientRound round = new GradientRound(sc, blocks, loaded.partitionRows(), spec.model(), depth);
        return new TrainingSetup(config, spec, classes, depth, round);
    }

    /** The trainer; a configuration the data cannot satisfy (a batch larger than the data) is a {@link UserInputException}. */
    public Trainer trainer(JavaSparkContext sc) {
        try {
            return new Trainer(sc, round, spec, config);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
