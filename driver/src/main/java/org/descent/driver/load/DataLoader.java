package org.descent.driver.load;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import org.descent.data.BlockBuilder;
import org.descent.data.BlockStorage;
import org.descent.data.CsvParser;
import org.descent.data.DataBlock;
import org.descent.data.FeaturePrecision;
import org.descent.data.DataSummary;
import org.descent.data.LibSvmParser;
import org.descent.data.LineParser;
import org.descent.data.MalformedDataException;
import org.descent.data.SparseBlock;
import org.descent.driver.UserInputException;
import scala.Option;
import scala.Tuple2;
import scala.reflect.ClassTag$;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Reads text data from any Hadoop path into cached blocks, one block per partition (and hands
 * the DataFrame formats to {@link FrameFiles}, which ends in the same blocks).
 *
 * <p>Two passes over Spark, one over the files: each input split is parsed once into a CSR
 * block (so the feature count can be inferred from all of the data), errors and summaries are
 * collected, then every block is converted to its final storage (dense or CSR) at the final
 * width and cached; the parsed stage is dropped. Splits are parsed with the split in hand, so
 * a malformed line is reported with its file and line number, and a file that cannot be read
 * (see {@link StampedTextInputFormat}) with its path and the cause, as one
 * {@link UserInputException} rather than a failed Spark job. Checks that only a summary of
 * the data can make (labels, feature counts) name their first offending row through the
 * {@link RowLocator} loading leaves with the data.
 */
public final class DataLoader {

    private DataLoader() {
    }

