package org.descent.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.descent.data.DataBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic blocks as a DataFrame of a double {@code label} and a dense spark.ml vector
 * {@code features}, partition for partition: the same rows, for spark.ml's estimators.
 */
public final class SyntheticFrames {

    private SyntheticFrames() {
    }

    public static Dataset<Row> of(SparkSession spark, JavaRDD<DataBlock> blocks) {
        StructType schema = new StructType()
                .add("label", DataTypes.DoubleType)
                .add("features", SQLDataTypes.VectorType());
        JavaRDD<Row> rows = blocks.flatMap(block -> {
            List<Row> out = new ArrayList<>(block.numRows());
            double[] dense = new double[block.numFeatures()];
            for (int i = 0; i < block.numRows(); i++) {
                block.copyRowInto(i, dense);
                out.add(RowFactory.create(block.labels()[i], Vectors.dense(dense.clone())));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, schema);
    }
}
