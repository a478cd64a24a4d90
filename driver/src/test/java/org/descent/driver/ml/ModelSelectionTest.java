package org.descent.driver.ml;

import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;
import scala.reflect.ClassTag$;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimators in spark.ml's model selection: {@code CrossValidator} over a grid of learning
 * rate and L2 penalty picks what a hand-written loop over the same folds picks, with the same
 * metrics bit for bit; {@code TrainValidationSplit} runs too.
 */
class ModelSelectionTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    /** 500 rows, 6 features of decreasing weight, labels drawn from the logistic model (so noisy). */
    static Dataset<Row> data;

    @BeforeAll
    static void data() {
        spark = SparkTestContext.session();
        StructType schema = new StructType().add("label", "double").add("features",
                org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
        double[][] x = TestFiles.gaussianRows(500, 6, 41);
        double[] w = {2, -1.5, 1, -0.5, 0.25, 0};
        SplittableRandom coin = new SplittableRandom(42);
        List<Row> rows = new ArrayList<>();
        for (double[] r : x) {
            double margin = 0.3;
            for (int j = 0; j < w.length; j++) {
                margin += w[j] * r[j];
            }
            double label = coin.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
            rows.add(RowFactory.create(label, Vectors.dense(r)));
        }
        data = spark.createDataFrame(rows, schema);
    }

    static DescentClassifier classifier() {
        return new DescentClassifier().setMaxIter(15).setTol(0);
    }

    static ParamMap[] grid(DescentClassifier c) {
        return new ParamGridBuilder().addGrid(c.lr(), new double[] {0.05, 1.0})
                .addGrid(c.regL2(), new double[] {0, 0.5}).build();
    }

    /**
     * The fold models are compared bit for bit; the mean AUCs to 1e-12, since spark.ml's AUC
     * of one model on one DataFrame can differ in its last bit from one evaluation to the next.
     */
    @Test
    void crossValidationPicksWhatALoopOverTheSameFoldsPicks() {
        DescentClassifier classifier = classifier();
        ParamMap[] grid = grid(classifier);
        BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator();
        CrossValidatorModel cv = new CrossValidator().setEstimator(classifier).setEvaluator(auc)
                .setEstimatorParamMaps(grid).setNumFolds(2).setSeed(5).setCollectSubModels(true).fit(data);

        // The folds CrossValidator makes: MLUtils.kFold of the rows with its seed, as DataFrames again.
        Tuple2<RDD<Row>, RDD<Row>>[] folds = MLUtils.kFold(data.rdd(), 2, 5L, ClassTag$.MODULE$.apply(Row.class));
        double[] byHand = new double[grid.length];
        for (int f = 0; f < folds.length; f++) {
            Dataset<Row> training = spark.createDataFrame(folds[f]._1(), data.schema());
            Dataset<Row> validation = spark.createDataFrame(folds[f]._2(), data.schema());
            for (int i = 0; i < grid.length; i++) {
                DescentClassificationModel model = (DescentClassificationModel) classifier.fit(training, grid[i]);
                assertArrayEquals(model.parameters(), ((DescentClassificationModel) cv.subModels()[f][i]).parameters(),
                        0.0, "fold " + f + ", configuration " + i + ": the same model");
                byHand[i] += auc.evaluate(model.transform(validation, grid[i]));
            }
        }
        int best = 0;
        for (int i = 0; i < grid.length; i++) {
            byHand[i] /= folds.length;
            best = byHand[i] > byHand[best] ? i : best;
        }
        assertArrayEquals(byHand, cv.avgMetrics(), 1e-12, "every configuration's mean AUC");
        for (int i = 0; i < grid.length; i++) {
            assertTrue(i == best || byHand[best] - byHand[i] > 1e-9,
                    "the configurations differ, so the pick means something: " + Arrays.toString(byHand));
        }
        DescentClassificationModel chosen = (DescentClassificationModel) cv.bestModel();
        assertEquals(grid[best].apply(classifier.lr()), chosen.getLr());
        assertEquals(grid[best].apply(classifier.regL2()), chosen.getRegL2());
        assertEquals(500, chosen.summary().numRows(), "the best configuration refitted on all rows");
    }

    @Test
    void aCrossValidatorAndItsModelSaveAndLoad() throws Exception {
        DescentClassifier classifier = classifier().setMaxIter(5);
        CrossValidator validator = new CrossValidator().setEstimator(classifier)
                .setEvaluator(new BinaryClassificationEvaluator()).setEstimatorParamMaps(grid(classifier))
                .setNumFolds(2).setSeed(5);
        validator.write().save(dir.resolve("validator").toString());
        CrossValidator loadedValidator = CrossValidator.load(dir.resolve("validator").toString());
        DescentClassifier loadedClassifier = (DescentClassifier) loadedValidator.getEstimator();
        assertEquals(classifier.uid(), loadedClassifier.uid());
        assertEquals(5, loadedClassifier.getMaxIter());
        assertEquals(1.0, loadedValidator.getEstimatorParamMaps()[3].apply(loadedClassifier.lr()));

        CrossValidatorModel fitted = validator.fit(data);
        fitted.write().save(dir.resolve("validated").toString());
        CrossValidatorModel loaded = CrossValidatorModel.load(dir.resolve("validated").toString());
        assertArrayEquals(((DescentClassificationModel) fitted.bestModel()).parameters(),
                ((DescentClassificationModel) loaded.bestModel()).parameters(), 0.0);
        assertEquals(DescentPipelineTest.columns(fitted.transform(data)), DescentPipelineTest.columns(loaded.transform(data)));
    }

    @Test
    void trainValidationSplitFitsTheBestOfTheGrid() {
        DescentClassifier classifier = classifier();
        ParamMap[] grid = new ParamGridBuilder().addGrid(classifier.lr(), new double[] {0.05, 1.0}).build();
        TrainValidationSplitModel split = new TrainValidationSplit().setEstimator(classifier)
                .setEvaluator(new BinaryClassificationEvaluator()).setEstimatorParamMaps(grid).setTrainRatio(0.7)
                .setSeed(6).fit(data);
        assertEquals(2, split.validationMetrics().length);
        int best = split.validationMetrics()[1] > split.validationMetrics()[0] ? 1 : 0;
        assertEquals(grid[best].apply(classifier.lr()), ((DescentClassificationModel) split.bestModel()).getLr());
        assertEquals(500, split.transform(data).count());
    }
}
