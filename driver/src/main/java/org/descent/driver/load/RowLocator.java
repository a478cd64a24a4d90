package org.descent.driver.load;

import org.descent.driver.UserInputException;

import java.util.Optional;

/**
 * Finds where in the loaded data the first row matching a {@link RowCondition} is, so that a
 * refusal made from a summary of the data ({@link OffendingRowsException}) can name it. It
 * reads the data again in a job of its own, so it costs nothing unless a refusal needs it.
 */
public interface RowLocator {

    /** Where the first row that matches is ({@code file:line}, or a file), if any still does. */
    Optional<String> firstWhere(RowCondition condition);

    /** The refusal naming its first offending row, or as it is when no row can be found (say, a file changed). */
    default UserInputException located(OffendingRowsException refusal) {
        return firstWhere(refusal.offending()).map(refusal::at).orElse(refusal);
    }
}
