package org.descent.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a refusal of bad input looks like to a user: exit code 2 (or 1 for a failure during
 * training), one {@code error:} line that names what it must (a file, a line, an option), no
 * stack trace, and nothing of the user's changed on disk.
 */
public final class Refusal {

    private Refusal() {
    }

    /** Asserts exit 2 and one error line containing every fragment; returns that line. */
    public static String assertRefused(CliRun run, String... fragments) {
        return assertFailed(run, 2, fragments);
    }

    /** Asserts {@code exitCode} and one error line containing every fragment; returns that line. */
    public static String assertFailed(CliRun run, int exitCode, String... fragments) {
        assertEquals(exitCode, run.exitCode(), () -> "exit code; stderr:\n" + run.err() + "\nstdout:\n" + run.out());
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), () -> "one error line expected; stderr:\n" + run.err());
        assertTrue(run.err().lines().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")),
                () -> "no stack trace without --verbose; stderr:\n" + run.err());
        String line = errors.get(0);
        for (String fragment : fragments) {
            assertTrue(line.contains(fragment), () -> "the error line should name '" + fragment + "': " + line);
        }
        return line;
    }

    /** Every file under {@code root} (relative path, then SHA-256 of its bytes; directories too). */
    public static Map<String, String> snapshot(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String key = root.relativize(p).toString();
                files.put(key, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Asserts that {@code root} holds exactly what {@code before} recorded. */
    public static void assertUnchanged(Map<String, String> before, Path root) {
        assertEquals(before, snapshot(root), "nothing under " + root + " may change");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
