package org.descent.driver.load;

import java.io.Serializable;

/**
 * What is wrong with one row of a DataFrame: the column, what it holds, and what is allowed
 * there ("label", "is null", "a finite number"). Where the row is gets added by whoever
 * reports it, as only the driver can tell (see {@link FrameRowLocator}).
 */
public record RowFault(String column, String problem, String allowed) implements Serializable {

    /** The fault as a user reads it, after {@code where} (a file, or the data): "WHERE: column 'c' is null; allowed: ...". */
    public String message(String where) {
        return where + ": column '" + column + "' " + problem + "; allowed: " + allowed;
    }
}
