package org.descent.data;

import java.io.Serializable;

/**
 * How a delimited text file (CSV) lays out its rows: the field delimiter, whether the first
 * line of each file is a header of column names, which column holds the label and which, if
 * any, the sample weight. Every other column is a feature. {@link CsvParser} resolves the
 * column specifications against a header or the first data line.
 *
 * <p>A column is specified as a header name or as a 0-based column number written in decimal
 * ({@code "0"} is the first column). With a header, a name matching a column wins; a number is
 * taken as a position only if no column bears that name. Without a header only numbers work.
 *
 * @param delimiter    the single character between fields; not a letter, digit, {@code . + -},
 *                     double quote or line break (they would be confused with numbers or quoting)
 * @param hasHeader    whether the first line of each file names the columns
 * @param labelColumn  the label column's name or 0-based number
 * @param weightColumn the weight column's name or 0-based number, or null for weight 1 on every row
 */
public record CsvFormat(char delimiter, boolean hasHeader, String labelColumn, String weightColumn)
        implements Serializable {

    public static final char DEFAULT_DELIMITER = ',';

    /** The first column. */
    public static final String DEFAULT_LABEL_COLUMN = "0";

    public CsvFormat {
        if (Character.isLetterOrDigit(delimiter) || delimiter == '.' || delimiter == '+' || delimiter == '-'
                || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("CSV delimiter '" + delimiter + "' (U+"
                    + String.format("%04X", (int) delimiter) + ") cannot separate numbers: "
                    + "use e.g. ',', ';', '|', a tab or a space");
        }
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new IllegalArgumentException("CSV label column must be a column name or a 0-based number");
        }
        if (weightColumn != null && weightColumn.isBlank()) {
            throw new IllegalArgumentException("CSV weight column must be a column name, a 0-based number or absent");
        }
        if (labelColumn.equals(weightColumn)) {
            throw new IllegalArgumentException("CSV label and weight cannot both be column '" + labelColumn + "'");
        }
    }

    /** Comma-delimited, no header, label in the first column, no weights. */
    public static CsvFormat defaults() {
        return new CsvFormat(DEFAULT_DELIMITER, false, DEFAULT_LABEL_COLUMN, null);
    }

    public CsvFormat withDelimiter(char newDelimiter) {
        return new CsvFormat(newDelimiter, hasHeader, labelColumn, weightColumn);
    }

    public CsvFormat withHeader(boolean newHasHeader) {
        return new CsvFormat(delimiter, newHasHeader, labelColumn, weightColumn);
    }

    public CsvFormat withLabelColumn(String newLabelColumn) {
        return new CsvFormat(delimiter, hasHeader, newLabelColumn, weightColumn);
    }

    /** @param newWeightColumn a column name or 0-based number, or null for no weights */
    public CsvFormat withWeightColumn(String newWeightColumn) {
        return new CsvFormat(delimiter, hasHeader, labelColumn, newWeightColumn);
    }
}
