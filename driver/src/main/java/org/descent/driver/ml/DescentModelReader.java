package org.descent.driver.ml;

import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.descent.driver.UserInputException;
import org.descent.driver.output.ModelFile;
import org.descent.driver.output.TrainedModel;
import scala.Option;

import java.util.function.BiFunction;

/**
 * Loads what {@link DescentModelWriter} saved: spark.ml's metadata (the class, the uid and
 * every param) and Descent's model.json, checked field by field as the command line checks it.
 *
 * @param <M> the model class
 */
final class DescentModelReader<M extends Params> extends MLReader<M> {

    private final Class<M> type;
    private final PredictorKind kind;
    private final BiFunction<String, FittedModel, M> create;

    /** @param create the model of a uid and what it holds */
    DescentModelReader(Class<M> type, PredictorKind kind, BiFunction<String, FittedModel, M> create) {
        this.type = type;
        this.kind = kind;
        this.create = create;
    }

    @Override
    public M load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(), type.getName());
        TrainedModel trained;
        try {
            trained = ModelFile.read(path, sc().hadoopConfiguration());
        } catch (UserInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        M model = create.apply(metadata.uid(), new FittedModel(trained, null, kind));
        metadata.getAndSetParams(model, Option.empty());
        return model;
    }
}
