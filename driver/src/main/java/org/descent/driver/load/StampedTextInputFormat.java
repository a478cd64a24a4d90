package org.descent.driver.load;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Hadoop's text input, except that a reader first checks that its file is still the one that
 * was loaded: same length, same modification time ({@link FileStamp}s in the job's
 * configuration). The first read of a split always passes; a later one happens only when
 * Spark rebuilds cached blocks lost with an executor, and must not silently read other bytes,
 * or fail deep in a seek past a truncated end: it fails with the file's path instead.
 */
public final class StampedTextInputFormat extends TextInputFormat {

    static final String STAMP_PREFIX = "descent.load.stamp.";

    /** Records the stamp of a file about to be loaded in the job's configuration. */
    static void stamp(Configuration conf, FileStatus status) {
        FileStamp stamp = FileStamp.of(status);
        conf.set(STAMP_PREFIX + status.getPath(), stamp.length() + "," + stamp.modificationTime());
    }

    @Override
    public RecordReader<LongWritable, Text> createRecordReader(InputSplit split, TaskAttemptContext context) {
        String delimiter = context.getConfiguration().get("textinputformat.record.delimiter");
        byte[] delimiterBytes = delimiter == null ? null : delimiter.getBytes(StandardCharsets.UTF_8);
        return new LineRecordReader(delimiterBytes) {
            @Override
            public void initialize(InputSplit genericSplit, TaskAttemptContext attempt) throws IOException {
                checkUnchanged(((FileSplit) genericSplit).getPath(), attempt.getConfiguration());
                super.initialize(genericSplit, attempt);
            }
        };
    }

    static void checkUnchanged(Path path, Configuration conf) throws IOException {
        String loaded = conf.get(STAMP_PREFIX + path);
        if (loaded == null) {
            throw new IllegalStateException("no load-time stamp for " + path);
        }
        String[] parts = loaded.split(",");
        FileStamp then = new FileStamp(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        FileStamp now;
        try {
            now = FileStamp.of(path.getFileSystem(conf).getFileStatus(path));
        } catch (FileNotFoundException e) {
            throw new DataChangedException("data file " + path + " is gone since it was loaded", e);
        }
        if (!now.equals(then)) {
            throw new DataChangedException("data file " + path + " changed since it was loaded (then " + then
                    + ", now " + now + ")");
        }
    }
}
