package org.descent.driver.train;

import org.descent.driver.spec.ModelSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.DataBlock;
import org.descent.driver.UserInputException;
import org.descent.driver.load.LoadedData;
import org.descent.driver.load.OffendingRowsException;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.FeatureMomentsPass;
import org.descent.driver.round.OrderedTreeReduce;
import org.descent.driver.round.ValidationPass;
import org.descent.model.FeatureScaling;

/**
 * What a training configuration needs from the cached data before it can run: the classes
 * the labels stand for, the model's shape, the aggregation tree's depth, the gradient round
 * over the blocks and, with standardization, the features' statistics. {@code train} prepares
 * one; {@code compare} one per run, over the same cached blocks.
 *
 * @param classes   the label each class index stands for (see {@link LabelCheck#classes})
 * @param treeDepth the configured depth, or the default for the partition count
 * @param scaling   the standardization measured on the blocks ({@link FeatureMomentsPass}), or
 *                  {@link FeatureScaling#NONE} when the configuration does not standardize
 */
public record TrainingSetup(TrainingConfig config, ModelSpec spec, double[] classes, int treeDepth,
                            GradientRound round, FeatureScaling scaling) {

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
        // Class weights are sample weights: the standardization's weighted moments see them too.
        JavaRDD<DataBlock> blocks = config.classWeights() == null ? loaded.blocks()
                : ClassWeighting.apply(loaded.blocks(), config.classWeights(), classes);
        GradientRound round = new GradientRound(sc, blocks, loaded.partitionRows(), spec.model(), depth);
        return new TrainingSetup(config, spec, classes, depth, round, scaling(sc, blocks, loaded.numFeatures(), config, spec));
    }

    /**
     * One pass over the cached blocks for the standardization, when the configuration asks
     * for it. It centers only dense data of a model with an intercept (see
     * {@link FeatureScaling#standardizing}): a sparse block anywhere means sparse data.
     */
    private static FeatureScaling scaling(JavaSparkContext sc, JavaRDD<DataBlock> blocks, int numFeatures,
                                          TrainingConfig config, ModelSpec spec) {
        if (!config.standardize()) {
            return FeatureScaling.NONE;
        }
        sc.setJobDescription("descent feature statistics for standardization");
        try {
            return FeatureScaling.standardizing(FeatureMomentsPass.measure(blocks, numFeatures),
                    spec.fitIntercept());
        } finally {
            sc.setJobDescription(null);
        }
    }

    /**
     * How the features are standardized, in a few words for the console and summary.json:
     * "off", or what is centered and scaled and why not centered.
     */
    public String standardization() {
        if (scaling.isNone()) {
            return "off";
        }
        String constants = scaling.constantFeatures() == 0 ? ""
                : scaling.constantFeatures() == 1 ? "; 1 constant feature gets weight 0"
                : "; " + scaling.constantFeatures() + " constant features get weight 0";
        if (scaling.centers()) {
            return "centered and scaled" + constants;
        }
        String why = !spec.fitIntercept() ? "no intercept to absorb the shift" : "sparse data stays sparse";
        return "scaled, not centered (" + why + ")" + constants;
    }

    /**
     * The pass that scores a model on {@code validation}'s blocks, weighted as the training
     * rows are (class weights included), so its loss is the objective's data loss on them.
     */
    public ValidationPass validationPass(JavaSparkContext sc, LoadedData validation) {
        JavaRDD<DataBlock> blocks = config.classWeights() == null ? validation.blocks()
                : ClassWeighting.apply(validation.blocks(), config.classWeights(), classes);
        return new ValidationPass(sc, blocks, spec);
    }

    /** The trainer; a configuration the data cannot satisfy (a batch larger than the data) is a {@link UserInputException}. */
    public Trainer trainer(JavaSparkContext sc) {
        try {
            return new Trainer(sc, round, spec, config, scaling);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
