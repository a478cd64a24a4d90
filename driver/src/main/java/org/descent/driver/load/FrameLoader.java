package org.descent.driver.load;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskKilledException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.descent.data.BlockBuilder;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.data.DataSummary;
import org.descent.data.FeaturePrecision;
import org.descent.data.SparseBlock;
import org.descent.driver.UserInputException;
import scala.Option;
import scala.reflect.ClassTag$;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Caches the rows of a DataFrame as {@link DataLoader} caches text files: one primitive-array
 * block per partition, built by {@link BlockBuilder}, with the same summary, the same checks
 * and the same default partitioning. The same rows in the same order and the same partitions
 * give the same blocks, bit for bit, as their LIBSVM or CSV text would.
 *
 * <p>Its rows are read once, by the executors: each partition of the DataFrame is read into a
 * CSR block ({@link FrameRowReader} checks every value on the way), kept while its report (a
 * summary, its sizes, its first bad row) goes to the driver; nothing else is collected. Then
 * the parsed blocks are regrouped, without a shuffle and keeping the rows' order, into the
 * partitions that are cached ({@link RowRangeCoalescer}) and built at their final width and
 * storage; the parsed stage is dropped.
 *
 * <p>A bad value is refused with one {@link UserInputException} naming the column, and the
 * file where Spark can tell it ({@link FrameRowLocator}), never as a failed Spark job.
 */
public final class FrameLoader {

    /** What a row's vector is measured against when neither the caller nor the data before it gave a size. */
    private static final String ROWS_BEFORE = "the size of the rows before it";

    private FrameLoader() {
    }

    /** {@link #load(Dataset, FrameColumns, BlockOptions)} with {@link BlockOptions#defaults()}. */
    public static LoadedData load(Dataset<Row> data, FrameColumns columns) {
        return load(data, columns, BlockOptions.defaults());
    }

