package org.descent.driver.evaluate;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockBuilder;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.driver.SparkTestContext;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.metrics.BinaryMetrics;
import org.descent.metrics.MetricsAccumulator;
import org.descent.metrics.MulticlassMetrics;
import org.descent.model.Model;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The distributed evaluation against one local pass over every row, however the rows are split. */
class EvaluationTest {

    private static final JavaSparkContext sc = SparkTestContext.get();
    private static final int FEATURES = 3;
    private static final int ROWS = 500;
    /** Sums of the same terms in another order differ in the last bits only. */
    private static final double RELATIVE = 1e-12;

    /**
     * The same rows cut at random into 1, 2, 3, 7 or 20 blocks, each placed among two more
     * partitions than blocks (so two partitions are empty), and 20 blocks take the two-level
     * tree: every split gives the numbers of one local pass over all rows, the per-class tables,
     * both AUCs and their bounds included. Features are drawn from {-1, 0, 1}, so many rows
     * share a score exactly, across partitions too, and the bounds must stay exactly 0 for those
     * ties however the bins were merged.
     */
    @Test
    void anySplitIntoPartitionsGivesTheNumbersOfOnePass() {
        for (ModelSpec spec : List.of(new ModelSpec(ModelKind.LOGISTIC, FEATURES, 2, true),
                new ModelSpec(ModelKind.SOFTMAX, FEATURES, 3, true))) {
            SplittableRandom rng = new SplittableRandom(spec.numClasses());
            double[][] rows = rows(spec.numClasses(), rng);
            double[] params = new double[spec.layout().numParams()];
            for (int i = 0; i < params.length; i++) {
                params[i] = rng.nextDouble(-1, 1);
            }
            double[] classes = spec.numClasses() == 2 ? new double[] {0, 1} : new double[] {0, 1, 2};
            TrainedModel trained = new TrainedModel(spec, params, classes, Map.of(), Map.of());
            Map<String, Object> onePass = localPass(spec, params, block(rows, 0, rows.length));
            if (spec.numClasses() == 2) {
                assertEquals(0.0, onePass.get("aucErrorBound"), "only exact ties share a bin");
            }
            for (int parts : new int[] {1, 2, 3, 7, 20}) {
                List<DataBlock> blocks = new ArrayList<>();
                int start = 0;
                for (int cut : cuts(parts, rng)) {
                    blocks.add(block(rows, start, cut));
                    start = cut;
                }
                JavaRDD<DataBlock> rdd = sc.parallelize(blocks, parts + 2);
                assertSameNumbers(onePass, Evaluation.metrics(trained, rdd), spec.kind() + " in " + parts + " blocks");
            }
        }
    }

    /** A binary model trained on -1/+1 labels lists its classes as -1 and 1, not by index. */
    @Test
    void thePerClassTableNamesClassesAsTheDataDid() {
        ModelSpec spec = new ModelSpec(ModelKind.LOGISTIC, FEATURES, 2, true);
        double[][] rows = rows(2, new SplittableRandom(4));
        for (double[] row : rows) {
            row[0] = row[0] == 0 ? -1 : 1;
        }
        TrainedModel trained = new TrainedModel(spec, new double[] {1, -1, 0.5, 0}, new double[] {-1, 1}, Map.of(), Map.of());
        Map<String, Object> metrics = Evaluation.metrics(trained, sc.parallelize(List.of(block(rows, 0, rows.length)), 1));
        List<?> table = (List<?>) metrics.get("perClass");
        assertEquals(-1L, ((Map<?, ?>) table.get(0)).get("class"));
        assertEquals(1L, ((Map<?, ?>) table.get(1)).get("class"));
    }

    /** Each row: label, weight, then FEATURES values in {-1, 0, 1}; weights are 1/2, 1 or 2. */
    private static double[][] rows(int numClasses, SplittableRandom rng) {
        double[][] rows = new double[ROWS][2 + FEATURES];
        for (double[] row : rows) {
            row[0] = rng.nextInt(numClasses);
            row[1] = new double[] {0.5, 1, 2}[rng.nextInt(3)];
            for (int j = 0; j < FEATURES; j++) {
                row[2 + j] = rng.nextInt(3) - 1;
            }
        }
        return rows;
    }

    /** {@code parts} increasing cut points ending at ROWS, so that no block is empty. */
    private static List<Integer> cuts(int parts, SplittableRandom rng) {
        TreeSet<Integer> cuts = new TreeSet<>();
        while (cuts.size() < parts - 1) {
            cuts.add(rng.nextInt(1, ROWS));
        }
        cuts.add(ROWS);
        return new ArrayList<>(cuts);
    }

    private static DataBlock block(double[][] rows, int from, int to) {
        BlockBuilder builder = new BlockBuilder();
        for (int r = from; r < to; r++) {
            builder.startRow(rows[r][0], rows[r][1]);
            for (int j = 0; j < FEATURES; j++) {
                if (rows[r][2 + j] != 0) {
                    builder.addFeature(j, rows[r][2 + j]);
                }
            }
            builder.endRow();
        }
        return builder.build(FEATURES, BlockStorage.AUTO);
    }

    /** The metrics of every row added in order to one accumulator, without Spark. */
    private static Map<String, Object> localPass(ModelSpec spec, double[] params, DataBlock all) {
        Model model = spec.model();
        double[] p = new double[all.numRows() * model.outputLoss().numPredictionOutputs()];
        model.predict(all, params, p);
        MetricsAccumulator<?> metrics;
        if (spec.numClasses() == 2) {
            BinaryMetrics binary = new BinaryMetrics();
            for (int i = 0; i < all.numRows(); i++) {
                binary.add(all.labels()[i], p[i], all.weights()[i]);
            }
            metrics = binary;
        } else {
            MulticlassMetrics multiclass = new MulticlassMetrics(spec.numClasses());
            for (int i = 0; i < all.numRows(); i++) {
                multiclass.add((int) all.labels()[i], p, i * spec.numClasses(), all.weights()[i]);
            }
            metrics = multiclass;
        }
        assertEquals(ROWS, metrics.count());
        return metrics.toMap();
    }

    /** Equal keys in equal order; numbers equal to a relative 1e-12 (NaN equals NaN); lists and maps alike, recursively. */
    private static void assertSameNumbers(Object expected, Object actual, String where) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            assertEquals(List.copyOf(e.keySet()), List.copyOf(a.keySet()), where);
            e.forEach((key, value) -> assertSameNumbers(value, a.get(key), where + " / " + key));
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            assertEquals(e.size(), a.size(), where);
            for (int i = 0; i < e.size(); i++) {
                assertSameNumbers(e.get(i), a.get(i), where + " [" + i + "]");
            }
        } else if (expected instanceof Number e && actual instanceof Number a) {
            double x = e.doubleValue();
            double y = a.doubleValue();
            if (!(Double.isNaN(x) && Double.isNaN(y)) && Math.abs(x - y) > RELATIVE * Math.max(1.0, Math.abs(x))) {
                fail(where + ": expected " + x + ", got " + y);
            }
        } else {
            fail(where + ": expected " + expected + ", got " + actual);
        }
    }
}
