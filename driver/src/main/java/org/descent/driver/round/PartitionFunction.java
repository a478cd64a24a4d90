package org.descent.driver.round;

import java.io.Serializable;
import java.util.Iterator;

/**
 * What one partition computes in a round, given its index and its elements. A named,
 * serializable type rather than a lambda: Spark's closure cleaner re-reads the bytecode of
 * every lambda it is handed, on every iteration, which a named class skips (what that cost:
 * docs/performance.md, "A named task function").
 */
@FunctionalInterface
public interface PartitionFunction<T, R> extends Serializable {

    R apply(int partition, Iterator<T> elements);
}
