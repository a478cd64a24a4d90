package org.descent.driver.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example of docs/spark-ml.md runs as the docs say, and its saved model is one {@code descent evaluate} reads. */
class UseFromASparkProgramExampleTest {

    @TempDir
    Path dir;

    @Test
    void theExampleTunesFitsAndSavesAModelThatTheCommandLineEvaluates() throws Exception {
        Path train = TestFiles.write(dir.resolve("train.libsvm"), rows(800, 51));
        Path test = TestFiles.write(dir.resolve("test.libsvm"), rows(200, 52));
        Path model = dir.resolve("model");
        double auc = UseFromASparkProgramExample.tuneFitAndSave(SparkTestContext.session(), train.toString(),
                test.toString(), model.toString());
        assertTrue(auc > 0.95, "test AUC " + auc);

        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(new ObjectMapper().readTree(evaluate.out()).get("accuracy").asDouble() > 0.9, evaluate.out());
    }

    @Test
    void theExamplesPipelineLearnsANonLinearBoundary() {
        StructType schema = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
                .add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (double[] p : TestFiles.gaussianRows(400, 2, 53)) {
            rows.add(RowFactory.create(p[0], p[1], p[0] * p[0] + p[1] * p[1] < 1.4 ? 1.0 : 0.0));
        }
        Dataset<Row> table = SparkTestContext.session().createDataFrame(rows, schema);
        PipelineModel fitted = UseFromASparkProgramExample.networkInAPipeline(table, "x", "y");
        long right = fitted.transform(table).filter("prediction = label").count();
        assertTrue(right > 0.9 * rows.size(), "a circle, which no linear model separates: " + right + " of 400 right");
    }

    /** LIBSVM lines of a sparse logistic problem: 10 features, at most 3 present per row, label 1 when 2 x1 - x2 + x7 > 0. */
    static List<String> rows(int n, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[10];
            for (int k = 0; k < 3; k++) {
                x[rng.nextInt(10)] = TestFiles.gaussian(rng);
            }
            StringBuilder line = new StringBuilder(2 * x[1] - x[2] + x[7] > 0 ? "1" : "0");
            for (int j = 0; j < x.length; j++) {
                if (x[j] != 0) {
                    line.append(' ').append(j + 1).append(':').append(x[j]);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