    /**
     * Reads and caches {@code data}.
     *
     * @param columns which columns hold the label (required here), the features and the weight
     * @throws UserInputException for a column that is missing or of a type that cannot hold its
     *                            values, a bad value, vectors of different sizes, or no rows
     */
    public static LoadedData load(Dataset<Row> data, FrameColumns columns, BlockOptions options) {
        if (columns.label() == null) {
            throw new IllegalArgumentException("loading needs a label column");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        String where = options.name() != null ? options.name() : nameOf(data);
        FrameProjection projection = FrameProjection.of(data, columns, where, List.of());
        FrameRowReader reader = projection.reader();
        projection.requireFeatures(options.numFeatures(), options.declaredFeatures(), where);
        SortedMap<String, FileStamp> stamps = stamps(data, sc.hadoopConfiguration(), where);
        int expected = options.numFeatures() > 0 ? options.numFeatures() : -1;
        String expectedOrigin = options.numFeatures() > 0 ? options.declaredFeatures() : null;

        sc.setJobDescription("descent: loading " + where);
        JavaRDD<ParsedFrame> parsed = projection.rows().javaRDD()
                .mapPartitionsWithIndex(new ParsePartition(reader, expected, expectedOrigin), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<FrameReport> reports = parsed.map(ParsedFrame::report).collect();
            long[] parentRows = reports.stream().mapToLong(FrameReport::rows).toArray();
            FrameRowLocator locator = new FrameRowLocator(sc, projection, where, parentRows);
            failOnFaults(reports, locator, where);
            int numFeatures = featureCount(reports, reader, expected, locator, where);
            DataSummary summary = reports.stream().map(FrameReport::summary).reduce(DataSummary.empty(), DataSummary::merge);

            RowRangeCoalescer ranges = ranges(sc, reports, options, numFeatures);
            RDD<ParsedFrame> grouped = parsed.rdd().coalesce(ranges.numRanges(), false, Option.apply(ranges), null);
            JavaRDD<DataBlock> blocks = new JavaRDD<>(grouped, ClassTag$.MODULE$.apply(ParsedFrame.class))
                    .mapPartitionsWithIndex(new WidenRange(numFeatures, options.storage(), options.precision(),
                            ranges.skip(), ranges.take(), ranges.expectedEntries(parentRows,
                            reports.stream().mapToLong(FrameReport::entries).toArray()), parentRows, where), true)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            sc.setJobDescription("descent: caching " + where);
            List<long[]> rowsAndBytes = blocks.map(DataLoader::rowsAndBytes).collect();
            long[] partitionRows = rowsAndBytes.stream().mapToLong(r -> r[0]).toArray();
            long featureBytes = rowsAndBytes.stream().mapToLong(r -> r[1]).sum();
            return new LoadedData(blocks, numFeatures, summary, partitionRows, featureBytes, stamps, locator);
        } finally {
            parsed.unpersist(false);
            sc.setJobDescription(null);
        }
    }

    /**
     * The cached partitions as row ranges of the DataFrame's: as many as asked for, or by
     * default one per core (more where a block would pass 1 GB, see
     * {@link DataLoader#defaultPartitionCount}). Fewer partitions than the DataFrame has are
     * runs of whole partitions balanced by their stored values, as the text loader groups its
     * splits; more are ranges of equal rows, cut inside partitions.
     */
    private static RowRangeCoalescer ranges(JavaSparkContext sc, List<FrameReport> reports, BlockOptions options,
                                            int numFeatures) {
        long[] rows = reports.stream().mapToLong(FrameReport::rows).toArray();
        long[] entries = reports.stream().mapToLong(FrameReport::entries).toArray();
        int target = options.partitions() > 0 ? options.partitions()
                : DataLoader.defaultPartitionCount(DefaultPartitions.of(sc), Arrays.stream(rows).sum(),
                        Arrays.stream(entries).sum(), numFeatures, options.precision());
        if (target < rows.length) {
            return RowRangeCoalescer.wholeParents(rows, ContiguousCoalescer.starts(entries, target));
        }
        if (target == rows.length) {
            int[] each = new int[rows.length];
            Arrays.setAll(each, p -> p);
            return RowRangeCoalescer.wholeParents(rows, each);
        }
        return RowRangeCoalescer.equalRows(rows, target);
    }

    /** The first bad row of the first partition that has one, located, with the count of the others. */
    private static void failOnFaults(List<FrameReport> reports, FrameRowLocator locator, String where) {
        for (FrameReport r : reports) {
            if (r.readFailure() != null) {
                throw new UserInputException("cannot read data " + where + ": " + r.readFailure());
            }
        }
        long total = reports.stream().mapToLong(FrameReport::faults).sum();
        for (int p = 0; p < reports.size(); p++) {
            FrameReport r = reports.get(p);
            if (r.firstFault() != null) {
                String more = total > 1 ? " (and " + (total - 1) + " more bad row" + (total > 2 ? "s" : "") + ")" : "";
                throw new UserInputException(r.firstFault().message(locator.whereIs(p, r.faultRow())) + more);
            }
        }
    }

    /**
     * The feature count: the number of feature columns, or the size every row's vector has;
     * the partitions' vectors are checked against each other here (each partition checked its
     * own rows against its first).
     */
    private static int featureCount(List<FrameReport> reports, FrameRowReader reader, int expected,
                                     FrameRowLocator locator, String where) {
        if (reports.stream().mapToLong(FrameReport::rows).sum() == 0) {
            throw new UserInputException("no rows in " + where);
        }
        int width = reader.fixedWidth() >= 0 ? reader.fixedWidth() : expected;
        for (int p = 0; p < reports.size(); p++) {
            int w = reports.get(p).width();
            if (w < 0) {
                continue;
            }
            if (width < 0) {
                width = w;
            } else if (w != width) {
                RowFault fault = new RowFault(reader.featureColumn(), "is a vector of size " + w,
                        "size " + width + " (" + ROWS_BEFORE + ")");
                throw new UserInputException(fault.message(locator.whereIs(p, 0)));
            }
        }
        if (width <= 0) {
            throw new UserInputException("no features in " + where + ": column '" + reader.featureColumn()
                    + "' holds vectors of size 0");
        }
        return width;
    }

    /** The one input file of the DataFrame, or "the DataFrame" when it has none or several. */
    private static String nameOf(Dataset<Row> data) {
        String[] files = data.inputFiles();
        return files.length == 1 ? path(files[0]).toString() : "the DataFrame";
    }

    /**
     * The length and modification time of every file the DataFrame reads, by path, as
     * {@link InputFiles} stamps text files: a checkpoint records them, and a resumed run must
     * read the same bytes. Listed by directory, not stated one by one: part files come by the
     * thousand. Empty for a DataFrame that reads no files.
     */
    static SortedMap<String, FileStamp> stamps(Dataset<Row> data, Configuration conf, String where) {
        Map<Path, Set<Path>> byDirectory = new LinkedHashMap<>();
        for (String file : data.inputFiles()) {
            Path path = path(file);
            byDirectory.computeIfAbsent(path.getParent(), d -> new HashSet<>()).add(path);
        }
        SortedMap<String, FileStamp> stamps = new TreeMap<>();
        try {
            for (Map.Entry<Path, Set<Path>> dir : byDirectory.entrySet()) {
                FileSystem fs = dir.getKey().getFileSystem(conf);
                for (FileStatus status : fs.listStatus(dir.getKey())) {
                    if (dir.getValue().contains(status.getPath())) {
                        stamps.put(status.getPath().toString(), FileStamp.of(status));
                    }
                }
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read data path " + where + ": " + e.getMessage(), e);
        }
        return stamps;
    }

    private static Path path(String uri) {
        try {
            return new Path(new URI(uri));
        } catch (URISyntaxException e) {
            return new Path(uri);
        }
    }

    /**
     * Partition {@code partition} of the DataFrame after reading: its rows as a CSR block (null
     * if a row is bad) and its report.
     */
    record ParsedFrame(int partition, SparseBlock block, FrameReport report) implements Serializable {
    }

    /*
     * The two functions of the cached blocks' lineage are named classes, not lambdas: every
     * gradient round's tasks deserialize that lineage (see DataLoader).
     */

    /** Reads one partition of the projection into one {@link ParsedFrame}. */
    private record ParsePartition(FrameRowReader reader, int expectedWidth, String expectedOrigin)
            implements Function2<Integer, Iterator<Row>, Iterator<ParsedFrame>> {
        @Override
        public Iterator<ParsedFrame> call(Integer index, Iterator<Row> rows) {
            return List.of(parse(index, rows, reader, expectedWidth, expectedOrigin)).iterator();
        }
    }

    /**
     * A partition's rows as one CSR block as wide as its vectors. Each row's vector is checked
     * against the expected size or, with none, against the partition's first; the partitions
     * are checked against each other on the driver. A failure to read the rows at all (a
     * corrupt file) ends the partition with its message in the report, rather than failing a
     * task that Spark would retry and log with its stack trace at each attempt.
     */
    private static ParsedFrame parse(int partition, Iterator<Row> rows, FrameRowReader reader, int expectedWidth,
                                     String expectedOrigin) {
        BlockBuilder builder = new BlockBuilder();
        int width = reader.fixedWidth() >= 0 ? reader.fixedWidth() : expectedWidth;
        String origin = expectedOrigin;
        RowFault first = null;
        long faultRow = -1;
        long faults = 0;
        long i = 0;
        String readFailure = null;
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                if (width < 0) {
                    width = reader.width(row);
                    origin = ROWS_BEFORE;
                }
                RowFault fault = reader.read(row, builder, width, origin);
                if (fault != null) {
                    faults++;
                    if (first == null) {
                        first = fault;
                        faultRow = i;
                    }
                }
                i++;
            }
        } catch (TaskKilledException e) {
            throw e;
        } catch (Exception e) {
            readFailure = failure(e);
        }
        SparseBlock block = (SparseBlock) builder.build(Math.max(1, Math.max(width, builder.maxColumnIndex() + 1)),
                BlockStorage.SPARSE);
        FrameReport report = new FrameReport(DataSummary.of(block), block.numRows(), block.numNonZeros(),
                i == 0 ? -1 : width, first, faultRow, faults, readFailure);
        return new ParsedFrame(partition, faults == 0 && readFailure == null ? block : null, report);
    }

