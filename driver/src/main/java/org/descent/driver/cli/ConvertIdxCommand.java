package org.descent.driver.cli;

import org.apache.hadoop.conf.Configuration;
import org.descent.driver.UserInputException;
import org.descent.driver.load.IdxFile;
import org.descent.driver.output.AtomicOutput;
import org.descent.driver.output.OutputKind;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.ProtectedPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code descent convert-idx}: an IDX image file and its IDX label file (MNIST, Fashion-MNIST)
 * to one LIBSVM file, one row per image: the label, then {@code index:value} for every
 * non-zero pixel, row-major, 1-based, the value scaled from 0..255 to [0, 1].
 */
@Command(name = "convert-idx", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Convert IDX images and labels (MNIST, Fashion-MNIST) to LIBSVM, pixels scaled to [0,1].")
public final class ConvertIdxCommand implements Callable<Integer> {

    /** Decimals of a scaled pixel: 4 keep every 0..255 level distinct (steps of 1/255 ≈ 0.0039) and the file small. */
    static final int DECIMALS = 4;

    @Option(names = "--images", required = true, paramLabel = "FILE", description = "IDX unsigned-byte images, n x h x w (.gz or plain).")
    String images;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "IDX unsigned-byte labels, n (.gz or plain).")
    String labels;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The LIBSVM file to write, any Hadoop path.")
    String out;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Replace an existing file.")
    boolean overwrite;

    @Override
    public Integer call() {
        Configuration conf = new Configuration();
        OutputTarget output = new OutputTarget("--out", out, OutputKind.dataFile("LIBSVM file"), overwrite);
        output.check(conf, List.of(new ProtectedPath("--images", images), new ProtectedPath("--labels", labels)));
        IdxFile pixels = IdxFile.read(images, conf);
        IdxFile classes = IdxFile.read(labels, conf);
        if (pixels.sizes().length < 2) {
            throw new UserInputException(images + ": images need at least 2 dimensions, got sizes "
                    + Arrays.toString(pixels.sizes()));
        }
        if (classes.sizes().length != 1 || classes.numItems() != pixels.numItems()) {
            throw new UserInputException(labels + ": expected one label for each of the " + pixels.numItems()
                    + " images, got sizes " + Arrays.toString(classes.sizes()));
        }
        new AtomicOutput(conf).writeFile(output, o -> write(pixels, classes, o));
        System.out.println("descent: wrote " + pixels.numItems() + " rows x " + pixels.itemLength() + " features to " + out);
        return 0;
    }

    static void write(IdxFile pixels, IdxFile classes, OutputStream o) throws IOException {
        String[] scaled = new String[256];
        for (int v = 1; v < 256; v++) {
            scaled[v] = BigDecimal.valueOf(v).divide(BigDecimal.valueOf(255), DECIMALS, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString();
        }
        Writer writer = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16);
        byte[] values = pixels.values();
        int width = pixels.itemLength();
        StringBuilder line = new StringBuilder(width * 12);
        for (int i = 0; i < pixels.numItems(); i++) {
            line.setLength(0);
            line.append(Byte.toUnsignedInt(classes.values()[i]));
            for (int j = 0; j < width; j++) {
                int v = Byte.toUnsignedInt(values[i * width + j]);
                if (v != 0) {
                    line.append(' ').append(j + 1).append(':').append(scaled[v]);
                }
            }
            writer.append(line).append('\n');
        }
        writer.flush();
    }
}
