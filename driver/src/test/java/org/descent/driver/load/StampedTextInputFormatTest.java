package org.descent.driver.load;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StampedTextInputFormatTest {

    @TempDir
    java.nio.file.Path dir;

    /** Every record of the file's one split, as "offset|text". */
    private static List<String> read(Path path, long length, Configuration conf) throws Exception {
        TaskAttemptContext context = new TaskAttemptContextImpl(conf, new TaskAttemptID());
        FileSplit split = new FileSplit(path, 0, length, null);
        List<String> records = new ArrayList<>();
        try (RecordReader<LongWritable, Text> reader = new StampedTextInputFormat().createRecordReader(split, context)) {
            reader.initialize(split, context);
            while (reader.nextKeyValue()) {
                records.add(reader.getCurrentKey().get() + "|" + reader.getCurrentValue());
            }
        }
        return records;
    }

    @Test
    void aFileReadsAsItsLinesWithTheirOffsets() throws Exception {
        java.nio.file.Path file = TestFiles.write(dir.resolve("a.libsvm"), List.of("1 1:1", "0 2:1"));
        Configuration conf = new Configuration();
        Path path = new Path(file.toUri());
        StampedTextInputFormat.stamp(conf, FileSystem.getLocal(conf).getFileStatus(path));

        assertEquals(List.of("0|1 1:1", "6|0 2:1"), read(path, Files.size(file), conf));
    }

    @Test
    void aFileGoneBetweenListingAndReadingEndsItsSplitWithOneRecordSayingSoInsteadOfFailingTheTask() throws Exception {
        java.nio.file.Path file = TestFiles.write(dir.resolve("vanishing.libsvm"), List.of("1 1:1", "0 2:1"));
        Configuration conf = new Configuration();
        Path path = new Path(file.toUri());
        StampedTextInputFormat.stamp(conf, FileSystem.getLocal(conf).getFileStatus(path));
        long length = Files.size(file);
        Files.delete(file);

        List<String> records = read(path, length, conf);

        assertEquals(1, records.size(), records.toString());
        String failure = records.get(0);
        assertTrue(failure.startsWith(StampedTextInputFormat.READ_FAILURE_OFFSET + "|data file ")
                && failure.contains("vanishing.libsvm") && failure.contains("is gone"), failure);
        assertFalse(StampedTextInputFormat.isReadFailure(new LongWritable(0)), "offset 0 is a line");
    }
}