    /** Why rows could not be read, in a line: Spark's message (which names the file) and its root cause's. */
    public static String failure(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = firstLine(e);
        return root == e ? top : top + " (" + firstLine(root) + ")";
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /**
     * Builds the block of one cached partition: range {@code index} of the rows, read from the
     * parsed partitions it overlaps. On a rebuild (a cached block lost with an executor) the
     * DataFrame is read again; a partition that no longer reads as it did at loading stops the
     * run rather than training on other rows.
     */
    private record WidenRange(int numFeatures, BlockStorage storage, FeaturePrecision precision, long[] skip,
                              long[] take, long[] entries, long[] loadedRows, String where)
            implements Function2<Integer, Iterator<ParsedFrame>, Iterator<DataBlock>> {
        @Override
        public Iterator<DataBlock> call(Integer index, Iterator<ParsedFrame> parts) {
            long toSkip = skip[index];
            long toTake = take[index];
            // Sized for the range's rows and values (known from the reports): no doubling of block-sized arrays.
            BlockBuilder builder = new BlockBuilder((int) Math.min(toTake, Integer.MAX_VALUE),
                    (int) Math.min(entries[index], Integer.MAX_VALUE));
            while (toTake > 0 && parts.hasNext()) {
                ParsedFrame part = parts.next();
                SparseBlock parsed = checked(part);
                int from = (int) Math.min(toSkip, parsed.numRows());
                toSkip -= from;
                int to = (int) Math.min(parsed.numRows(), from + toTake);
                builder.appendRows(parsed, from, to);
                toTake -= to - from;
            }
            return List.of(builder.build(numFeatures, storage, precision)).iterator();
        }

        private SparseBlock checked(ParsedFrame part) {
            FrameReport report = part.report();
            if (report.readFailure() != null) {
                throw new DataChangedException("data " + where + " can no longer be read as loaded: " + report.readFailure());
            }
            if (part.block() == null) {
                throw new DataChangedException("data " + where + " no longer reads as loaded: "
                        + report.firstFault().message("a row"));
            }
            if (report.rows() != loadedRows[part.partition()]) {
                throw new DataChangedException("data " + where + " changed since it was loaded: partition "
                        + part.partition() + " had " + loadedRows[part.partition()] + " rows, now " + report.rows());
            }
            return part.block();
        }
    }
}
