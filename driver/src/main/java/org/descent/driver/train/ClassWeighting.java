package org.descent.driver.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.storage.StorageLevel;
import org.descent.data.ClassWeights;
import org.descent.data.DataBlock;
import org.descent.driver.UserInputException;

import java.util.List;

/**
 * Puts class weights into the cached blocks the rounds read: each block's sample weights are
 * multiplied by their class's factor in a cached copy that shares the features (only the
 * weights array is new), so the kernels, the sampling and every weighted sum see them with no
 * change and with no cost per iteration. The copy's lineage is the original blocks', so a
 * lost executor rebuilds it the same way.
 */
final class ClassWeighting {

    private ClassWeighting() {
    }

    /** The reweighted blocks, cached; {@code balanced} costs one pass over the labels for the class totals. */
    static JavaRDD<DataBlock> apply(JavaRDD<DataBlock> blocks, ClassWeights.Spec spec, double[] classes) {
        double[] sums = new double[classes.length];
        if (spec.balanced()) {
            // Summed on the driver in partition order, so the factors do not depend on task timing.
            List<double[]> perPartition = blocks.map(block -> ClassWeights.weightSums(block, classes)).collect();
            for (double[] partition : perPartition) {
                for (int k = 0; k < sums.length; k++) {
                    sums[k] += partition[k];
                }
            }
        }
        ClassWeights weights;
        try {
            weights = spec.resolve(classes, sums);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        JavaRDD<DataBlock> weighted = blocks.map(new Reweigh(weights)).persist(StorageLevel.MEMORY_AND_DISK());
        weighted.setName("descent blocks, class-weighted " + spec);
        weighted.count();
        return weighted;
    }

    /** A named function, not a lambda: every round's tasks deserialize the cached blocks' lineage. */
    private record Reweigh(ClassWeights weights) implements Function<DataBlock, DataBlock> {
        @Override
        public DataBlock call(DataBlock block) {
            return weights.applyTo(block);
        }
    }
}
