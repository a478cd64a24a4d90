package org.descent.driver.cli;

import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code convert-idx} on small IDX files written here in the MNIST layout (gzipped and plain),
 * and {@code bench-epochs} on its output: the path scripts/fashion-mnist and
 * scripts/bench-fashion-mnist take, at toy size.
 */
class ConvertIdxCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void context() {
        SparkTestContext.get();
    }

    /** An IDX file of unsigned bytes with the given sizes and values. */
    static Path idx(String name, int[] sizes, byte[] values, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | sizes.length);
        for (int size : sizes) {
            out.writeInt(size);
        }
        out.write(values);
        Path file = dir.resolve(name);
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            o.write(bytes.toByteArray());
        }
        return file;
    }

    @Test
    void imagesAndLabelsBecomeLibSvmRowsWithPixelsScaledToTheUnitInterval() throws Exception {
        // Two 2x3 images: pixels row-major; zeros are left out, 255 becomes 1 and 51 becomes 0.2.
        Path images = idx("images.gz", new int[] {2, 2, 3}, new byte[] {0, 51, 0, 0, 0, (byte) 255, 1, 2, 3, 4, 5, 6}, true);
        Path labels = idx("labels", new int[] {2}, new byte[] {9, 0}, false);
        Path out = dir.resolve("out.libsvm");
        CliRun r = CliRun.of("convert-idx", "--images", images.toString(), "--labels", labels.toString(),
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("9 2:0.2 6:1", "0 1:0.0039 2:0.0078 3:0.0118 4:0.0157 5:0.0196 6:0.0235"),
                Files.readAllLines(out));
    }

    @Test
    void damagedOrMismatchedFilesAreRefusedNamingTheFile() throws Exception {
        Path images = idx("img", new int[] {3, 2, 2}, new byte[12], false);
        Path twoLabels = idx("two-labels", new int[] {2}, new byte[2], false);
        CliRun mismatch = CliRun.of("convert-idx", "--images", images.toString(), "--labels", twoLabels.toString(),
                "--out", dir.resolve("x").toString());
        assertEquals(2, mismatch.exitCode());
        assertTrue(mismatch.err().contains("two-labels: expected one label for each of the 3 images"), mismatch.err());

        Path truncated = idx("truncated", new int[] {3, 2, 2}, new byte[11], false);
        CliRun shortFile = CliRun.of("convert-idx", "--images", truncated.toString(), "--labels",
                twoLabels.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, shortFile.exitCode());
        assertTrue(shortFile.err().contains("truncated: truncated IDX file"), shortFile.err());

        Path text = dir.resolve("text");
        Files.writeString(text, "not an idx file");
        CliRun notIdx = CliRun.of("convert-idx", "--images", text.toString(), "--labels", twoLabels.toString(),
                "--out", dir.resolve("x").toString());
        assertEquals(2, notIdx.exitCode());
        assertTrue(notIdx.err().contains("text: not an IDX file"), notIdx.err());
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    @Test
    void benchEpochsScoresTheHeldOutDataAfterEveryEpoch() throws Exception {
        // 40 tiny "images" whose class is whether the first pixel is bright.
        byte[] pixels = new byte[40 * 4];
        byte[] classes = new byte[40];
        for (int i = 0; i < 40; i++) {
            classes[i] = (byte) (i % 2);
            pixels[4 * i] = (byte) (i % 2 == 0 ? 10 : 240);
            pixels[4 * i + 1 + i % 3] = (byte) (37 * i);
        }
        Path data = dir.resolve("tiny.libsvm");
        assertEquals(0, CliRun.of("convert-idx", "--images", idx("tiny-img", new int[] {40, 2, 2}, pixels, false).toString(),
                "--labels", idx("tiny-lab", new int[] {40}, classes, false).toString(), "--out", data.toString()).exitCode());
        CliRun r = CliRun.of("bench-epochs", "--data", data.toString(), "--test", data.toString(), "--model", "mlp",
                "--layers", "4", "--batch", "size=10", "--optimizer", "adam", "--lr", "0.05", "--max-iter", "12",
                "--tol", "0");
        assertEquals(0, r.exitCode(), r.err());
        List<String> epochs = r.out().lines().filter(l -> l.startsWith("epoch")).toList();
        assertEquals(3, epochs.size(), r.out());
        assertTrue(epochs.get(0).matches("epoch +1: +4 iterations, .* test accuracy [01]\\.\\d{4}, test log-loss .*"),
                epochs.get(0));
        assertTrue(epochs.get(2).matches("epoch +3: +4 iterations, .*"), epochs.get(2));
        assertTrue(r.out().contains("3 epochs in"), r.out());
    }
}
