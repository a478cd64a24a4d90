package org.descent.driver.ml;

import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;
import org.descent.driver.output.ModelFile;
import org.descent.driver.output.TrainedModel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Saves a model of this package as spark.ml saves its own: the params in
 * {@code DIR/metadata} (spark.ml's {@code DefaultParamsWriter}), and the model itself as
 * Descent's {@code model.json} in {@code DIR/data} ({@link ModelFile#sparkMlFile}), which
 * {@code descent evaluate --model DIR} and {@code descent predict --model DIR} read too.
 */
final class DescentModelWriter extends MLWriter {

    private final Params instance;
    private final TrainedModel trained;

    DescentModelWriter(Params instance, TrainedModel trained) {
        this.instance = instance;
        this.trained = trained;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
        Path file = ModelFile.sparkMlFile(path);
        try (OutputStream out = file.getFileSystem(sc().hadoopConfiguration()).create(file, false)) {
            ModelFile.write(trained, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
