package org.descent.driver.ml;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimators as spark.ml stages: in a Pipeline after a VectorAssembler they fit and
 * transform, writing the columns spark.ml's own classifiers write; a saved and reloaded model,
 * alone or in its PipelineModel, predicts the same bits.
 */
class DescentPipelineTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    /** Columns a, b, c (doubles) and label: three classes by which of a, b, c is largest. */
    static Dataset<Row> threeClasses;
    /** Columns a, b, c and label 0/1: 1 when a - b/2 > 0. */
    static Dataset<Row> twoClasses;

    @BeforeAll
    static void data() {
        spark = SparkTestContext.session();
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
        double[][] x = TestFiles.gaussianRows(600, 3, 21);
        List<Row> three = new ArrayList<>();
        List<Row> two = new ArrayList<>();
        for (double[] r : x) {
            int best = r[0] >= r[1] && r[0] >= r[2] ? 0 : r[1] >= r[2] ? 1 : 2;
            three.add(RowFactory.create(r[0], r[1], r[2], (double) best));
            two.add(RowFactory.create(r[0], r[1], r[2], r[0] - 0.5 * r[1] > 0 ? 1.0 : 0.0));
        }
        threeClasses = spark.createDataFrame(three, schema);
        twoClasses = spark.createDataFrame(two, schema);
    }

    static Pipeline pipeline(PipelineStage predictor) {
        VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"a", "b", "c"})
                .setOutputCol("features");
        return new Pipeline().setStages(new PipelineStage[] {assembler, predictor});
    }

    @Test
    void aPipelineOfAnAssemblerAndTheClassifierFitsAndWritesSparkMlsColumns() throws Exception {
        DescentClassifier softmax = new DescentClassifier().setModel("softmax").setOptimizer("adam").setLr(0.05)
                .setBatch("size=128").setMaxIter(150).setTol(0);
        PipelineModel fitted = pipeline(softmax).fit(threeClasses);
        Dataset<Row> out = fitted.transform(threeClasses);
        assertEquals(List.of("a", "b", "c", "label", "features", "rawPrediction", "probability", "prediction"),
                List.of(out.columns()));
        List<Row> rows = out.select("label", "rawPrediction", "probability", "prediction").collectAsList();
        int right = 0;
        for (Row r : rows) {
            Vector raw = r.getAs(1);
            Vector p = r.getAs(2);
            assertEquals(3, raw.size());
            assertEquals(1.0, p.toArray()[0] + p.toArray()[1] + p.toArray()[2], 1e-12, "probabilities sum to 1");
            assertEquals(raw.argmax(), p.argmax(), "the largest margin is the most probable class");
            assertEquals((double) p.argmax(), r.getDouble(3));
            right += r.getDouble(0) == r.getDouble(3) ? 1 : 0;
        }
        assertTrue(right > 0.9 * rows.size(), "learned the three classes: " + right + " of " + rows.size());

        DescentClassificationModel model = (DescentClassificationModel) fitted.stages()[1];
        assertEquals(3, model.numClasses());
        assertEquals(3, model.numFeatures());
        assertEquals(150, model.summary().totalIterations());
        assertEquals("max_iterations", model.summary().stopReason());
        assertEquals(softmax.uid(), model.uid(), "a model has its estimator's uid, as spark.ml's do");
        assertEquals("adam", model.getOptimizer(), "the model carries the params it was fitted with");
        assertEquals(0.05, model.getLr());
        assertEquals(softmax, model.parent());
    }

    @Test
    void aSavedAndReloadedModelAndPipelinePredictTheSameBits() throws Exception {
        DescentClassifier logistic = new DescentClassifier().setBatch("size=64").setLr(0.5).setMaxIter(40)
                .setRegL2(1e-3);
        PipelineModel fitted = pipeline(logistic).fit(twoClasses);
        DescentClassificationModel model = (DescentClassificationModel) fitted.stages()[1];
        assertTrue(model.hasSummary());
        Path modelDir = dir.resolve("logistic");
        model.write().overwrite().save(modelDir.toString());
        assertTrue(Files.exists(modelDir.resolve("metadata")), "spark.ml's metadata");
        assertTrue(Files.exists(modelDir.resolve("data/model.json")), "Descent's model file");
        DescentClassificationModel loaded = DescentClassificationModel.load(modelDir.toString());
        assertFalse(loaded.hasSummary(), "spark.ml saves no summary, nor do we");
        assertThrows(IllegalStateException.class, loaded::summary);
        assertEquals(model.uid(), loaded.uid());
        assertEquals(model.getRegL2(), loaded.getRegL2());
        assertEquals(model.getBatch(), loaded.getBatch());
        assertFalse(loaded.isSet(loaded.momentum()), "a param left unset stays unset");
        assertArrayEquals(model.parameters(), loaded.parameters(), 0.0);

        Dataset<Row> assembled = fitted.stages()[0].transform(twoClasses);
        assertEquals(columns(model.transform(assembled)), columns(loaded.transform(assembled)));

        Path pipelineDir = dir.resolve("pipeline");
        fitted.write().overwrite().save(pipelineDir.toString());
        PipelineModel reloaded = PipelineModel.load(pipelineDir.toString());
        assertEquals(columns(fitted.transform(twoClasses)), columns(reloaded.transform(twoClasses)));
    }

    @Test
    void theRegressorFitsAndTransformsInAPipelineAndReloads() throws Exception {
        StructType schema = new StructType().add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        double[][] x = TestFiles.gaussianRows(300, 2, 22);
        for (double[] r : x) {
            // y = 2a - b + 1, sparse vectors where a is 0 one time in three.
            double a = rows.size() % 3 == 0 ? 0 : r[0];
            Vector v = a == 0 ? Vectors.sparse(2, new int[] {1}, new double[] {r[1]}) : Vectors.dense(a, r[1]);
            rows.add(RowFactory.create(v, 2 * a - r[1] + 1));
        }
        Dataset<Row> data = spark.createDataFrame(rows, schema);
        DescentRegressionModel model = new DescentRegressor().setLr(0.3).setMaxIter(300).setTol(0).fit(data);
        double[] w = model.parameters();
        assertArrayEquals(new double[] {2, -1, 1}, w, 1e-3, "weights then intercept");
        List<Row> predicted = model.transform(data).select("label", "prediction").collectAsList();
        for (Row r : predicted) {
            assertEquals(r.getDouble(0), r.getDouble(1), 1e-3);
        }
        Path modelDir = dir.resolve("linear");
        model.write().save(modelDir.toString());
        DescentRegressionModel loaded = DescentRegressionModel.load(modelDir.toString());
        assertEquals(columns(model.transform(data)), columns(loaded.transform(data)));
        IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class,
                () -> DescentClassificationModel.load(modelDir.toString()));
        assertTrue(wrongKind.getMessage().contains("DescentRegressionModel"), wrongKind.getMessage());
    }

    /** Every row's values, doubles by their bits (vectors element by element), in order. */
    static List<List<Long>> columns(Dataset<Row> data) {
        List<List<Long>> all = new ArrayList<>();
        for (Row r : data.collectAsList()) {
            List<Long> bits = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                Object v = r.get(i);
                if (v instanceof Vector vector) {
                    for (double d : vector.toArray()) {
                        bits.add(Double.doubleToRawLongBits(d));
                    }
                } else {
                    bits.add(Double.doubleToRawLongBits(((Number) v).doubleValue()));
                }
            }
            all.add(bits);
        }
        return all;
    }
}
