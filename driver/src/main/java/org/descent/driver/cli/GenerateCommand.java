package org.descent.driver.cli;

import org.apache.hadoop.conf.Configuration;
import org.descent.data.SyntheticData;
import org.descent.driver.UserInputException;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code descent generate}: seeded synthetic data from a known model, as LIBSVM or CSV, for
 * trying Descent out and for tests. Training and test files come from different random
 * streams of the same generating model.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write seeded synthetic data from a known linear, logistic or softmax model.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--kind", defaultValue = "logistic", paramLabel = "linear|logistic|softmax",
            description = "Label model (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--rows", defaultValue = "100000", paramLabel = "N", description = "Rows (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--features", defaultValue = "20", paramLabel = "D", description = "Features (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--classes", defaultValue = "0", paramLabel = "K", description = "Classes for softmax (default 3).")
    int classes;

    @Option(names = "--density", defaultValue = "1.0", paramLabel = "F",
            description = "Fraction of features present in a row (default: ${DEFAULT-VALUE}).")
    double density;

    @Option(names = "--noise", defaultValue = "0.1", paramLabel = "S",
            description = "Label noise standard deviation for linear (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "libsvm", paramLabel = "libsvm|csv", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Training data file, any Hadoop path.")
    String out;

    @Option(names = "--test-out", paramLabel = "PATH", description = "Also write a test file from another random stream.")
    String testOut;

    @Option(names = "--test-rows", defaultValue = "10000", paramLabel = "N", description = "Rows of the test file (default: ${DEFAULT-VALUE}).")
    long testRows;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Replace existing files.")
    boolean overwrite;

    @Override
    public Integer call() {
        SyntheticData data;
        try {
            int k = kind.equals("softmax") ? (classes == 0 ? 3 : classes) : 0;
            data = new SyntheticData(kind, features, k, density, noise, seed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        if (!format.equals("libsvm") && !format.equals("csv")) {
            throw new UserInputException("format: unknown value '" + format + "'; allowed: libsvm, csv");
        }
        if (rows < 1 || (testOut != null && testRows < 1)) {
            throw new UserInputException("rows: must be >= 1");
        }
        Configuration conf = new Configuration();
        OutputTarget train = new OutputTarget("--out", out, OutputKind.dataFile("data file"), overwrite);
        OutputTarget test = testOut == null ? null : new OutputTarget("--test-out", testOut, train.kind(), overwrite);
        train.check(conf, List.of());
        if (test != null) {
            test.check(conf, List.of(new ProtectedPath("--out", out)));
        }
        AtomicOutput output = new AtomicOutput(conf);
        output.writeFile(train, o -> write(data, 0, rows, o));
        System.out.println("descent: wrote " + rows + " " + kind + " rows x " + features + " features to " + out);
        if (testOut != null) {
            output.writeFile(test, o -> write(data, 1, testRows, o));
            System.out.println("descent: wrote " + testRows + " test rows to " + testOut);
        }
        return 0;
    }

    private void write(SyntheticData data, long stream, long count, OutputStream o) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16);
        SyntheticData.Rows generator = data.rows(stream);
        if (format.equals("csv")) {
            generator.writeCsv(writer, count);
        } else {
            generator.writeLibSvm(writer, count);
        }
        writer.flush();
    }
}
