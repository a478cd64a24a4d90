package org.descent.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.UserInputException;
import org.descent.driver.evaluate.FramePredictions;
import org.descent.driver.evaluate.Predictions;
import org.descent.driver.load.BlockOptions;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.FrameFiles;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.ModelFile;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.ProtectedPath;
import org.descent.driver.output.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code descent predict}: one prediction per input row, written by the executors as part files, atomically. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write one prediction per input row to the directory --out, as part files written by the "
                + "executors: columns prediction (and probability, for a classifier), after 'row' (the row's 1-based "
                + "number) for libsvm and csv data, or after the --keep-cols for parquet, orc and json data.")
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A directory written by 'descent train'.")
    String modelDir;

    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory, any Hadoop path.")
    String out;

    @Option(names = "--out-format", paramLabel = "parquet|csv",
            description = "Part files' format (default: parquet for parquet, orc and json data; csv, with a header, "
                    + "for libsvm and csv data).")
    String outFormat;

    @Option(names = "--keep-cols", split = ",", splitSynopsisLabel = ",", paramLabel = "COL",
            description = "parquet, orc, json: input columns copied into each prediction row, e.g. an id to join on.")
    List<String> keepColumns = List.of();

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Replace an existing predictions directory.")
    boolean overwrite;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        Predictions.Format format = outFormat == null ? null : Predictions.Format.parse(outFormat);
        try (SparkOptions.DriverContext driver = spark.start("predict")) {
            JavaSparkContext sc = driver.sc();
            OutputTarget output = new OutputTarget("--out", out, Predictions.OUTPUT, overwrite);
            output.check(sc.hadoopConfiguration(),
                    List.of(new ProtectedPath("--data", data.path()), new ProtectedPath("--model", modelDir)));
            TrainedModel trained = ModelFile.read(modelDir, sc.hadoopConfiguration());
            DataSource source = data.toSource(trained.data())
                    .withNumFeatures(trained.spec().numFeatures(), "the model " + modelDir);
            long written;
            if (source.format().isText()) {
                if (!keepColumns.isEmpty()) {
                    throw new UserInputException("keep-cols: only for parquet, orc and json data; the predictions of "
                            + source.format().spelling() + " rows carry their row number in column '"
                            + Predictions.ROW + "'");
                }
                LoadedData loaded = DataLoader.load(sc, source);
                try {
                    written = Predictions.write(trained, loaded, format == null ? Predictions.Format.CSV : format, output);
                } finally {
                    loaded.unpersist();
                }
            } else {
                written = FramePredictions.write(trained, FrameFiles.read(sc, source), source.columns(),
                        keepColumns.stream().map(String::trim).toList(), BlockOptions.of(source),
                        format == null ? Predictions.Format.PARQUET : format, output);
            }
            System.out.println("descent: " + written + " predictions written to " + out);
            return 0;
        }
    }
}
