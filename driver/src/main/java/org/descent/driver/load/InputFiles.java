package org.descent.driver.load;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.descent.driver.UserInputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The data files a user's path names, resolved through the Hadoop FileSystem of its scheme
 * (local, hdfs://, ...): a file, a directory (recursively), a glob, or a comma-separated list
 * of those. Names starting with '_' or '.' (Hadoop's _SUCCESS, .crc files) are skipped. The
 * list is sorted so the partitioning, and hence a seeded run, is reproducible.
 */
public record InputFiles(List<FileStatus> files, long totalBytes) {

    public static InputFiles resolve(String pathSpec, Configuration conf) {
        List<FileStatus> files = new ArrayList<>();
        for (String part : pathSpec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            Path path = new Path(p);
            try {
                FileSystem fs = path.getFileSystem(conf);
                FileStatus[] matches = fs.globStatus(path);
                if (matches == null || matches.length == 0) {
                    throw new UserInputException("data path does not exist: " + p);
                }
                for (FileStatus match : matches) {
                    collect(fs, match, files);
                }
            } catch (IOException e) {
                throw new UserInputException("cannot read data path " + p + ": " + e.getMessage(), e);
            }
        }
        if (files.isEmpty()) {
            throw new UserInputException("no data files under " + pathSpec);
        }
        files.sort(Comparator.comparing(f -> f.getPath().toString()));
        long total = files.stream().mapToLong(FileStatus::getLen).sum();
        return new InputFiles(List.copyOf(files), total);
    }

    private static void collect(FileSystem fs, FileStatus status, List<FileStatus> out) throws IOException {
        String name = status.getPath().getName();
        if (name.startsWith("_") || name.startsWith(".")) {
            return;
        }
        if (status.isDirectory()) {
            for (FileStatus child : fs.listStatus(status.getPath())) {
                collect(fs, child, out);
            }
        } else {
            out.add(status);
        }
    }

    /** Each file's path and its length and modification time now. */
    public SortedMap<String, FileStamp> stamps() {
        SortedMap<String, FileStamp> stamps = new TreeMap<>();
        files.forEach(f -> stamps.put(f.getPath().toString(), FileStamp.of(f)));
        return stamps;
    }

    public Path[] paths() {
        return files.stream().map(FileStatus::getPath).toArray(Path[]::new);
    }
}
