package org.descent.driver.load;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.storage.StorageLevel;
import org.descent.data.DataBlock;
import org.descent.sampling.HoldOutRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Splits loaded data into training rows and held-out validation rows by a {@link HoldOutRule}.
 * A row's key is its global index in input order: the rows of the partitions before its own
 * ({@link LoadedData#partitionRows}) plus its position in its partition's block, which keeps
 * input order. That index is the same however the data is partitioned (partitions are
 * contiguous runs of the input), so the held-out rows are too.
 *
 * <p>Each cached block is copied into two blocks, one of the training rows and one of the
 * held-out rows, cached as two RDDs that share no array; the loaded blocks are then dropped
 * from the cache (a lost split block is rebuilt from the files). Two copies rather than a
 * weight of 0 in one: a zero-weight row would still be counted and sampled by the batch
 * modes ({@code size=B} allocates rows by {@code partitionRows}, {@code fraction=F} samples
 * row positions, and history.csv's batch_rows counts them), so each mode would need to learn
 * about it.
 */
public final class ValidationSplit {

    private ValidationSplit() {
    }

    /** The two parts of the data: training rows and held-out rows, both cached. */
    public record Parts(LoadedData training, LoadedData validation) {
    }

    public static Parts split(JavaSparkContext sc, LoadedData loaded, HoldOutRule rule) {
        long[] firstRow = new long[loaded.numPartitions()];
        for (int p = 1; p < firstRow.length; p++) {
            firstRow[p] = firstRow[p - 1] + loaded.partitionRows()[p - 1];
        }
        sc.setJobDescription("descent: holding out validation rows");
        try {
            LoadedData training = part(loaded, new Keep(rule, firstRow, false));
            LoadedData validation = part(loaded, new Keep(rule, firstRow, true));
            loaded.unpersist();
            return new Parts(training, validation);
        } finally {
            sc.setJobDescription(null);
        }
    }

    private static LoadedData part(LoadedData loaded, Keep keep) {
        JavaRDD<DataBlock> blocks = loaded.blocks().mapPartitionsWithIndex(keep, true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<long[]> rowsAndBytes = blocks.map(b -> new long[]{b.numRows(), b.featureBytes()}).collect();
        return new LoadedData(blocks, loaded.numFeatures(), loaded.summary(),
                rowsAndBytes.stream().mapToLong(r -> r[0]).toArray(),
                rowsAndBytes.stream().mapToLong(r -> r[1]).sum(), loaded.files(), loaded.rows());
    }

    /** The rows of one partition's blocks on one side of the split; a named class, as it is in the cached lineage. */
    private record Keep(HoldOutRule rule, long[] firstRow, boolean heldOut)
            implements Function2<Integer, Iterator<DataBlock>, Iterator<DataBlock>> {
        @Override
        public Iterator<DataBlock> call(Integer partition, Iterator<DataBlock> blocks) {
            long next = firstRow[partition];
            List<DataBlock> out = new ArrayList<>();
            while (blocks.hasNext()) {
                DataBlock block = blocks.next();
                int[] rows = new int[block.numRows()];
                int kept = 0;
                for (int i = 0; i < block.numRows(); i++) {
                    if (rule.isHeldOut(next + i) == heldOut) {
                        rows[kept++] = i;
                    }
                }
                next += block.numRows();
                out.add(block.selectRows(Arrays.copyOf(rows, kept)));
            }
            return out.iterator();
        }
    }
}
