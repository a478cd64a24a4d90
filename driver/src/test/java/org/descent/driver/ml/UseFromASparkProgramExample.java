package org.descent.driver.ml;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;

/**
 * The example of docs/spark-ml.md, "Use from a Spark program": its code between the docs
 * markers is the docs' code (SparkMlDocsTest checks it), and UseFromASparkProgramExampleTest
 * runs it. As a program: {@code spark-submit --class org.descent.driver.ml.UseFromASparkProgramExample
 * --jars descent-driver-<version>-submit.jar <the test classes' jar> TRAIN.libsvm TEST.libsvm MODEL_DIR}.
 */
public final class UseFromASparkProgramExample {

    private UseFromASparkProgramExample() {
    }

    public static void main(String[] args) throws IOException {
        SparkSession spark = SparkSession.builder().appName("descent from spark.ml").getOrCreate();
        System.out.println("test AUC " + tuneFitAndSave(spark, args[0], args[1], args[2]));
        spark.stop();
    }

    // docs:begin
    /** Tunes the learning rate of a logistic regression on LIBSVM files, scores it and saves it. */
    static double tuneFitAndSave(SparkSession spark, String trainPath, String testPath, String modelDir)
            throws IOException {
        Dataset<Row> train = spark.read().format("libsvm").load(trainPath);  // label, features (sparse)
        Dataset<Row> test = spark.read().format("libsvm").load(testPath);

        DescentClassifier logistic = new DescentClassifier()
                .setModel("logistic")
                .setOptimizer("adam")
                .setBatch("size=128")
                .setMaxIter(40);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(logistic.lr(), new double[] {0.01, 0.1})
                .build();
        TrainValidationSplitModel tuned = new TrainValidationSplit()
                .setEstimator(logistic)
                .setEvaluator(new BinaryClassificationEvaluator())
                .setEstimatorParamMaps(grid)
                .setTrainRatio(0.75)
                .setSeed(7)
                .fit(train);

        DescentClassificationModel model = (DescentClassificationModel) tuned.bestModel();
        System.out.println("lr " + model.getLr() + ": " + model.summary());
        double auc = new BinaryClassificationEvaluator().evaluate(model.transform(test));
        model.write().overwrite().save(modelDir);  // then: descent evaluate --model modelDir --data testPath
        return auc;
    }

    /** Numeric columns assembled into a vector and a small network, in one Pipeline. */
    static PipelineModel networkInAPipeline(Dataset<Row> table, String... featureColumns) {
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(featureColumns)
                .setOutputCol("features");
        DescentClassifier network = new DescentClassifier()
                .setModel("mlp")
                .setLayers(16)
                .setActivation("tanh")
                .setOptimizer("adam")
                .setLr(0.05)
                .setBatch("size=64")
                .setMaxIter(60);
        return new Pipeline().setStages(new PipelineStage[] {assembler, network}).fit(table);
    }
    // docs:end
}
