package org.descent.bench;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.descent.driver.ml.DescentClassificationModel;
import org.descent.driver.ml.DescentClassifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@link DescentClassifier} against spark.ml's {@link LogisticRegression}, each the one stage
 * of a {@link Pipeline} fitted on the same cached DataFrame ({@code label}, {@code features}):
 * the wall time of {@code Pipeline.fit} to reach spark.ml's final objective.
 *
 * <p>The objective is {@link LogisticObjective}, one function evaluated on each fitted model's
 * coefficients and intercept: mean log loss, no penalty, as both estimators' defaults have
 * (spark.ml {@code regParam} 0, Descent {@code regL2} and {@code regL1} 0). Both standardize
 * the features while training, each by its own default (spark.ml {@code standardization},
 * Descent {@code standardize}, both true), and both give the model in the features' units;
 * without a penalty, standardizing changes the path to the optimum, not the optimum. The
 * target is spark.ml's objective plus {@code slack}.
 *
 * <p>spark.ml fits with its defaults (L-BFGS, at most 100 iterations, tolerance 1e-6); its
 * time is that whole fit. Each Descent setting fits once with its {@code maxIter}; if its
 * objective history (full batch: the objective on all rows at the start of each iteration)
 * reaches the target after {@code k} iterations, it fits again with {@code maxIter = k}, and
 * that second whole fit (the DataFrame's conversion to blocks, the standardization pass and
 * the k iterations) is its time to the target, checked by the yardstick. A setting that
 * never reaches the target reports its first fit's time and objective. The timed fits are
 * repeated {@code runs} times and the median reported.
 */
public final class PipelineTimeToObjective {

    /** A named configuration of the classifier. */
    public record Setting(String name, UnaryOperator<DescentClassifier> configure) {
    }

    /**
     * One timed fit.
     *
     * @param iterations    iterations the fit ran
     * @param seconds       wall time of the whole {@code Pipeline.fit}
     * @param cpuSeconds    CPU time this JVM used meanwhile, every thread ({@link ProcessCpu})
     * @param trainSeconds  of which the iterations (Descent's summary; NaN for spark.ml)
     * @param objective     the yardstick's value on the fitted model
     * @param reached       whether that is at or below the target
     */
    public record Fit(String trainer, String settings, int iterations, double seconds, double cpuSeconds,
                      double trainSeconds, double objective, boolean reached) {
    }

    /** One comparison: spark.ml's fit, and Descent's with defaults and with tuned settings. */
    public record Result(long rows, int features, int partitions, double slack, double target, Fit sparkMl,
                         double sparkMlReportedObjective, List<Fit> descentDefaults, List<Fit> descentTuned) {
        /** The fastest Descent fit that reached the target among {@code fits}; null if none did. */
        public static Fit fastest(List<Fit> fits) {
            return fits.stream().filter(Fit::reached).min((a, b) -> Double.compare(a.seconds(), b.seconds()))
                    .orElse(null);
        }
    }

    private PipelineTimeToObjective() {
    }

    /**
     * Fits each estimator once on {@code frame} (small, for the JIT compiler), untimed: what
     * is measured after it is the steady state, not the first compilation of either.
     */
    public static void warmUp(Dataset<Row> frame, List<Setting> settings) {
        fitPipeline(new LogisticRegression(), frame);
        for (Setting setting : settings) {
            fitPipeline(setting.configure().apply(new DescentClassifier()), frame);
        }
    }

