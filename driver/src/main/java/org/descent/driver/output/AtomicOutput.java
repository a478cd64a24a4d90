package org.descent.driver.output;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.descent.driver.UserInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a set of files, or one file, to any Hadoop path so that readers never see half of
 * it: everything goes under a temporary sibling name first, which is renamed into place only
 * when complete. A crash leaves at worst a hidden {@code .name.tmp-*} sibling, never a partial
 * result under the real name, and the next write to the same path sweeps it.
 */
public final class AtomicOutput {

    /** Writes the bytes of one file; may throw, in which case nothing is published. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a whole directory at a path it is given, which does not exist yet (Spark's DataFrameWriter does). */
    @FunctionalInterface
    public interface DirectoryContent {
        void writeTo(String path) throws IOException;
    }

    private final Configuration conf;

    public AtomicOutput(Configuration conf) {
        this.conf = conf;
    }

    /**
     * Publishes a directory holding {@code files} (name to content) at the target's path. An
     * existing one is replaced only as {@link OutputTarget#checkExisting} allows.
     */
    public void writeDirectory(OutputTarget target, Map<String, Content> files) {
        Path dir = new Path(target.path());
        try {
            FileSystem fs = dir.getFileSystem(conf);
            prepare(fs, dir, target);
            Path staging = stagingSibling(dir);
            fs.mkdirs(staging);
            try {
                for (Map.Entry<String, Content> file : new LinkedHashMap<>(files).entrySet()) {
                    try (FSDataOutputStream out = fs.create(new Path(staging, file.getKey()), false)) {
                        file.getValue().writeTo(out);
                    }
                }
                publish(fs, staging, dir);
            } finally {
                fs.delete(staging, true);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write " + target.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes a directory that {@code content} writes itself, from wherever it runs (the
     * executors, for a DataFrame's part files), with the same rules as
     * {@link #writeDirectory}: it writes to a staging sibling, renamed into place when complete.
     */
    public void writeDirectoryWith(OutputTarget target, DirectoryContent content) {
        Path dir = new Path(target.path());
        try {
            FileSystem fs = dir.getFileSystem(conf);
            prepare(fs, dir, target);
            Path staging = fs.makeQualified(stagingSibling(dir));
            try {
                content.writeTo(staging.toString());
                if (!fs.exists(staging)) {
                    fs.mkdirs(staging);
                }
                publish(fs, staging, dir);
            } finally {
                fs.delete(staging, true);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write " + target.path() + ": " + e.getMessage(), e);
        }
    }

    /** Publishes one file at the target's path, with the same rules as a directory. */
    public void writeFile(OutputTarget target, Content content) {
        Path file = new Path(target.path());
        try {
            FileSystem fs = file.getFileSystem(conf);
            prepare(fs, file, target);
            Path staging = stagingSibling(file);
            try {
                try (FSDataOutputStream out = fs.create(staging, false)) {
                    content.writeTo(out);
                }
                publish(fs, staging, file);
            } finally {
                fs.delete(staging, false);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write " + target.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the target again (something may have appeared since the command started), makes
     * its parent and sweeps the staging siblings that earlier writes to the same path left
     * when they crashed.
     */
    private static void prepare(FileSystem fs, Path path, OutputTarget target) throws IOException {
        // No .crc side files in a user's directories (local disk; HDFS keeps its checksums itself).
        fs.setWriteChecksum(false);
        target.checkExisting(fs, path);
        Path parent = path.getParent();
        if (parent == null) {
            return;
        }
        if (!fs.exists(parent)) {
            fs.mkdirs(parent);
            return;
        }
        String prefix = stagingPrefix(path);
        for (FileStatus sibling : fs.listStatus(parent)) {
            if (sibling.getPath().getName().startsWith(prefix)) {
                fs.delete(sibling.getPath(), true);
            }
        }
    }

    private static String stagingPrefix(Path path) {
        return "." + path.getName() + ".tmp-";
    }

    private static Path stagingSibling(Path path) {
        return new Path(path.getParent(), stagingPrefix(path) + UUID.randomUUID());
    }

    /**
     * Renames the finished staging path to its real name. Hadoop's rename never replaces an
     * existing path, so an old result is removed first; the window in which neither exists is
     * the price of replacing, and a crash inside it loses the old result, never the new one's
     * integrity.
     */
    private static void publish(FileSystem fs, Path staging, Path target) throws IOException {
        if (fs.exists(target)) {
            fs.delete(target, true);
        }
        if (!fs.rename(staging, target)) {
            throw new IOException("could not rename " + staging + " to " + target);
        }
    }
}
