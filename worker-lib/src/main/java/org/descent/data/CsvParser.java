package org.descent.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads delimited text lines (CSV) laid out as a {@link CsvFormat} says: every line has the
 * same number of fields; one is the label, at most one the sample weight, and every other
 * field is a feature, numbered 0, 1, 2, ... in the order the columns appear with the label and
 * weight columns left out. All fields are decimal numbers as {@link DecimalNumber} reads them
 * (sign, digits, point, exponent; not Java's hexadecimal or suffixed spellings), and finite:
 * {@code nan} and {@code inf} are refused; blanks around a field are ignored.
 *
 * <p>Rejected with a {@link MalformedDataException} naming the column (0-based, as in
 * {@link CsvFormat}, with its header name when there is one): a wrong number of fields, an
 * empty field, a field that is not a number or not finite, a negative weight, and any double
 * quote. <b>Quoted fields are not supported</b>: numeric data never needs them, and reading
 * {@code "1,5"} as two fields would silently shift every column after it.
 *
 * <p>A UTF-8 byte-order mark before the first line is no part of the header or of the first
 * row. Blank lines hold no row. With a header, a line identical to the header holds no row
 * either, so the header at the top of each file of a multi-file input is dropped (as Spark's
 * CSV source does). Features equal to zero are not stored.
 *
 * <p>Built once, on the driver, by {@link #forHeader} or {@link #forFirstRow}; immutable and
 * serializable for the tasks that parse.
 */
public final class CsvParser implements LineParser {

    private static final long serialVersionUID = 1L;

    /** {@link #weightColumn()} when rows carry no weight column. */
    public static final int NO_COLUMN = -1;

    private static final double DEFAULT_WEIGHT = 1.0;
    private static final char QUOTE = '"';
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final char delimiter;
    private final int numColumns;
    private final int labelColumn;
    private final int weightColumn;
    /** The header line without a trailing carriage return, or null without a header. */
    private final String header;
    /** Column names from the header (trimmed), or null without a header. */
    private final String[] columnNames;

    private CsvParser(char delimiter, int numColumns, int labelColumn, int weightColumn,
                      String header, String[] columnNames) {
        this.delimiter = delimiter;
        this.numColumns = numColumns;
        this.labelColumn = labelColumn;
        this.weightColumn = weightColumn;
        this.header = header;
        this.columnNames = columnNames;
    }

    /**
     * A parser for files whose first line is {@code headerLine}: label and weight columns are
     * looked up among its names (or, if no name matches, taken as 0-based numbers).
     *
     * @throws IllegalArgumentException if the format has no header, the header is quoted or
     *                                  looks like data (every field a number), or a column
     *                                  cannot be resolved; the message lists the column names
     */
    public static CsvParser forHeader(CsvFormat format, String headerLine) {
        if (!format.hasHeader()) {
            throw new IllegalArgumentException("the CSV format has no header: use CsvParser.forFirstRow");
        }
        String header = withoutByteOrderMark(withoutTrailingCarriageReturn(headerLine));
        if (header.indexOf(QUOTE) >= 0) {
            throw new IllegalArgumentException("quoted fields are not supported, found '\"' in the CSV header: " + header);
        }
        String[] names = fields(header, format.delimiter());
        if (allNumbers(names)) {
            throw new IllegalArgumentException("the CSV header looks like data (every field is a number): '" + header
                    + "'; if the files have no header line, leave out --header (header = true in a config file)");
        }
        return resolve(format, names.length, header, names);
    }

    /**
     * A parser for files without a header, whose column count is that of
     * {@code firstDataLine}; label and weight columns must be 0-based numbers.
     *
     * @throws IllegalArgumentException if the format has a header, the line is blank, or a
     *                                  column is a name or out of range
     */
    public static CsvParser forFirstRow(CsvFormat format, String firstDataLine) {
        if (format.hasHeader()) {
            throw new IllegalArgumentException("the CSV format has a header: use CsvParser.forHeader");
        }
        String line = withoutByteOrderMark(withoutTrailingCarriageReturn(firstDataLine));
        if (line.isBlank()) {
            throw new IllegalArgumentException("cannot take the CSV column count from a blank line");
        }
        return resolve(format, fields(line, format.delimiter()).length, null, null);
    }

    private static CsvParser resolve(CsvFormat format, int numColumns, String header, String[] names) {
        int label = resolveColumn("label", format.labelColumn(), numColumns, names);
        int weight = format.weightColumn() == null
                ? NO_COLUMN
                : resolveColumn("weight", format.weightColumn(), numColumns, names);
        if (label == weight) {
            throw new IllegalArgumentException("CSV label column '" + format.labelColumn() + "' and weight column '"
                    + format.weightColumn() + "' are the same column " + label);
        }
        return new CsvParser(format.delimiter(), numColumns, label, weight, header, names);
    }

    private static int resolveColumn(String role, String spec, int numColumns, String[] names) {
        if (names != null) {
            int found = NO_COLUMN;
            for (int c = 0; c < names.length; c++) {
                if (names[c].equals(spec)) {
                    if (found != NO_COLUMN) {
                        throw new IllegalArgumentException("CSV " + role + " column '" + spec
                                + "' is ambiguous: the header names columns " + found + " and " + c + " so");
                    }
                    found = c;
                }
            }
            if (found != NO_COLUMN) {
                return found;
            }
        }
        int number = parseColumnNumber(spec);
        if (number == NO_COLUMN) {
            throw new IllegalArgumentException(names == null
                    ? "CSV " + role + " column '" + spec + "' is a name, but no header is declared to look it up"
                            + " in: give a 0-based column number, or --header (header = true in a config file)"
                            + " if the files' first line names the columns"
                    : "CSV " + role + " column '" + spec + "' is not in the header; columns are: "
                            + String.join(", ", names));
        }
        if (number >= numColumns) {
            throw new IllegalArgumentException("CSV " + role + " column " + number + " is out of range: lines have "
                    + numColumns + " columns, numbered from 0");
        }
        return number;
    }

    /** Number of features per row: all columns but the label and the weight. */
    public int numFeatures() {
        return numColumns - 1 - (weightColumn == NO_COLUMN ? 0 : 1);
    }

    /** Number of fields on every line. */
    public int numColumns() {
        return numColumns;
    }

    /** 0-based column of the label. */
    public int labelColumn() {
        return labelColumn;
    }

    /** 0-based column of the weight, or {@link #NO_COLUMN}. */
    public int weightColumn() {
        return weightColumn;
    }

    @Override
    public boolean parseLine(CharSequence line, BlockBuilder out) {
        int length = line.length();
        if (isBlankLine(line, length) || isHeader(line, length)) {
            return false;
        }
        // Pass 1: check the shape and read label and weight, which may sit after the features.
        int labelStart = 0;
        int labelEnd = 0;
        int weightStart = 0;
        int weightEnd = 0;
        int quoteAt = -1;
        int column = 0;
        int fieldStart = 0;
        for (int i = 0; i <= length; i++) {
            char c = i == length ? delimiter : line.charAt(i);
            if (c == delimiter) {
                if (column == labelColumn) {
                    labelStart = fieldStart;
                    labelEnd = i;
                } else if (column == weightColumn) {
                    weightStart = fieldStart;
                    weightEnd = i;
                }
                column++;
                fieldStart = i + 1;
            } else if (c == QUOTE && quoteAt < 0) {
                quoteAt = i;
            }
        }
        if (quoteAt >= 0) {
            throw quoted(line, quoteAt);
        }
        if (column != numColumns) {
            throw new MalformedDataException(line, "expected " + numColumns + " fields, found " + column);
        }
        double label = parseField(line, labelStart, labelEnd, labelColumn);
        double weight = DEFAULT_WEIGHT;
        if (weightColumn != NO_COLUMN) {
            weight = parseField(line, weightStart, weightEnd, weightColumn);
            if (weight < 0) {
                throw new MalformedDataException(line.subSequence(weightStart, weightEnd),
                        describe(weightColumn) + " must be >= 0");
            }
        }

        // Pass 2: the features, in column order.
        out.startRow(label, weight);
        try {
            int feature = 0;
            column = 0;
            fieldStart = 0;
            for (int i = 0; i <= length; i++) {
                if (i == length || line.charAt(i) == delimiter) {
                    if (column != labelColumn && column != weightColumn) {
                        double value = parseField(line, fieldStart, i, column);
                        if (value != 0.0) {
                            out.addFeature(feature, value);
                        }
                        feature++;
                    }
                    column++;
                    fieldStart = i + 1;
                }
            }
        } catch (MalformedDataException e) {
            out.discardRow();
            throw e;
        }
        out.endRow();
        return true;
    }

    /** Parses field {@code line[start, end)} of {@code column} as a finite double, blanks trimmed. */
    private double parseField(CharSequence line, int start, int end, int column) {
        while (start < end && isBlank(line.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            throw new MalformedDataException(line, "empty field in " + describe(column));
        }
        try {
            return DecimalNumber.parseFinite(line, start, end);
        } catch (NumberFormatException e) {
            throw new MalformedDataException(line.subSequence(start, end), describe(column) + " is " + e.getMessage());
        }
    }

    private MalformedDataException quoted(CharSequence line, int quoteAt) {
        int column = 0;
        int start = 0;
        for (int i = 0; i < quoteAt; i++) {
            if (line.charAt(i) == delimiter) {
                column++;
                start = i + 1;
            }
        }
        int end = quoteAt;
        while (end < line.length() && line.charAt(end) != delimiter) {
            end++;
        }
        return new MalformedDataException(line.subSequence(start, end),
                "quoted fields are not supported (column " + column + ")");
    }

    /** "column 3", or "column 3 (age)" with a header, prefixed "label " or "weight " for those columns. */
    private String describe(int column) {
        String where = columnNames == null ? "column " + column : "column " + column + " (" + columnNames[column] + ")";
        if (column == labelColumn) {
            return "label " + where;
        }
        return column == weightColumn ? "weight " + where : where;
    }

    /** Blanks are spaces, tabs and carriage returns, unless the delimiter is one of them. */
    private boolean isBlank(char c) {
        return (c == ' ' || c == '\t' || c == '\r') && c != delimiter;
    }

    private boolean isBlankLine(CharSequence line, int length) {
        for (int i = 0; i < length; i++) {
            if (!isBlank(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean isHeader(CharSequence line, int length) {
        if (header == null) {
            return false;
        }
        if (length > 0 && line.charAt(length - 1) == '\r') {
            length--;
        }
        if (length != header.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line.charAt(i) != header.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Splits on every delimiter (no regular expression), trimming blanks from each field. */
    private static String[] fields(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                fields.add(line.substring(start, i).strip());
                start = i + 1;
            }
        }
        return fields.toArray(new String[0]);
    }

    private static boolean allNumbers(String[] fields) {
        for (String field : fields) {
            if (!DecimalNumber.isDecimal(field, 0, field.length())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A 0-based column number written as decimal digits (capped at {@code Integer.MAX_VALUE},
     * which is out of range anyway), or {@link #NO_COLUMN} if the text is not one.
     */
    private static int parseColumnNumber(String spec) {
        String digits = spec.strip();
        if (digits.isEmpty()) {
            return NO_COLUMN;
        }
        long number = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return NO_COLUMN;
            }
            number = Math.min(Integer.MAX_VALUE, number * 10 + (c - '0'));
        }
        return (int) number;
    }

    /**
     * The line without a leading UTF-8 byte-order mark (U+FEFF), which editors such as Excel
     * write at the start of a file: it belongs to no column name and no number. Only the
     * first line of a file can carry one; Hadoop's line reader drops it from the lines tasks
     * parse, so the driver's raw first line is the one that needs this.
     */
    private static String withoutByteOrderMark(String line) {
        return !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
    }

    private static String withoutTrailingCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public String toString() {
        return "CsvParser[delimiter='" + delimiter + "', columns=" + numColumns + ", label=" + labelColumn
                + ", weight=" + (weightColumn == NO_COLUMN ? "none" : weightColumn) + "]";
    }
}
