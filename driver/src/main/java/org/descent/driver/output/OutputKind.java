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
 * @param directory   whether the output is a directory of files {@code member} accepts, or one file
 * @param member      a directory output's test of its files' names (Hadoop's {@code .NAME.crc}
 *                    side files of them are recognized too)
 * @param firstLine   a file output's test of its first line
 * @param formerly    what the same output was in earlier versions, of the other shape (a file
 *                    where it is now a directory), which may be replaced too; or null
 */
public record OutputKind(String description, boolean directory, Predicate<String> member, Predicate<String> firstLine,
                         OutputKind formerly) {

    /**
     * A directory output holding some of {@code fileNames} and nothing else. A name may lie in a
     * subdirectory ({@code best/model.json}); such a subdirectory is then part of the output
     * too, as long as it holds only such files.
     */
    public static OutputKind directoryOf(String description, String... fileNames) {
        Set<String> names = Set.of(fileNames);
        return new OutputKind(description, true, name -> names.contains(name)
                || (name.endsWith("/") && names.stream().anyMatch(n -> n.startsWith(name))), line -> false, null);
    }

    /**
     * A directory of part files as Spark writes them ({@code part-*}, and {@code _SUCCESS} once
     * complete), which may replace an output that was {@code formerly} a single file.
     */
    public static OutputKind partFiles(String description, OutputKind formerly) {
        return new OutputKind(description, true, name -> !name.endsWith("/")
                && (name.startsWith("part-") || name.equals("_SUCCESS")), line -> false, formerly);
    }

    /** A file output recognized by its first line. */
    public static OutputKind fileStartingWith(String description, Predicate<String> firstLine) {
        return new OutputKind(description, false, name -> false, firstLine, null);
    }

    /**
     * A file output that is data itself (generated or converted), which any regular file may be
     * replaced by: it cannot be told from a user's data by its content, and replacing a file
     * is what such a command's {@code --overwrite} asks for. Never a directory.
     */
    public static OutputKind dataFile(String description) {
        return new OutputKind(description, false, name -> false, line -> true, null);
    }

    /**
     * Why the existing {@code path} is not an earlier output of this kind, or null when it is
     * (and may be replaced).
     */
    String whyNotReplaceable(FileSystem fs, Path path) throws IOException {
        FileStatus status = fs.getFileStatus(path);
        if (formerly != null && status.isDirectory() == formerly.directory && status.isDirectory() != directory) {
            return formerly.whyNotReplaceable(fs, path);
        }
        if (directory) {
            if (!status.isDirectory()) {
                return "it is a file, not a " + description;
            }
            for (FileStatus child : fs.listStatus(path)) {
                String why = whyNotOwn(fs, child, child.getPath().getName());
                if (why != null) {
                    return why;
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

    /** Why {@code status}, at {@code relative} inside the output, is not part of it; null when it is. */
    private String whyNotOwn(FileSystem fs, FileStatus status, String relative) throws IOException {
        if (status.isDirectory()) {
            if (!member.test(relative + "/")) {
                return "it holds " + relative + ", which is not part of a " + description;
            }
            for (FileStatus child : fs.listStatus(status.getPath())) {
                String why = whyNotOwn(fs, child, relative + "/" + child.getPath().getName());
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
        return isOwnFile(relative) ? null : "it holds " + relative + ", which is not part of a " + description;
    }

    private boolean isOwnFile(String relative) {
        if (member.test(relative)) {
            return true;
        }
        int slash = relative.lastIndexOf('/') + 1;
        String dir = relative.substring(0, slash);
        String name = relative.substring(slash);
        return name.startsWith(".") && name.endsWith(".crc")
                && member.test(dir + name.substring(1, name.length() - ".crc".length()));
    }

    private static String firstLineOf(FileSystem fs, Path path) throws IOException {
        try (FSDataInputStream in = fs.open(path);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            return line == null ? "" : line;
        }
    }
}
