package org.descent.driver.load;

import org.descent.driver.UserInputException;

/**
 * Bad input that some rows of the data cause, found from a summary of the data (which says
 * what is wrong but not where). It carries the condition that picks those rows out, so the
 * code that holds the loaded data can name the first of them ({@link RowLocator#located}).
 */
public class OffendingRowsException extends UserInputException {

    private final transient RowCondition offending;

    public OffendingRowsException(String message, RowCondition offending) {
        super(message);
        this.offending = offending;
    }

    /** True for the rows at fault. */
    public RowCondition offending() {
        return offending;
    }

    /** The same refusal, naming where the first offending row is ({@code file:line}). */
    public UserInputException at(String where) {
        return new UserInputException(getMessage() + "; first at " + where, this);
    }
}
