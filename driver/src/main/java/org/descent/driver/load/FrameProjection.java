package org.descent.driver.load;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;
import org.descent.driver.UserInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of a DataFrame that {@link FrameRowReader} reads, checked against its schema and
 * selected in the reader's order, numeric ones cast to double. A column that does not exist,
 * or whose type cannot hold what it should, is refused here, on the driver, before any task
 * runs: "data.parquet: column 'label' is string; allowed: a numeric type".
 *
 * @param rows   the selected columns, then the caller's {@code extra} columns unchanged
 * @param reader reads the selected columns of those rows
 */
public record FrameProjection(Dataset<Row> rows, FrameRowReader reader) {

    private static final String NUMERIC = "a numeric type";
    private static final String VECTOR = "a vector (spark.ml Vector) or an array of numbers";

    /**
     * @param where  what the data is, to begin a refusal with: its path, or "the DataFrame"
     * @param extra  further columns to carry along after the ones read (predictions keep them)
     */
    public static FrameProjection of(Dataset<Row> data, FrameColumns columns, String where, List<String> extra) {
        StructType schema = data.schema();
        List<Column> selected = new ArrayList<>();
        if (columns.label() != null) {
            selected.add(numeric(schema, columns.label(), where));
        }
        if (columns.weight() != null) {
            selected.add(numeric(schema, columns.weight(), where));
        }
        FrameRowReader.Features features;
        List<String> featureNames;
        if (columns.fromVector()) {
            StructField field = field(schema, columns.features(), where);
            DataType type = field.dataType();
            if (isVector(type)) {
                features = FrameRowReader.Features.VECTOR;
                selected.add(column(field.name()));
            } else if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
                features = FrameRowReader.Features.ARRAY;
                selected.add(column(field.name()).cast(DataTypes.createArrayType(DataTypes.DoubleType)));
            } else {
                throw refused(where, field, VECTOR);
            }
            featureNames = List.of(field.name());
        } else {
            features = FrameRowReader.Features.COLUMNS;
            for (String name : columns.featureColumns()) {
                selected.add(numeric(schema, name, where));
            }
            featureNames = columns.featureColumns();
        }
        for (String name : extra) {
            selected.add(column(field(schema, name, where).name()));
        }
        FrameRowReader reader = new FrameRowReader(columns.label(), columns.weight(), features, featureNames);
        return new FrameProjection(data.select(selected.toArray(Column[]::new)), reader);
    }

    /** A spark.ml or spark.mllib vector: both are stored as the same struct, and read as a spark.ml vector. */
    private static boolean isVector(DataType type) {
        return type instanceof UserDefinedType<?> udt
                && (udt.userClass() == org.apache.spark.ml.linalg.Vector.class
                    || udt.userClass() == org.apache.spark.mllib.linalg.Vector.class);
    }

    private static Column numeric(StructType schema, String name, String where) {
        StructField field = field(schema, name, where);
        if (!(field.dataType() instanceof NumericType)) {
            throw refused(where, field, NUMERIC);
        }
        return column(field.name()).cast(DataTypes.DoubleType);
    }

    /** The field of that exact name; a name that is not there is refused with the columns that are. */
    static StructField field(StructType schema, String name, String where) {
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        throw new UserInputException(where + ": no column '" + name + "'; columns: "
                + Arrays.stream(schema.fieldNames()).collect(Collectors.joining(", ")));
    }

    /** A column by its exact name, dots and all (unquoted, Spark would read a.b as a field of a struct). */
    private static Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    private static UserInputException refused(String where, StructField field, String allowed) {
        return new UserInputException(where + ": column '" + field.name() + "' is " + field.dataType().simpleString()
                + "; allowed: " + allowed);
    }
}
