package org.descent.driver.load;

import org.descent.data.DataSummary;

import java.io.Serializable;

/**
 * What parsing one partition found: its summary, its first malformed line with the count of
 * them, and, if its file could not be read to the end, what went wrong (a message naming the
 * file, or null). {@code entries} counts the stored feature values.
 */
record PartitionReport(DataSummary summary, long rows, long entries, LineError firstError, long errorCount,
                       String readFailure)
        implements Serializable {
}
