package org.descent.data;

import java.io.Serializable;

/**
 * Reads one line of a text data format into a {@link BlockBuilder}. Implementations are
 * immutable and serializable, so the driver can configure one (for CSV, from the header) and
 * ship it to the tasks that parse.
 */
public interface LineParser extends Serializable {

    /**
     * Appends the row on {@code line} to {@code out}.
     *
     * @param line one line without its terminator (a trailing carriage return is tolerated)
     * @return true if exactly one row was added; false if the line holds no row (blank,
     *         comment, repeated header) and {@code out} is unchanged
     * @throws MalformedDataException if the line cannot be read; it carries no location (the
     *                                caller adds file and line) and {@code out} is left as it
     *                                was before the call
     */
    boolean parseLine(CharSequence line, BlockBuilder out);
}
