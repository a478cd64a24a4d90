package org.descent.metrics;

import java.io.Serializable;
import java.util.Map;

/**
 * Evaluation metrics kept as raw weighted sums, so that each partition folds its rows in with
 * {@code add} (whose arguments differ by kind of model) and the driver combines the partial
 * results with {@link #merge}; ratios are formed only when a metric is read.
 *
 * <p>Call order: construct one empty accumulator per partition, {@code add} rows, ship it to the
 * driver, {@code merge} the partials in any order or tree shape (merging is associative and
 * commutative up to floating-point rounding), then read metrics or {@link #toMap}.
 *
 * <p>Rows of weight zero are ignored entirely, as in Spark's {@code SummarizerBuffer}: they change
 * neither the sums nor {@link #count}. Negative, infinite or NaN weights and NaN inputs are rejected.
 * A metric whose denominator is zero (no rows yet, or a single class for AUC) reads as NaN, except
 * a class's precision, recall and F1, which read 0 as spark.ml's do (see {@link ConfusionMatrix}).
 *
 * @param <M> the implementing type
 */
public interface MetricsAccumulator<M extends MetricsAccumulator<M>> extends Serializable {

    /**
     * Adds {@code other}'s sums into this accumulator and returns this; {@code other} is left
     * unchanged. This mutates and returns the receiver, like Spark's aggregators' {@code merge},
     * so that a {@code treeAggregate} combine step allocates nothing.
     */
    M merge(M other);

    /** The number of rows added with positive weight. */
    long count();

    /** The sum of the weights of the rows added. */
    double weightSum();

    /** Every metric by name, in a fixed order, as a fresh mutable {@link java.util.LinkedHashMap} for JSON output. */
    Map<String, Object> toMap();
}
