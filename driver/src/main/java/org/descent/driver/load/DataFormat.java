package org.descent.driver.load;

import org.descent.driver.UserInputException;

import java.util.Locale;

/** The text formats Descent reads. */
public enum DataFormat {
    /** {@code label index:value ...} with 1-based ascending indices, as MLUtils.loadLibSVMFile. */
    LIBSVM,
    /** Delimited numeric columns, one of them the label; optional header. */
    CSV;

    public static DataFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("format: unknown value '" + text + "'; allowed: libsvm, csv");
        }
    }

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
