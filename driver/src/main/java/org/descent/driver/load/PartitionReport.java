package org.descent.driver.load;

import org.descent.data.DataSummary;

import java.io.Serializable;

/**
 * What parsing one partition found: its summary, its first malformed line with the count of
 * them, and, if its file could not be read to the end, what went wrong (a message naming the
 * file, or null).
 */
record PartitionReport(DataSummary summary, long rows, LineError firstError, long errorCount, String readFailure)
        implements Serializable {
}
