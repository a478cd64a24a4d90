package org.descent.driver.load;

import org.apache.spark.api.java.JavaRDD;
import org.descent.data.DataBlock;
import org.descent.data.DataSummary;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Data parsed and cached as one primitive-array block per partition, with what loading
 * learned about it.
 *
 * @param partitionRows rows in each partition, in partition order
 * @param files         every data file read, with its length and modification time when loaded
 * @param rows          finds where the rows a later check refuses are (file and line, or file)
 */
public record LoadedData(JavaRDD<DataBlock> blocks, int numFeatures, DataSummary summary, long[] partitionRows,
                         long featureBytes, SortedMap<String, FileStamp> files, RowLocator rows) {

    public LoadedData {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public int numPartitions() {
        return partitionRows.length;
    }

    public long numRows() {
        long n = 0;
        for (long r : partitionRows) {
            n += r;
        }
        return n;
    }

    public void unpersist() {
        blocks.unpersist(false);
    }
}
