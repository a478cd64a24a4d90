package org.descent.driver.ml;

import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Descent as a spark.ml regressor: linear regression or a multilayer perceptron with one
 * linear output, squared loss, fitted on a DataFrame's {@code featuresCol} (a {@code Vector},
 * dense or sparse), {@code labelCol} and optional {@code weightCol}, by the engine of
 * {@code descent train}, with its training settings as params ({@link DescentParams}). The
 * same rows in the same partitions give the same model as {@code descent train}, bit for bit.
 */
public final class DescentRegressor
        extends Regressor<Vector, DescentRegressor, DescentRegressionModel>
        implements DescentParamSetters<DescentRegressor>, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    /** No initializer: assigned by {@link #uid()} inside the superclass constructor (see {@link ConstructionUid}). */
    private String uid;
    private final DescentParamSet descent;

    public DescentRegressor() {
        this(Identifiable.randomUID("descentRegressor"));
    }

    public DescentRegressor(String uid) {
        this(ConstructionUid.hold(uid));
    }

    private DescentRegressor(ConstructionUid.Held held) {
        super();
        uid();
        descent = new DescentParamSet(this, PredictorKind.REGRESSOR, false);
        descent.setDefaults(this);
    }

    @Override
    public String uid() {
        if (uid == null) {
            uid = ConstructionUid.take();
        }
        return uid;
    }

    @Override
    public DescentParamSet descentParamSet() {
        return descent;
    }

    /**
     * Checks the whole configuration (a setting the optimizer does not take, activations for
     * the layers) with the command line's messages, and the weight and validation indicator columns, before any data is
     * read: a Pipeline asks every stage first.
     */
    @Override
    public StructType transformSchema(StructType schema) {
        DescentFit.config(this);
        DescentFit.checkColumns(this, schema);
        return super.transformSchema(schema);
    }

    @Override
    public DescentRegressionModel train(Dataset<?> dataset) {
        DescentFit.Outcome fitted = DescentFit.fit(this, dataset.toDF(), getLabelCol(), getFeaturesCol());
        return new DescentRegressionModel(uid(), new FittedModel(fitted.trained(), fitted.summary(), PredictorKind.REGRESSOR));
    }

    @Override
    public DescentRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<DescentRegressor> read() {
        return new DefaultParamsReader<>();
    }

    public static DescentRegressor load(String path) {
        return read().load(path);
    }
}
