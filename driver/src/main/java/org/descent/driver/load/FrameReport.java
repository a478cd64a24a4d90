package org.descent.driver.load;

import org.descent.data.DataSummary;

import java.io.Serializable;

/**
 * What reading one partition of a DataFrame found: its summary and sizes, the feature count
 * of its rows, its first bad row with the count of them, and, if its rows could not be read to
 * the end, what went wrong (a message, or null).
 *
 * @param width      the feature count of the partition's first row (its vector's size), or -1
 *                   if it has no row
 * @param entries    feature values stored
 * @param firstFault the first bad row's fault, or null
 * @param faultRow   that row's 0-based position in the partition
 */
record FrameReport(DataSummary summary, long rows, long entries, int width, RowFault firstFault, long faultRow,
                   long faults, String readFailure) implements Serializable {
}
