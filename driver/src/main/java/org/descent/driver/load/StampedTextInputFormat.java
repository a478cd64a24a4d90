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

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Hadoop's text input, except that a reader first checks that its file is still the one that
 * was loaded: same length, same modification time ({@link FileStamp}s in the job's
 * configuration). The first read of a split always passes; a later one happens only when
 * Spark rebuilds cached blocks lost with an executor, and must not silently read other bytes,
 * or fail deep in a seek past a truncated end: it fails with the file's path instead.
 *
 * <p>Its readers report a file that cannot be read as a last record rather than by failing
 * the task (see {@link FailureReportingReader}).
 */
public final class StampedTextInputFormat extends TextInputFormat {

    static final String STAMP_PREFIX = "descent.load.stamp.";

    /** The offset of the record a reader ends with when its file cannot be read; no line starts there. */
    static final long READ_FAILURE_OFFSET = -1;

    /** Records the stamp of a file about to be loaded in the job's configuration. */
    static void stamp(Configuration conf, FileStatus status) {
        FileStamp stamp = FileStamp.of(status);
        conf.set(STAMP_PREFIX + status.getPath(), stamp.length() + "," + stamp.modificationTime());
    }

    @Override
    public RecordReader<LongWritable, Text> createRecordReader(InputSplit split, TaskAttemptContext context) {
        String delimiter = context.getConfiguration().get("textinputformat.record.delimiter");
        byte[] delimiterBytes = delimiter == null ? null : delimiter.getBytes(StandardCharsets.UTF_8);
        return new FailureReportingReader(new LineRecordReader(delimiterBytes) {
            @Override
            public void initialize(InputSplit genericSplit, TaskAttemptContext attempt) throws IOException {
                checkUnchanged(((FileSplit) genericSplit).getPath(), attempt.getConfiguration());
                super.initialize(genericSplit, attempt);
            }
        });
    }

    /** Whether a record is the one a reader ends with when its file could not be read. */
    static boolean isReadFailure(LongWritable key) {
        return key.get() == READ_FAILURE_OFFSET;
    }

    /**
     * A line reader that never fails its task: when its file cannot be opened or read (gone,
     * unreadable, a truncated .gz, a changed stamp), it ends the split with one record at
     * offset {@link #READ_FAILURE_OFFSET} whose text says so, naming the file and the cause.
     * The loader reports it as it reports a malformed line. Thrown, the failure would fail the task, which
     * Spark retries and logs at each attempt with its stack trace before the job fails with a
     * message that names no file.
     */
    private static final class FailureReportingReader extends RecordReader<LongWritable, Text> {

        private final LineRecordReader lines;
        private final LongWritable failureKey = new LongWritable(READ_FAILURE_OFFSET);
        private Path path;
        /** The whole message for the user, naming the file; null while reading goes well. */
        private Text failure;
        private boolean failureSent;

        FailureReportingReader(LineRecordReader lines) {
            this.lines = lines;
        }

        @Override
        public void initialize(InputSplit split, TaskAttemptContext context) {
            path = ((FileSplit) split).getPath();
            try {
                lines.initialize(split, context);
            } catch (DataChangedException e) {
                failure = new Text(e.getMessage());
            } catch (IOException e) {
                fail(e);
            }
        }

        @Override
        public boolean nextKeyValue() {
            if (failure != null) {
                boolean first = !failureSent;
                failureSent = true;
                return first;
            }
            try {
                return lines.nextKeyValue();
            } catch (IOException e) {
                fail(e);
                failureSent = true;
                return true;
            }
        }

        @Override
        public LongWritable getCurrentKey() {
            return failure != null ? failureKey : lines.getCurrentKey();
        }

        @Override
        public Text getCurrentValue() {
            return failure != null ? failure : lines.getCurrentValue();
        }

        @Override
        public float getProgress() throws IOException {
            return failure != null ? 1.0f : lines.getProgress();
        }

        @Override
        public void close() {
            try {
                lines.close();
            } catch (IOException | RuntimeException e) {
                // Closing after a failed read may fail again; the first failure is the one reported.
            }
        }

        private void fail(IOException e) {
            failure = new Text("cannot read data file " + path + ": " + cause(e));
        }
    }

    /** What went wrong, for a user: the exception's message, saying when a file ended early. */
    static String cause(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof EOFException ? "the file ends unexpectedly, truncated? (" + message + ")" : message;
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
