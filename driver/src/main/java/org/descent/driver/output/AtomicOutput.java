package org.descent.driver.output;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
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
 * result under the real name.
 */
public final class AtomicOutput {

    /** Writes the bytes of one file; may throw, in which case nothing is published. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Configuration conf;

    public AtomicOutput(Configuration conf) {
        this.conf = conf;
    }

    /**
     * Publishes a directory holding {@code files} (name to content) at {@code target}. An
     * existing target is replaced only when {@code overwrite}; otherwise it is an error.
     */
    public void writeDirectory(String target, Map<String, Content> files, boolean overwrite) {
        Path dir = new Path(target);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            refuseExisting(fs, dir, overwrite, "output directory");
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
            throw new UserInputException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Publishes one file at {@code target}, with the same rules as a directory. */
    public void writeFile(String target, Content content, boolean overwrite) {
        Path file = new Path(target);
        try {
            FileSystem fs = file.getFileSystem(conf);
            refuseExisting(fs, file, overwrite, "output file");
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
            throw new UserInputException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void refuseExisting(FileSystem fs, Path path, boolean overwrite, String what) throws IOException {
        if (fs.exists(path) && !overwrite) {
            throw new UserInputException(what + " already exists: " + path + " (pass --overwrite to replace it)");
        }
        Path parent = path.getParent();
        if (parent != null && !fs.exists(parent)) {
            fs.mkdirs(parent);
        }
    }

    private static Path stagingSibling(Path path) {
        return new Path(path.getParent(), "." + path.getName() + ".tmp-" + UUID.randomUUID());
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
