package org.descent.driver.round;

import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A tree-reduce of per-partition partial sums whose merge order is fixed by partition index,
 * so the same inputs give the same bits however tasks are scheduled, retried or recomputed.
 *
 * <p>Why not {@code RDD.treeAggregate}: its last level is {@code fold}, which merges task
 * results in the order tasks <em>finish</em>, and its shuffle levels merge in fetch order.
 * Floating-point addition is not associative, so two identical runs could differ in the last
 * bits, and a model would depend on scheduling. Here every level groups consecutive partial
 * indices ({@code index / fanIn}), sorts each group by index and merges left to right; the
 * driver merges the last level in index order too. The shape of the tree is the same as
 * treeAggregate's: {@code depth} levels, fan-in {@code ceil(n^(1/depth))}.
 */
public final class OrderedTreeReduce implements Serializable {

    private final int depth;

    public OrderedTreeReduce(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("tree depth must be >= 1, got " + depth);
        }
        this.depth = depth;
    }

    /**
     * The default depth for a number of partitions: 1 (straight to the driver) up to 16
     * partitions, where the driver merging 16 arrays is cheaper than a shuffle stage; then
     * enough levels that no merge takes more than about 16 inputs.
     */
    public static int defaultDepth(int numPartitions) {
        int depth = 1;
        long reach = 16;
        while (reach < numPartitions) {
            depth++;
            reach *= 16;
        }
        return depth;
    }

    public int depth() {
        return depth;
    }

    /**
     * Reduces {@code partials} (key: the partial's index, unique, 0..n-1) with {@code merge},
     * which may update and return its first argument.
     */
    public <T> T reduce(JavaPairRDD<Integer, T> partials, int numPartials, Function2<T, T, T> merge) throws Exception {
        JavaPairRDD<Integer, T> level = partials;
        int count = numPartials;
        int fanIn = Math.max(2, (int) Math.ceil(Math.pow(count, 1.0 / depth)));
        for (int d = 1; d < depth && count > fanIn; d++) {
            final int groupSize = fanIn;
            final int groups = (count + groupSize - 1) / groupSize;
            level = level
                    .repartitionAndSortWithinPartitions(new GroupPartitioner(groups, groupSize), Comparator.naturalOrder())
                    .mapPartitionsWithIndex((group, it) -> mergeInOrder(group, it, merge), true)
                    .mapToPair(kv -> kv);
            count = groups;
        }
        List<Tuple2<Integer, T>> last = new ArrayList<>(level.collect());
        last.sort((a, b) -> Integer.compare(a._1(), b._1()));
        T result = null;
        for (Tuple2<Integer, T> kv : last) {
            result = result == null ? kv._2() : merge.call(result, kv._2());
        }
        if (result == null) {
            throw new IllegalStateException("nothing to reduce: the data has no partitions");
        }
        return result;
    }

    private static <T> Iterator<Tuple2<Integer, T>> mergeInOrder(int group, Iterator<Tuple2<Integer, T>> sorted,
                                                                Function2<T, T, T> merge) throws Exception {
        T result = null;
        while (sorted.hasNext()) {
            T next = sorted.next()._2();
            result = result == null ? next : merge.call(result, next);
        }
        return result == null ? List.<Tuple2<Integer, T>>of().iterator() : List.of(new Tuple2<>(group, result)).iterator();
    }

    /** Sends partial {@code i} to group {@code i / groupSize}; group g is partition g. */
    private static final class GroupPartitioner extends Partitioner {
        private final int groups;
        private final int groupSize;

        GroupPartitioner(int groups, int groupSize) {
            this.groups = groups;
            this.groupSize = groupSize;
        }

        @Override
        public int numPartitions() {
            return groups;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key / groupSize;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupPartitioner p && p.groups == groups && p.groupSize == groupSize;
        }

        @Override
        public int hashCode() {
            return groups * 31 + groupSize;
        }
    }

    /** Keys each element of a one-element-per-partition RDD by its partition index. */
    public static <T> JavaPairRDD<Integer, T> keyedByPartition(JavaRDD<T> onePerPartition) {
        return onePerPartition
                .mapPartitionsWithIndex((i, it) -> {
                    List<Tuple2<Integer, T>> out = new ArrayList<>(1);
                    while (it.hasNext()) {
                        out.add(new Tuple2<>(i, it.next()));
                    }
                    return out.iterator();
                }, true)
                .mapToPair(kv -> kv);
    }
}
