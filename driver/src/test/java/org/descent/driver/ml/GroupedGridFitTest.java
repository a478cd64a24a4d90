package org.descent.driver.ml;

import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An estimator fitted over a grid of ParamMaps at once ({@code fit(dataset, paramMaps)}) loads
 * the rows once and trains the maps that share their batches together; every model equals,
 * bit for bit, the fit of its map alone, and carries its map's params.
 */
class GroupedGridFitTest {

    static SparkSession spark;
    static Dataset<Row> data;

    @BeforeAll
    static void data() {
        spark = SparkTestContext.session();
        StructType schema = new StructType().add("label", "double").add("features",
                org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
        double[][] x = TestFiles.gaussianRows(400, 5, 51);
        SplittableRandom coin = new SplittableRandom(52);
        List<Row> rows = new ArrayList<>();
        for (double[] r : x) {
            double margin = 0.2 + 1.5 * r[0] - r[1] + 0.5 * r[2];
            rows.add(RowFactory.create(coin.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1.0 : 0.0, Vectors.dense(r)));
        }
        data = spark.createDataFrame(rows, schema).repartition(3);
    }

    @Test
    void aGridFittedAtOnceGivesEachMapsOwnModel() {
        DescentClassifier classifier = new DescentClassifier().setMaxIter(12).setTol(0).setBatch("size=64");
        ParamMap[] grid = new ParamGridBuilder().addGrid(classifier.lr(), new double[] {0.05, 0.5})
                .addGrid(classifier.regL2(), new double[] {0, 0.1})
                .addGrid(classifier.optimizer(), CollectionConverters.asScala(List.of("sgd", "adam")).toList())
                .build();
        List<DescentClassificationModel> together = CollectionConverters.asJava(
                classifier.fit(data, CollectionConverters.asScala(Arrays.asList(grid)).toList()));
        assertEquals(grid.length, together.size());
        for (int i = 0; i < grid.length; i++) {
            DescentClassificationModel alone = classifier.fit(data, grid[i]);
            assertArrayEquals(alone.parameters(), together.get(i).parameters(), 0.0, "map " + i + ": the same model");
            assertEquals(grid[i].apply(classifier.lr()), together.get(i).getLr());
            assertEquals(grid[i].apply(classifier.optimizer()), together.get(i).getOptimizer());
            assertEquals(alone.summary().totalIterations(), together.get(i).summary().totalIterations());
        }
    }

    @Test
    void aRegressorsGridToo() {
        DescentRegressor regressor = new DescentRegressor().setMaxIter(8).setTol(0);
        ParamMap[] grid = new ParamGridBuilder().addGrid(regressor.lr(), new double[] {0.01, 0.1, 0.3}).build();
        List<DescentRegressionModel> together = CollectionConverters.asJava(
                regressor.fit(data, CollectionConverters.asScala(Arrays.asList(grid)).toList()));
        for (int i = 0; i < grid.length; i++) {
            assertArrayEquals(regressor.fit(data, grid[i]).parameters(), together.get(i).parameters(), 0.0, "map " + i);
        }
    }
}
