package org.descent.driver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Small data files written by tests. */
public final class TestFiles {

    private TestFiles() {
    }

    public static Path write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    public static Path writeGzip(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /**
     * The CSV predictions {@code descent predict} wrote to a directory of part files, as one
     * file: the header once, then every part file's rows in part order.
     */
    public static List<String> predictionsCsv(Path dir) throws IOException {
        List<Path> parts;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        List<String> lines = new java.util.ArrayList<>();
        for (Path part : parts) {
            List<String> text = Files.readAllLines(part, StandardCharsets.UTF_8);
            lines.addAll(lines.isEmpty() ? text : text.subList(1, text.size()));
        }
        return lines;
    }

    /** A LIBSVM line of a dense row (all features written, 1-based). */
    public static String libsvm(double label, double[] x) {
        StringBuilder sb = new StringBuilder(String.valueOf(label));
        for (int j = 0; j < x.length; j++) {
            sb.append(' ').append(j + 1).append(':').append(x[j]);
        }
        return sb.toString();
    }

    /** A well-conditioned regression problem: y = X w + b + noise, rows of standard normals. */
    public static double[][] gaussianRows(int rows, int features, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[rows][features];
        for (double[] row : x) {
            for (int j = 0; j < features; j++) {
                row[j] = Math.rint(gaussian(rng) * 1e4) / 1e4;
            }
        }
        return x;
    }

    public static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    public static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /**
     * A history.csv's lines without its millis column (the sixth), which no two runs share;
     * the validation columns after it stay.
     */
    public static List<String> historyWithoutMillis(Path historyCsv) throws IOException {
        return Files.readAllLines(historyCsv).stream().map(line -> {
            List<String> fields = new java.util.ArrayList<>(List.of(line.split(",", -1)));
            fields.remove(5);
            return String.join(",", fields);
        }).toList();
    }
}
