package org.descent.driver.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.descent.data.CsvFormat;
import org.descent.driver.UserInputException;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLayout;
import org.descent.driver.load.FrameColumns;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code data} field of {@code model.json}: how the training data was laid out, in the
 * options' own words, e.g. {@code {"format": "parquet", "labelCol": "y", "featuresCol": "x"}}
 * or {@code {"format": "csv", "delimiter": ";", "header": true, "labelCol": "price"}}. The field
 * is optional: model files written before it existed are read as before.
 */
final class DataLayoutJson {

    private DataLayoutJson() {
    }

    static void write(DataLayout layout, ObjectNode root) {
        ObjectNode data = root.putObject("data");
        data.put("format", layout.format().spelling());
        if (layout.format() == DataFormat.CSV && layout.csv() != null) {
            CsvFormat csv = layout.csv();
            data.put("delimiter", String.valueOf(csv.delimiter()));
            data.put("header", csv.hasHeader());
            data.put("labelCol", csv.labelColumn());
            if (csv.weightColumn() != null) {
                data.put("weightCol", csv.weightColumn());
            }
        }
        FrameColumns columns = layout.columns();
        if (columns != null) {
            if (columns.label() != null) {
                data.put("labelCol", columns.label());
            }
            if (columns.weight() != null) {
                data.put("weightCol", columns.weight());
            }
            if (columns.fromVector()) {
                data.put("featuresCol", columns.features());
            } else {
                ArrayNode names = data.putArray("featureCols");
                columns.featureColumns().forEach(names::add);
            }
        }
    }

    /** The layout {@code root} records, or null when it records none. */
    static DataLayout read(JsonNode root, String where) {
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            return null;
        }
        String at = where + ": 'data'";
        if (!data.isObject()) {
            throw new UserInputException(at + " must be an object");
        }
        DataFormat format;
        try {
            format = DataFormat.parse(text(data, "format", at, null));
        } catch (UserInputException e) {
            throw new UserInputException(at + ": " + e.getMessage(), e);
        }
        try {
            if (format == DataFormat.CSV) {
                String delimiter = text(data, "delimiter", at, String.valueOf(CsvFormat.DEFAULT_DELIMITER));
                if (delimiter.length() != 1) {
                    throw new UserInputException(at + ": 'delimiter' must be one character");
                }
                return new DataLayout(format, new CsvFormat(delimiter.charAt(0), data.path("header").asBoolean(false),
                        text(data, "labelCol", at, CsvFormat.DEFAULT_LABEL_COLUMN), text(data, "weightCol", at, null)),
                        null);
            }
            if (format.isText()) {
                return new DataLayout(format, null, null);
            }
            String label = text(data, "labelCol", at, FrameColumns.DEFAULT_LABEL);
            String weight = text(data, "weightCol", at, null);
            JsonNode list = data.get("featureCols");
            FrameColumns columns;
            if (list != null) {
                if (!list.isArray()) {
                    throw new UserInputException(at + ": 'featureCols' must be an array of column names");
                }
                List<String> names = new ArrayList<>();
                list.forEach(n -> names.add(n.asText()));
                columns = FrameColumns.numeric(label, names);
            } else {
                columns = FrameColumns.vector(label, text(data, "featuresCol", at, FrameColumns.DEFAULT_FEATURES));
            }
            return new DataLayout(format, null, columns.withWeight(weight));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(at + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode data, String field, String at, String absent) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            if (absent == null && field.equals("format")) {
                throw new UserInputException(at + ": missing text field 'format'");
            }
            return absent;
        }
        if (!node.isTextual()) {
            throw new UserInputException(at + ": '" + field + "' must be text");
        }
        return node.asText();
    }
}
