package org.descent.driver.load;

import org.apache.spark.Partition;
import org.apache.spark.rdd.PartitionCoalescer;
import org.apache.spark.rdd.PartitionGroup;
import org.apache.spark.rdd.RDD;
import scala.Option;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Groups an RDD's partitions into fewer, each a run of consecutive parent partitions, cut
 * where the running total of their weights crosses an equal share. Consecutive runs keep the
 * rows in file order (partition 0 starts with the first file), and the grouping depends only
 * on the weights, never on where the data lives, so the same files give the same partitions,
 * and a seeded run the same bits, on any cluster. Spark's default coalescer groups by
 * preferred location instead, which differs between clusters and between runs on HDFS.
 *
 * <p>Locality is given up on purpose: the grouped partitions are read once, to be cached.
 */
public final class ContiguousCoalescer implements PartitionCoalescer, Serializable {

    private final long[] weights;

    /** @param weights one non-negative weight per parent partition (its rows, entries or bytes) */
    public ContiguousCoalescer(long[] weights) {
        this.weights = weights.clone();
        for (long w : this.weights) {
            if (w < 0) {
                throw new IllegalArgumentException("weights must be >= 0, got " + Arrays.toString(weights));
            }
        }
    }

    @Override
    public PartitionGroup[] coalesce(int maxPartitions, RDD<?> parent) {
        Partition[] parents = parent.partitions();
        if (parents.length != weights.length) {
            throw new IllegalStateException(weights.length + " weights for " + parents.length + " partitions");
        }
        int[] starts = starts(weights, maxPartitions);
        PartitionGroup[] groups = new PartitionGroup[starts.length];
        for (int g = 0; g < starts.length; g++) {
            groups[g] = new PartitionGroup(Option.empty());
            int end = g + 1 < starts.length ? starts[g + 1] : parents.length;
            for (int p = starts[g]; p < end; p++) {
                groups[g].partitions().addOne(parents[p]);
            }
        }
        return groups;
    }

    /**
     * The first parent of each group: {@code min(groups, weights.length)} non-empty runs, the
     * cut before parent p placed where the weight before p first reaches the next equal share.
     */
    static int[] starts(long[] weights, int groups) {
        int n = weights.length;
        int k = Math.max(1, Math.min(groups, n));
        long total = 0;
        for (long w : weights) {
            total += w;
        }
        int[] starts = new int[k];
        long before = 0;
        int g = 1;
        for (int p = 0; p < n && g < k; p++) {
            // With no weight at all, every parent counts as one.
            double share = total == 0 ? (double) p * k / n : (double) before * k / total;
            // Leave at least one parent for each group still to start.
            if ((share >= g && p > starts[g - 1]) || n - p == k - g) {
                starts[g++] = p;
            }
            before += weights[p];
        }
        return starts;
    }
}
