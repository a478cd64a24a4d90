package org.descent.driver.load;

import org.descent.data.DataSummary;

import java.io.Serializable;

/** What parsing one partition found: its summary, and its first error with the error count. */
record PartitionReport(DataSummary summary, long rows, LineError firstError, long errorCount) implements Serializable {
}
