package org.descent.driver.load;

import org.descent.data.CsvFormat;

import java.io.Serializable;

/**
 * How a data set's rows are laid out in its files, apart from where the files are: the format,
 * and which columns hold the label, the weight and the features. A model records the layout
 * of its training data, so that evaluating or predicting on data laid out the same way need
 * not name the columns again.
 *
 * @param csv     the CSV layout (delimiter, header, label and weight columns); null when the
 *                format is not CSV or nothing was said about it
 * @param columns the DataFrame formats' columns; null for the text formats
 */
public record DataLayout(DataFormat format, CsvFormat csv, FrameColumns columns) implements Serializable {

    public DataLayout {
        if (format == null) {
            throw new IllegalArgumentException("a data layout needs its format");
        }
    }
}
