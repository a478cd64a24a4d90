package org.descent.driver.round;

import org.apache.spark.api.java.JavaRDD;
import org.descent.data.DataBlock;
import org.descent.data.FeatureMoments;

import java.util.Iterator;

/**
 * One pass over the cached blocks for each feature's weighted mean and variance
 * ({@link FeatureMoments}), with the fixed-order reduce of {@link OrderedTreeReduce}: the same
 * blocks in the same partitions give the same bits, however tasks are scheduled.
 *
 * <p>The tree's depth is always {@link OrderedTreeReduce#defaultDepth} of the partition count,
 * never a run's {@code --tree-depth}, so that runs over the same cached data (a comparison's,
 * or a run and its resumption) standardize with identical statistics whatever depth their
 * gradient rounds use.
 */
public final class FeatureMomentsPass {

    private FeatureMomentsPass() {
    }

    /** The moments of every row of {@code blocks}, which are {@code numFeatures} wide. */
    public static FeatureMoments measure(JavaRDD<DataBlock> blocks, int numFeatures) {
        OrderedTreeReduce reducer = new OrderedTreeReduce(OrderedTreeReduce.defaultDepth(blocks.getNumPartitions()));
        try {
            return reducer.reduce(blocks, new PartitionMoments(numFeatures), FeatureMoments::merge);
        } catch (Exception e) {
            throw GradientRound.dataLossOr(e);
        }
    }

    /** A partition's blocks, merged in order. */
    private record PartitionMoments(int numFeatures) implements PartitionFunction<DataBlock, FeatureMoments> {
        @Override
        public FeatureMoments apply(int partition, Iterator<DataBlock> blocks) {
            FeatureMoments moments = FeatureMoments.empty(numFeatures);
            while (blocks.hasNext()) {
                moments = moments.merge(FeatureMoments.of(blocks.next()));
            }
            return moments;
        }
    }
}
