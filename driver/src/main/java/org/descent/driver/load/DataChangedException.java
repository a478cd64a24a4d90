package org.descent.driver.load;

/**
 * A data file is no longer what was loaded: it disappeared, or it changed, when Spark needed
 * to read it again to rebuild lost cached blocks (after an executor was lost). Training on
 * mixed data would silently be another run, so the run stops and names the file.
 */
public class DataChangedException extends RuntimeException {

    public DataChangedException(String message) {
        super(message);
    }

    public DataChangedException(String message, Throwable cause) {
        super(message, cause);
    }
}
