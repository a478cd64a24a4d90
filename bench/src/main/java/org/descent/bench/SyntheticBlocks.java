package org.descent.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.descent.data.BlockBuilder;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.data.FeaturePrecision;
import org.descent.data.SyntheticData;

import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic data generated straight into cached blocks on the executors, one block per
 * partition from the partition's own random stream: benchmark-sized data without writing and
 * parsing gigabytes of text.
 */
public final class SyntheticBlocks {

    private SyntheticBlocks() {
    }

    public static JavaRDD<DataBlock> generate(JavaSparkContext sc, SyntheticData data, long rows, int partitions) {
        return generate(sc, data, rows, partitions, FeaturePrecision.DOUBLE);
    }

    /** As above, dense blocks holding their values as {@code precision} says. */
    public static JavaRDD<DataBlock> generate(JavaSparkContext sc, SyntheticData data, long rows, int partitions,
                                              FeaturePrecision precision) {
        List<Integer> indices = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            indices.add(p);
        }
        long base = rows / partitions;
        long extra = rows % partitions;
        int numFeatures = data.numFeatures();
        JavaRDD<DataBlock> blocks = sc.parallelize(indices, partitions).map(p -> {
            int count = (int) (base + (p < extra ? 1 : 0));
            BlockBuilder builder = new BlockBuilder(count, count * data.nonZerosPerRow());
            data.rows(p).appendTo(builder, count);
            return builder.build(numFeatures, BlockStorage.AUTO, precision);
        }).persist(StorageLevel.MEMORY_ONLY());
        blocks.count();
        return blocks;
    }
}
