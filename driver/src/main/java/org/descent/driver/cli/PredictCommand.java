package org.descent.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.evaluate.Predictions;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.AtomicOutput;
import org.descent.driver.output.ModelFile;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.ProtectedPath;
import org.descent.driver.output.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code descent predict}: one prediction per input row, written atomically. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write one prediction per input row (in input order, CSV with a header) to --out.")
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A directory written by 'descent train'.")
    String modelDir;

    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Output file, any Hadoop path.")
    String out;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Replace an existing output file.")
    boolean overwrite;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        try (SparkOptions.DriverContext driver = spark.start("predict")) {
            JavaSparkContext sc = driver.sc();
            OutputTarget output = new OutputTarget("--out", out, Predictions.OUTPUT, overwrite);
            output.check(sc.hadoopConfiguration(),
                    List.of(new ProtectedPath("--data", data.data), new ProtectedPath("--model", modelDir)));
            TrainedModel trained = ModelFile.read(modelDir, sc.hadoopConfiguration());
            LoadedData loaded = DataLoader.load(sc, data.toSource().withNumFeatures(trained.spec().numFeatures(), "the model " + modelDir));
            try {
                new AtomicOutput(sc.hadoopConfiguration()).writeFile(output, o -> Predictions.write(trained, loaded.blocks(), o));
            } finally {
                loaded.unpersist();
            }
            System.out.println("descent: " + loaded.numRows() + " predictions written to " + out);
            return 0;
        }
    }
}
