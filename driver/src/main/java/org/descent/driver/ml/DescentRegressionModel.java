package org.descent.driver.ml;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A regression fitted by {@link DescentRegressor}: linear or a regressing network. Its
 * transform writes {@code prediction}, row by row on the executors. Saved and loaded as
 * {@link DescentClassificationModel} is.
 */
public final class DescentRegressionModel extends RegressionModel<Vector, DescentRegressionModel>
        implements DescentParams, MLWritable {

    private static final long serialVersionUID = 1L;

    /** No initializer: assigned by {@link #uid()} inside the superclass constructor (see {@link ConstructionUid}). */
    private String uid;
    private final FittedModel fitted;
    private final DescentParamSet descent;

    DescentRegressionModel(String uid, FittedModel fitted) {
        this(ConstructionUid.hold(uid), fitted);
    }

    private DescentRegressionModel(ConstructionUid.Held held, FittedModel fitted) {
        super();
        uid();
        this.fitted = fitted;
        this.descent = new DescentParamSet(this, PredictorKind.REGRESSOR, false);
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

    @Override
    public int numFeatures() {
        return fitted.spec().numFeatures();
    }

    /** The parameters, in the flat layout training uses (model.json writes them as matrices). A copy. */
    public double[] parameters() {
        return fitted.trained().params().clone();
    }

    /** Whether a training summary is available: a model from {@code fit} has one, a loaded one not. */
    public boolean hasSummary() {
        return fitted.hasSummary();
    }

    /** How the fit went: objective history, iterations, stop reason. */
    public DescentTrainingSummary summary() {
        return fitted.summary(uid());
    }

    @Override
    public double predict(Vector features) {
        return fitted.predictions(fitted.margins(features))[0];
    }

    @Override
    public DescentRegressionModel copy(ParamMap extra) {
        return copyValues(new DescentRegressionModel(uid(), fitted), extra).setParent(parent());
    }

    /** Saves to {@code DIR/metadata} and {@code DIR/data/model.json}. */
    @Override
    public MLWriter write() {
        return new DescentModelWriter(this, fitted.trained());
    }

    public static MLReader<DescentRegressionModel> read() {
        return new DescentModelReader<>(DescentRegressionModel.class, PredictorKind.REGRESSOR,
                DescentRegressionModel::new);
    }

    public static DescentRegressionModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "DescentRegressionModel: uid=" + uid() + ", model=" + fitted.spec().kind().spelling()
                + ", numFeatures=" + numFeatures();
    }
}
