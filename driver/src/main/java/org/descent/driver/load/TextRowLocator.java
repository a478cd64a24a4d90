package org.descent.driver.load;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.descent.data.BlockBuilder;
import org.descent.data.LineParser;
import org.descent.data.MalformedDataException;
import scala.Tuple2;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The {@link RowLocator} of text data: where in the loaded files the first row matching a
 * {@link RowCondition} is, as a {@code file:line}. It reads the files again in a job of its own, so it costs nothing unless
 * a refusal needs it: the good path keeps no per-row positions. The files are read through
 * the same splits, with the same stamp checks, as loading read them; partitions follow the
 * files' order, so the first match of the first partition that has one is the first in the data.
 */
public final class TextRowLocator implements RowLocator {

    private final JavaSparkContext sc;
    private final Configuration jobConf;
    private final DataSource source;
    private final String csvHead;

    TextRowLocator(JavaSparkContext sc, Configuration jobConf, DataSource source, String csvHead) {
        this.sc = sc;
        this.jobConf = jobConf;
        this.source = source;
        this.csvHead = csvHead;
    }

    /** {@code file:line} of the first row that matches, if any still does. */
    @Override
    public Optional<String> firstWhere(RowCondition condition) {
        sc.setJobDescription("descent: locating a row of " + source.path());
        try {
            @SuppressWarnings("unchecked")
            JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
                    sc.newAPIHadoopRDD(jobConf, StampedTextInputFormat.class, LongWritable.class, Text.class);
            List<LineError> found = lines
                    .mapPartitionsWithInputSplit(new FirstMatch(source, csvHead, condition), true)
                    .collect();
            return found.stream().findFirst()
                    .map(hit -> hit.file() + ":" + DataLoader.lineNumber(hit, sc.hadoopConfiguration()));
        } finally {
            sc.setJobDescription(null);
        }
    }

    /** The first row of a split that matches, as a one-element list, or none. */
    private record FirstMatch(DataSource source, String csvHead, RowCondition condition)
            implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<LineError>> {
        @Override
        public Iterator<LineError> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> records) {
            FileSplit fileSplit = (FileSplit) split;
            LineParser parser = DataLoader.parserFor(source, csvHead);
            boolean skipHeader = DataLoader.startsWithHeader(source, fileSplit);
            BlockBuilder row = new BlockBuilder(1, 16);
            long lineInSplit = 0;
            while (records.hasNext()) {
                Tuple2<LongWritable, Text> record = records.next();
                if (StampedTextInputFormat.isReadFailure(record._1())) {
                    break;
                }
                lineInSplit++;
                if (skipHeader && lineInSplit == 1) {
                    continue;
                }
                row.clear();
                try {
                    if (parser.parseLine(record._2().toString(), row)
                            && condition.matches(row.label(0), row.maxColumnIndex())) {
                        return List.of(new LineError(fileSplit.getPath().toString(), fileSplit.getStart(),
                                record._1().get(), lineInSplit, "matches", null)).iterator();
                    }
                } catch (MalformedDataException e) {
                    // Loading found every line well formed; a line that no longer is is no match.
                }
            }
            return Collections.emptyIterator();
        }
    }
}
