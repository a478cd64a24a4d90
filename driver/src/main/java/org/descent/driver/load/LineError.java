package org.descent.driver.load;

import java.io.Serializable;

/**
 * A line a task points at (the first malformed line of a partition, or the first row a
 * {@link RowLocator} looks for), located as precisely as the task can: the file, the byte
 * offset where the line starts, and, when the split starts at the beginning of the file, the
 * line number itself. The driver turns the offset into a line number otherwise.
 */
record LineError(String file, long splitStart, long byteOffset, long lineInSplit, String reason, String token)
        implements Serializable {
}
