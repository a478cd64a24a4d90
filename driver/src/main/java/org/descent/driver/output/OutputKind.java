package org.descent.driver.output;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A kind of output a command writes, and how to recognize an earlier output of that kind: a
 * directory holding only the files such an output holds, or a file whose first line says what
 * it is. {@code --overwrite} replaces only a path recognized this way (or an empty directory),
 * so that a mistyped {@code --out} can never delete a user's own files.
 *
 * @param description what the output is, for messages ("model directory")
 * @param directory   whether the output is a directory of {@code fileNames}, or one file
 * @param fileNames   a directory output's file names (Hadoop's {@code .NAME.crc} side files
 *                    of them are recognized too)
 * @param firstLine   a file output's test of its first line
 */
public record OutputKind(String description, boolean directory, Set<String> fileNames, Predicate<String> firstLine) {

    public OutputKind {
        fileNames = Set.copyOf(fileNames);
    }

    /** A directory output holding some of {@code fileNames} and nothing else. */
    public static OutputKind directoryOf(String description, String... fileNames) {
        return new OutputKind(description, true, Set.of(fileNames), line -> false);
    }

    /** A file output recognized by its first line. */
    public static OutputKind fileStartingWith(String description, Predicate<String> firstLine) {
        return new OutputKind(description, false, Set.of(), firstLine);
    }

    /**
     * A file output that is data itself (generated or converted), which any regular file may be
     * replaced by: it cannot be told from a user's data by its content, and replacing a file
     * is what such a command's {@code --overwrite} asks for. Never a directory.
     */
    public static OutputKind dataFile(String description) {
        return new OutputKind(description, false, Set.of(), line -> true);
    }

    /**
     * Why the existing {@code path} is not an earlier output of this kind, or null when it is
     * (and may be replaced).
     */
    String whyNotReplaceable(FileSystem fs, Path path) throws IOException {
        FileStatus status = fs.getFileStatus(path);
        if (directory) {
            if (!status.isDirectory()) {
                return "it is a file, not a " + description;
            }
            for (FileStatus child : fs.listStatus(path)) {
                String name = child.getPath().getName();
                if (child.isDirectory() || !isOwnFile(name)) {
                    return "it holds " + name + ", which is not part of a " + description;
                }
            }
            return null;
        }
        if (status.isDirectory()) {
            return "it is a directory, not a " + description;
        }
        if (firstLine.test(firstLineOf(fs, path))) {
            return null;
        }
        return "it does not look like a " + description;
    }

    private boolean isOwnFile(String name) {
        if (fileNames.contains(name)) {
            return true;
        }
        return name.startsWith(".") && name.endsWith(".crc")
                && fileNames.contains(name.substring(1, name.length() - ".crc".length()));
    }

    private static String firstLineOf(FileSystem fs, Path path) throws IOException {
        try (FSDataInputStream in = fs.open(path);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            return line == null ? "" : line;
        }
    }
}
