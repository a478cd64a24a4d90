package org.descent.bench;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a timed series of rounds spends its time, from Spark's own task metrics: how long a
 * task ran and how much of that was on a CPU, and how long it took to deserialize. The round's
 * wall time minus its tasks' is Spark scheduling (job submission, task launch, results back),
 * the part of an iteration no kernel can shorten. Jobs are attributed to a series by the local
 * property {@link #SERIES}, set on the driver thread around the timed rounds only.
 */
public final class TaskTimes extends SparkListener {

    /** Spark local property naming the series a job belongs to. */
    public static final String SERIES = "descent.bench.series";

    /** Means per task over a series; {@code tasksPerRound} is tasks over jobs. */
    public record Anatomy(double tasksPerRound, double runMillis, double cpuMillis, double deserializeMillis) {
    }

    private static final class Totals {
        long jobsEnded;
        long tasks;
        long runMillis;
        long cpuNanos;
        long deserializeMillis;
    }

    private final Map<Integer, String> stageSeries = new ConcurrentHashMap<>();
    private final Map<Integer, String> jobSeries = new ConcurrentHashMap<>();
    private final Map<String, Totals> totals = new ConcurrentHashMap<>();

    /** A listener registered on {@code sc}. */
    public static TaskTimes on(JavaSparkContext sc) {
        TaskTimes listener = new TaskTimes();
        sc.sc().addSparkListener(listener);
        return listener;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String series = start.properties() == null ? null : start.properties().getProperty(SERIES);
        if (series == null) {
            return;
        }
        jobSeries.put(start.jobId(), series);
        start.stageIds().foreach(id -> stageSeries.put((Integer) id, series));
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        String series = jobSeries.remove(end.jobId());
        if (series != null) {
            synchronized (this) {
                totals.computeIfAbsent(series, s -> new Totals()).jobsEnded++;
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String series = stageSeries.get(end.stageId());
        TaskMetrics metrics = end.taskMetrics();
        if (series == null || metrics == null) {
            return;
        }
        synchronized (this) {
            Totals t = totals.computeIfAbsent(series, s -> new Totals());
            t.tasks++;
            t.runMillis += metrics.executorRunTime();
            t.cpuNanos += metrics.executorCpuTime();
            t.deserializeMillis += metrics.executorDeserializeTime();
        }
    }

    /**
     * The anatomy of {@code series} once the listener has seen its {@code jobs} jobs end (events
     * arrive asynchronously; waits up to 10 s), or null if they never arrive.
     */
    public Anatomy anatomy(String series, int jobs) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                Totals t = totals.get(series);
                if (t != null && t.jobsEnded >= jobs && t.tasks > 0) {
                    return new Anatomy((double) t.tasks / t.jobsEnded, (double) t.runMillis / t.tasks,
                            t.cpuNanos / 1e6 / t.tasks, (double) t.deserializeMillis / t.tasks);
                }
            }
            Thread.sleep(20);
        }
        return null;
    }
}
