package org.descent.bench;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.descent.data.BlockStorage;
import org.descent.driver.load.BlockOptions;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.FrameColumns;
import org.descent.driver.load.FrameLoader;
import org.descent.driver.load.LoadedData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The same rows loaded into cached blocks three ways, in one warmed JVM: the conversion of a
 * cached DataFrame ({@link FrameLoader}, what {@code DescentClassifier.fit} does first), the
 * same rows written as Parquet and read by {@link FrameLoader} ({@code --format parquet}), and
 * written as LIBSVM text and read by {@link DataLoader} (the command line's default format).
 * The ways take turns, {@code runs} rounds; the median of each is reported, in seconds and
 * rows per second. The files are written by Spark's own writers before any timing.
 */
public final class FrameLoadTiming {

    /** One way of loading: its median and fastest seconds over the runs, and the median CPU seconds ({@link ProcessCpu}). */
    public record Timing(String input, long rows, double medianSeconds, double fastestSeconds, double cpuSeconds) {
        public double rowsPerSecond() {
            return rows / medianSeconds;
        }
    }

    private FrameLoadTiming() {
    }

    public static List<Timing> measure(Dataset<Row> frame, long rows, int features, Path dir, int runs) {
        String libsvm = dir.resolve("libsvm").toString();
        String parquet = dir.resolve("parquet").toString();
        frame.write().mode(SaveMode.Overwrite).format("libsvm").save(libsvm);
        frame.write().mode(SaveMode.Overwrite).parquet(parquet);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
        FrameColumns columns = FrameColumns.vector("label", "features");
        Map<String, Supplier<LoadedData>> ways = new LinkedHashMap<>();
        ways.put("cached DataFrame (FrameLoader)", () -> FrameLoader.load(frame, columns, BlockOptions.defaults()));
        ways.put("Parquet files, vector column (FrameLoader)", () -> FrameLoader.load(
                frame.sparkSession().read().parquet(parquet), columns, BlockOptions.defaults()));
        ways.put("LIBSVM text files (DataLoader)", () -> DataLoader.load(sc,
                new DataSource(libsvm, DataFormat.LIBSVM, null, features, 0, BlockStorage.AUTO)));
        Map<String, double[]> seconds = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        ways.keySet().forEach(way -> {
            seconds.put(way, new double[runs]);
            cpu.put(way, new double[runs]);
        });
        for (int r = 0; r < runs; r++) {
            for (Map.Entry<String, Supplier<LoadedData>> way : ways.entrySet()) {
                System.gc();
                double cpuStart = ProcessCpu.seconds();
                long start = System.nanoTime();
                LoadedData loaded = way.getValue().get();
                seconds.get(way.getKey())[r] = (System.nanoTime() - start) / 1e9;
                cpu.get(way.getKey())[r] = ProcessCpu.seconds() - cpuStart;
                if (loaded.numRows() != rows) {
                    throw new IllegalStateException(way.getKey() + " loaded " + loaded.numRows() + " rows, not " + rows);
                }
                loaded.unpersist();
                log("  load %s, run %d: %.2f s (%.2f s CPU)", way.getKey(), r + 1, seconds.get(way.getKey())[r],
                        cpu.get(way.getKey())[r]);
            }
        }
        List<Timing> timings = new ArrayList<>();
        seconds.forEach((way, s) -> timings.add(new Timing(way, rows, PipelineTimeToObjective.Timed.median(s),
                Arrays.stream(s).min().orElse(Double.NaN), PipelineTimeToObjective.Timed.median(cpu.get(way)))));
        return timings;
    }

    private static void log(String format, Object... args) {
        System.out.printf(java.util.Locale.ROOT, "bench: " + format + "%n", args);
    }
}