    /** Loads {@code source}: text here, the DataFrame formats through {@link FrameFiles}. */
    public static LoadedData load(JavaSparkContext sc, DataSource source) {
        if (!source.format().isText()) {
            return FrameFiles.load(sc, source);
        }
        Configuration conf = new Configuration(sc.hadoopConfiguration());
        InputFiles files = InputFiles.resolve(source.path(), conf);
        String csvHead = source.format() == DataFormat.CSV ? firstLine(files, conf) : null;
        if (source.format() == DataFormat.CSV) {
            // Fail on the driver, with the user's words, before any task starts.
            parserFor(source, csvHead);
        }

        int target = source.partitions() > 0 ? source.partitions() : DefaultPartitions.of(sc);
        long maxSplit = Math.max(1, (files.totalBytes() + target - 1) / target);
        Job job = newJob(conf);
        Configuration jobConf = job.getConfiguration();
        jobConf.setLong(FileInputFormat.SPLIT_MAXSIZE, maxSplit);
        if (source.partitions() > 0) {
            // Splits never exceed a file-system block on their own (32 MB on local disk), so a
            // 250 MB file would come as 8 partitions whatever was asked. A partition count given
            // explicitly is honoured (one per file at least): each partition sends back a whole
            // gradient per iteration, which for a network is megabytes.
            jobConf.setLong(FileInputFormat.SPLIT_MINSIZE, maxSplit);
        }
        try {
            FileInputFormat.setInputPaths(job, files.paths());
            for (FileStatus status : files.files()) {
                StampedTextInputFormat.stamp(jobConf, status);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read data path " + source.path() + ": " + e.getMessage(), e);
        }

        sc.setJobDescription("descent: loading " + source.path());
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
                sc.newAPIHadoopRDD(jobConf, StampedTextInputFormat.class, LongWritable.class, Text.class);
        JavaRDD<ParsedSplit> parsed = lines
                .mapPartitionsWithInputSplit(new ParseSplit(source, csvHead), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        RowLocator rows = new TextRowLocator(sc, jobConf, source, csvHead);
        try {
            List<PartitionReport> reports = reportsOf(parsed, source);
            failOnErrors(reports, conf);
            DataSummary summary = reports.stream().map(PartitionReport::summary).reduce(DataSummary.empty(), DataSummary::merge);
            int numFeatures;
            try {
                numFeatures = featureCount(source, summary);
            } catch (OffendingRowsException e) {
                throw rows.located(e);
            }
            BlockStorage storage = source.storage();
            FeaturePrecision precision = source.precision();
            JavaRDD<DataBlock> blocks = grouped(parsed, reports, source, target, numFeatures)
                    .mapPartitions(new Widen(numFeatures, storage, precision), true)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            sc.setJobDescription("descent: caching " + source.path());
            List<long[]> rowsAndBytes = blocks.map(DataLoader::rowsAndBytes).collect();
            long[] partitionRows = rowsAndBytes.stream().mapToLong(r -> r[0]).toArray();
            List<Long> featureBytes = rowsAndBytes.stream().map(r -> r[1]).toList();
            return new LoadedData(blocks, numFeatures, summary, partitionRows,
                    featureBytes.stream().mapToLong(Long::longValue).sum(), files.stamps(), rows);
        } finally {
            parsed.unpersist(false);
            sc.setJobDescription(null);
        }
    }

    /*
     * The two functions of the cached blocks' lineage are named classes, not lambdas: every
     * gradient round's tasks deserialize that lineage, and a serialized lambda is resolved
     * through its capturing class's $deserializeLambda$ each time.
     */

    /** Parses one split into one {@link ParsedSplit}. */
    private record ParseSplit(DataSource source, String csvHead)
            implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<ParsedSplit>> {
        @Override
        public Iterator<ParsedSplit> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> records) {
            return List.of(parseSplit(split, records, source, csvHead)).iterator();
        }
    }

    /** Turns a partition's parsed splits into the one block the rounds read. */
    private record Widen(int numFeatures, BlockStorage storage, FeaturePrecision precision)
            implements FlatMapFunction<Iterator<ParsedSplit>, DataBlock> {
        @Override
        public Iterator<DataBlock> call(Iterator<ParsedSplit> splits) {
            return List.of(widen(splits, numFeatures, storage, precision)).iterator();
        }
    }

    /**
     * Bytes a cached block may hold before the default partitioning adds partitions: a block
     * is one Java array per field, and one that spills to disk is serialized whole, which
     * Spark cannot do beyond 2 GB.
     */
    static final long MAX_BLOCK_BYTES = 1L << 30;

    /**
     * The parsed splits grouped into the partitions that are cached. With {@code --partitions}
     * the splits are those partitions already. By default, one partition per core of the
     * cluster (Spark's default parallelism), not one per input split: file splits follow the
     * file system's block size (32 MB on local disk, 128 MB on HDFS), and every partition
     * costs every round a task, its scheduling and its result, whatever its batch; more only
     * where a block would exceed {@link #MAX_BLOCK_BYTES}. Consecutive splits are grouped
     * without a shuffle ({@link ContiguousCoalescer}), balanced by their stored values.
     */
    private static JavaRDD<ParsedSplit> grouped(JavaRDD<ParsedSplit> parsed, List<PartitionReport> reports,
                                                DataSource source, int parallelism, int numFeatures) {
        if (source.partitions() > 0) {
            return parsed;
        }
        long[] entries = reports.stream().mapToLong(PartitionReport::entries).toArray();
        long rows = reports.stream().mapToLong(PartitionReport::rows).sum();
        int target = defaultPartitionCount(parallelism, rows, Arrays.stream(entries).sum(), numFeatures,
                source.precision());
        if (target >= entries.length) {
            return parsed;
        }
        RDD<ParsedSplit> coalesced = parsed.rdd().coalesce(target, false,
                Option.apply(new ContiguousCoalescer(entries)), null);
        return new JavaRDD<>(coalesced, ClassTag$.MODULE$.apply(ParsedSplit.class));
    }

    /**
     * The partitions data is cached in by default: {@code parallelism}, or more where a block
     * would pass {@link #MAX_BLOCK_BYTES}, counted as the smaller of dense and CSR storage.
     */
    static int defaultPartitionCount(int parallelism, long rows, long entries, int numFeatures,
                                     FeaturePrecision precision) {
        long bytesPerValue = precision == FeaturePrecision.FLOAT ? Float.BYTES : Double.BYTES;
        long dense = rows * (long) numFeatures * bytesPerValue;
        long sparse = entries * (Double.BYTES + Integer.BYTES);
        long bytes = Math.min(dense, sparse) + rows * (2L * Double.BYTES + Integer.BYTES);
        return (int) Math.max(parallelism, (bytes + MAX_BLOCK_BYTES - 1) / MAX_BLOCK_BYTES);
    }

    static long[] rowsAndBytes(DataBlock block) {
        return new long[]{block.numRows(), block.featureBytes()};
    }

    /** One split after parsing: its rows as a CSR block as wide as its own widest row. */
    record ParsedSplit(SparseBlock block, PartitionReport report) implements Serializable {
    }

    private static ParsedSplit parseSplit(InputSplit split, Iterator<Tuple2<LongWritable, Text>> records,
                                          DataSource source, String csvHead) {
        FileSplit fileSplit = (FileSplit) split;
        String file = fileSplit.getPath().toString();
        long splitStart = fileSplit.getStart();
        LineParser parser = parserFor(source, csvHead);
        boolean skipHeader = startsWithHeader(source, fileSplit);
        BlockBuilder builder = new BlockBuilder();
        LineError firstError = null;
        long errors = 0;
        long lineInSplit = 0;
        String readFailure = null;
        while (records.hasNext()) {
            Tuple2<LongWritable, Text> record = records.next();
            if (StampedTextInputFormat.isReadFailure(record._1())) {
                readFailure = record._2().toString();
                break;
            }
            lineInSplit++;
            if (skipHeader && lineInSplit == 1) {
                continue;
            }
            try {
                parser.parseLine(record._2().toString(), builder);
            } catch (MalformedDataException e) {
                // The parser has dropped the half-added row; once a line is bad the block is
                // discarded anyway, and later lines are parsed only to be counted.
                errors++;
                if (firstError == null) {
                    firstError = new LineError(file, splitStart, record._1().get(), lineInSplit, e.reason(), e.token());
                }
            }
        }
        SparseBlock block = (SparseBlock) builder.build(Math.max(1, builder.maxColumnIndex() + 1), BlockStorage.SPARSE);
        PartitionReport report = new PartitionReport(DataSummary.of(block), block.numRows(), block.numNonZeros(),
                firstError, errors,
                readFailure);
        return new ParsedSplit(errors == 0 && readFailure == null ? block : null, report);
    }

    /**
     * The splits' reports. Readers report the files they cannot read themselves, so a task
     * failure that still names an I/O cause (say, from a file system's own code) is mapped to
     * one line here, naming the data path, rather than Spark's "Job aborted" with a stack.
     */
    private static List<PartitionReport> reportsOf(JavaRDD<ParsedSplit> parsed, DataSource source) {
        try {
            return parsed.map(ParsedSplit::report).collect();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IOException io) {
                    throw new UserInputException("cannot read data " + source.path() + ": "
                            + StampedTextInputFormat.cause(io), e);
                }
            }
            throw e;
        }
    }

    /** Whether the split's first line is a CSV header, to be skipped. */
    static boolean startsWithHeader(DataSource source, FileSplit split) {
        return source.format() == DataFormat.CSV && source.csv().hasHeader() && split.getStart() == 0;
    }

    static LineParser parserFor(DataSource source, String csvHead) {
        if (source.format() == DataFormat.LIBSVM) {
            return new LibSvmParser();
        }
        try {
            return source.csv().hasHeader()
                    ? CsvParser.forHeader(source.csv(), csvHead)
                    : CsvParser.forFirstRow(source.csv(), csvHead);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private static int featureCount(DataSource source, DataSummary summary) {
        int seen = summary.maxColumnIndex() + 1;
        if (source.numFeatures() == 0) {
            if (seen == 0) {
                throw new UserInputException("no features in " + source.path() + ": every row is empty");
            }
            return seen;
        }
        if (seen > source.numFeatures()) {
            int limit = source.numFeatures();
            throw new OffendingRowsException("data " + source.path() + " has feature index " + seen + " but "
                    + source.declaredFeatures(), (label, maxColumn) -> maxColumn >= limit);
        }
        return source.numFeatures();
    }

    private static DataBlock widen(Iterator<ParsedSplit> splits, int numFeatures, BlockStorage storage,
                                   FeaturePrecision precision) {
        BlockBuilder builder = new BlockBuilder();
        while (splits.hasNext()) {
            ParsedSplit split = splits.next();
            SparseBlock parsed = split.block();
            if (parsed == null) {
                // Loading checked every line, so this is a rebuild that met a changed file.
                if (split.report().readFailure() != null) {
                    throw new DataChangedException(split.report().readFailure());
                }
                LineError error = split.report().firstError();
                throw new DataChangedException("data file " + error.file() + " no longer parses as loaded: "
                        + error.reason() + " near byte " + error.byteOffset());
            }
            int[] pointers = parsed.rowPointers();
            for (int i = 0; i < parsed.numRows(); i++) {
                builder.startRow(parsed.labels()[i], parsed.weights()[i]);
                for (int k = pointers[i]; k < pointers[i + 1]; k++) {
                    builder.addFeature(parsed.columnIndices()[k], parsed.values()[k]);
                }
                builder.endRow();
            }
        }
        return builder.build(numFeatures, storage, precision);
    }

    private static void failOnErrors(List<PartitionReport> reports, Configuration conf) {
        for (PartitionReport r : reports) {
            if (r.readFailure() != null) {
                throw new UserInputException(r.readFailure());
            }
        }
        long total = 0;
        LineError first = null;
        for (PartitionReport r : reports) {
            total += r.errorCount();
            if (first == null && r.firstError() != null) {
                first = r.firstError();
            }
        }
        if (first == null) {
            return;
        }
        long line = lineNumber(first, conf);
        MalformedDataException located = new MalformedDataException(first.file(), line, first.token(), first.reason());
        String more = total > 1 ? " (" + (total - 1) + " more malformed line" + (total > 2 ? "s" : "") + ")" : "";
        throw new UserInputException(located.getMessage() + more, located);
    }

    /** The 1-based line number of a line a task found (-1 if it cannot be read again). */
    static long lineNumber(LineError error, Configuration conf) {
        return error.splitStart() == 0 ? error.lineInSplit() : lineNumberAt(error, conf);
    }

    /** Line number of a line starting at a byte offset of an uncompressed file: 1 + newlines before it. */
    private static long lineNumberAt(LineError error, Configuration conf) {
        Path path = new Path(error.file());
        try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
            byte[] buffer = new byte[1 << 16];
            long remaining = error.byteOffset();
            long newlines = 0;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        newlines++;
                    }
                }
                remaining -= n;
            }
            return newlines + 1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String firstLine(InputFiles files, Configuration conf) {
        Path path = files.paths()[0];
        try {
            FileSystem fs = path.getFileSystem(conf);
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
            InputStream raw = fs.open(path);
            InputStream in = codec == null ? raw : codec.createInputStream(raw);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line = reader.readLine();
                if (line == null) {
                    throw new UserInputException("data file is empty: " + path);
                }
                return line;
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read data file " + path + ": " + e.getMessage(), e);
        }
    }

    private static Job newJob(Configuration conf) {
        try {
            Job job = Job.getInstance(conf);
            job.getConfiguration().setBoolean(FileInputFormat.INPUT_DIR_RECURSIVE, true);
            return job;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