    /** @param runs timed fits of each, in turn; the median time is reported */
    public static Result compare(Dataset<Row> frame, long rows, int features, int partitions,
                                 List<Setting> defaults, List<Setting> tuned, double slack, int runs) {
        PipelineModel[] sparkPipeline = new PipelineModel[1];
        Timed sparkTime = Timed.median(runs, () -> sparkPipeline[0] = fitPipeline(new LogisticRegression(), frame));
        LogisticRegressionModel spark = (LogisticRegressionModel) sparkPipeline[0].stages()[0];
        double sparkObjective = LogisticObjective.of(frame, spark.coefficients().toArray(), spark.intercept(), 0);
        double[] sparkHistory = spark.summary().objectiveHistory();
        double target = sparkObjective + slack;
        Fit sparkFit = new Fit("spark.ml LogisticRegression", "defaults (L-BFGS)", spark.summary().totalIterations(),
                sparkTime.seconds(), sparkTime.cpuSeconds(), Double.NaN, sparkObjective, true);
        log("spark.ml LogisticRegression: %.2f s (%.2f s CPU), %d iterations, objective %.6f (its own: %.6f); "
                        + "target %.6f", sparkTime.seconds(), sparkTime.cpuSeconds(), sparkFit.iterations(), sparkObjective, sparkHistory[sparkHistory.length - 1], target);
        return new Result(rows, features, partitions, slack, target, sparkFit, sparkHistory[sparkHistory.length - 1],
                timeToTarget(frame, defaults, target, runs), timeToTarget(frame, tuned, target, runs));
    }

    private static List<Fit> timeToTarget(Dataset<Row> frame, List<Setting> settings, double target, int runs) {
        List<Fit> fits = new ArrayList<>();
        for (Setting setting : settings) {
            DescentClassifier classifier = setting.configure().apply(new DescentClassifier());
            Fitted first = descentFit(frame, setting.name(), classifier, target, 1);
            int k = firstAtOrBelow(first.history(), target);
            Fit fit = first.fit();
            if (k > 0 && k < fit.iterations()) {
                fit = descentFit(frame, setting.name(), classifier.copy(ParamMap.empty()).setMaxIter(k), target, runs).fit();
            }
            log("  Descent %s: %s in %.2f s (%.2f s CPU; iterations %.2f s), %d iterations, objective %.6f",
                    setting.name(), fit.reached() ? "reached" : "NOT reached", fit.seconds(), fit.cpuSeconds(),
                    fit.trainSeconds(), fit.iterations(), fit.objective());
            fits.add(fit);
        }
        return fits;
    }

    /** A Descent fit and its objective history. */
    private record Fitted(Fit fit, double[] history) {
    }

    private static Fitted descentFit(Dataset<Row> frame, String name, DescentClassifier classifier, double target,
                                     int runs) {
        PipelineModel[] pipeline = new PipelineModel[1];
        Timed time = Timed.median(runs, () -> pipeline[0] = fitPipeline(classifier, frame));
        DescentClassificationModel model = (DescentClassificationModel) pipeline[0].stages()[0];
        double[] params = model.parameters();
        int d = model.numFeatures();
        double objective = LogisticObjective.of(frame, Arrays.copyOf(params, d), params.length > d ? params[d] : 0, 0);
        return new Fitted(new Fit("Descent", name, model.summary().totalIterations(), time.seconds(),
                time.cpuSeconds(), model.summary().trainMillis() / 1e3, objective, objective <= target), model.summary().objectiveHistory());
    }

    /**
     * The iterations after which the history first reaches {@code target}: entry {@code i} is
     * the objective at the start of iteration {@code i + 1}, that is after {@code i}
     * iterations. 0 if it never does.
     */
    static int firstAtOrBelow(double[] history, double target) {
        for (int i = 1; i < history.length; i++) {
            if (history[i] <= target) {
                return i;
            }
        }
        return 0;
    }

    /** Wall and CPU seconds of a call: the medians of each over the runs. */
    record Timed(double seconds, double cpuSeconds) {
        static Timed median(int runs, Runnable call) {
            double[] wall = new double[runs];
            double[] cpu = new double[runs];
            for (int r = 0; r < runs; r++) {
                System.gc();
                double cpuStart = ProcessCpu.seconds();
                long start = System.nanoTime();
                call.run();
                wall[r] = (System.nanoTime() - start) / 1e9;
                cpu[r] = ProcessCpu.seconds() - cpuStart;
            }
            return new Timed(median(wall), median(cpu));
        }

        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    private static PipelineModel fitPipeline(PipelineStage estimator, Dataset<Row> frame) {
        return new Pipeline().setStages(new PipelineStage[] {estimator}).fit(frame);
    }

    private static void log(String format, Object... args) {
        System.out.printf(java.util.Locale.ROOT, "bench: " + format + "%n", args);
    }
}
