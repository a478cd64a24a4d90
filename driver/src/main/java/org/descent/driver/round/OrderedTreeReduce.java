package org.descent.driver.round;

import org.apache.spark.Partitioner;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.util.CallSite;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A tree-reduce of one result per partition whose merge order is fixed by partition index, so
 * the same inputs give the same bits however tasks are scheduled, retried or recomputed.
 *
 * <p>Why not {@code RDD.treeAggregate}: its last level is {@code fold}, which merges task
 * results in the order tasks <em>finish</em>, and its shuffle levels merge in fetch order.
 * Floating-point addition is not associative, so two identical runs could differ in the last
 * bits, and a model would depend on scheduling. Here every level groups consecutive partial
 * indices ({@code index / fanIn}), sorts each group by index and merges left to right; the
 * driver merges the last level in index order too. The tree has treeAggregate's shape:
 * {@code depth} levels, fan-in {@code ceil(n^(1/depth))}.
 *
 * <p>Depth 1 is one {@code runJob} over the cached RDD: no RDD is created per round and the
 * results arrive as an array in partition order. That is the cheapest round Spark offers,
 * which matters when a mini-batch iteration is mostly fixed cost.
 */
public final class OrderedTreeReduce implements Serializable {

    /** What the Spark UI shows as the jobs' call site. */
    static final String CALL_SITE = "descent round (OrderedTreeReduce)";

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
     * Applies {@code perPartition} to every partition of {@code data} and reduces the results
     * with {@code merge}, which may update and return its first argument.
     */
    public <T, R> R reduce(JavaRDD<T> data, PartitionFunction<T, R> perPartition, Function2<R, R, R> merge) throws Exception {
        SparkContext sc = data.context();
        String shortBefore = sc.getLocalProperty(CallSite.SHORT_FORM());
        String longBefore = sc.getLocalProperty(CallSite.LONG_FORM());
        // Without a call site of its own, every job (and every RDD a deeper tree creates) walks
        // the driver thread's stack to find one; this also names the jobs in the Spark UI.
        sc.setLocalProperty(CallSite.SHORT_FORM(), CALL_SITE);
        sc.setLocalProperty(CallSite.LONG_FORM(), CALL_SITE);
        try {
            return reduceWithCallSite(data, perPartition, merge);
        } finally {
            sc.setLocalProperty(CallSite.SHORT_FORM(), shortBefore);
            sc.setLocalProperty(CallSite.LONG_FORM(), longBefore);
        }
    }

    private <T, R> R reduceWithCallSite(JavaRDD<T> data, PartitionFunction<T, R> perPartition, Function2<R, R, R> merge)
            throws Exception {
        int count = data.getNumPartitions();
        if (count == 0) {
            throw new IllegalStateException("nothing to reduce: the data has no partitions");
        }
        int fanIn = Math.max(2, (int) Math.ceil(Math.pow(count, 1.0 / depth)));
        if (depth == 1 || count <= fanIn) {
            @SuppressWarnings("unchecked")
            R[] results = (R[]) data.context().runJob(data.rdd(), new OnTask<>(perPartition),
                    ClassTag$.MODULE$.apply(Object.class));
            return mergeInOrder(List.of(results).iterator(), merge);
        }
        JavaPairRDD<Integer, R> level = data
                .mapPartitionsWithIndex((i, it) -> List.of(new Tuple2<>(i, perPartition.apply(i, it))).iterator(), true)
                .mapToPair(kv -> kv);
        for (int d = 1; d < depth && count > fanIn; d++) {
            final int groupSize = fanIn;
            final int groups = (count + groupSize - 1) / groupSize;
            level = level
                    .repartitionAndSortWithinPartitions(new GroupPartitioner(groups, groupSize), Comparator.naturalOrder())
                    .mapPartitionsWithIndex((group, it) -> List.of(new Tuple2<>(group, mergeInOrder(values(it), merge))).iterator(), true)
                    .mapToPair(kv -> kv);
            count = groups;
        }
        List<Tuple2<Integer, R>> last = new ArrayList<>(level.collect());
        last.sort(Comparator.comparing(Tuple2::_1));
        return mergeInOrder(values(last.iterator()), merge);
    }

    private static <R> Iterator<R> values(Iterator<Tuple2<Integer, R>> keyed) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return keyed.hasNext();
            }

            @Override
            public R next() {
                return keyed.next()._2();
            }
        };
    }

    private static <R> R mergeInOrder(Iterator<R> inOrder, Function2<R, R, R> merge) throws Exception {
        R result = inOrder.next();
        while (inOrder.hasNext()) {
            result = merge.call(result, inOrder.next());
        }
        return result;
    }

    /** Adapts a {@link PartitionFunction} to {@code SparkContext.runJob}'s task function. */
    private static final class OnTask<T, R> extends AbstractFunction2<TaskContext, scala.collection.Iterator<T>, R>
            implements Serializable {
        private final PartitionFunction<T, R> perPartition;

        OnTask(PartitionFunction<T, R> perPartition) {
            this.perPartition = perPartition;
        }

        @Override
        public R apply(TaskContext context, scala.collection.Iterator<T> elements) {
            return perPartition.apply(context.partitionId(), CollectionConverters.asJava(elements));
        }
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
}
