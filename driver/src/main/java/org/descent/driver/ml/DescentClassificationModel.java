package org.descent.driver.ml;

import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.descent.driver.spec.ProblemType;
import scala.Tuple3;

/**
 * A classifier fitted by {@link DescentClassifier}: logistic, softmax or a classifying network.
 * Its transform writes the columns {@code LogisticRegressionModel} writes, row by row on the
 * executors: {@code rawPrediction} (the margins: {@code [-z, z]} for logistic, the K logits
 * otherwise), {@code probability} (the sigmoid or softmax of the margins, as
 * {@code descent predict} computes them) and {@code prediction}, the class as the labels spell
 * it ({@code -1} or {@code 1} for a model trained on -1/+1 labels).
 *
 * <p>Saved with {@code write().save(DIR)}, loaded with {@link #load}; {@code DIR} holds
 * spark.ml's metadata and Descent's {@code data/model.json}, which {@code descent evaluate}
 * and {@code descent predict} read as {@code --model DIR}.
 */
public final class DescentClassificationModel
        extends ProbabilisticClassificationModel<Vector, DescentClassificationModel>
        implements DescentParams, MLWritable {

    private static final long serialVersionUID = 1L;

    /** No initializer: assigned by {@link #uid()} inside the superclass constructor (see {@link ConstructionUid}). */
    private String uid;
    private final FittedModel fitted;
    private final DescentParamSet descent;

    DescentClassificationModel(String uid, FittedModel fitted) {
        this(ConstructionUid.hold(uid), fitted);
    }

    private DescentClassificationModel(ConstructionUid.Held held, FittedModel fitted) {
        super();
        uid();
        this.fitted = fitted;
        this.descent = new DescentParamSet(this, PredictorKind.CLASSIFIER, false);
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
    public int numClasses() {
        return fitted.spec().numClasses();
    }

    @Override
    public int numFeatures() {
        return fitted.spec().numFeatures();
    }

    /** The label each class index stands for: {0, 1} or {-1, 1} for logistic, 0..K-1 otherwise. A copy. */
    public double[] classes() {
        return fitted.trained().classes().clone();
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
    public Vector predictRaw(Vector features) {
        double[] z = fitted.margins(features);
        return fitted.spec().task() == ProblemType.BINARY ? Vectors.dense(-z[0], z[0]) : Vectors.dense(z);
    }

    /** The probabilities of the margins, in place: the sigmoid of z for logistic, the softmax of the logits otherwise. */
    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] raw = ((DenseVector) rawPrediction).values();
        if (fitted.spec().task() == ProblemType.BINARY) {
            double p = fitted.predictions(new double[] {raw[1]})[0];
            raw[0] = 1 - p;
            raw[1] = p;
        } else {
            double[] p = fitted.predictions(raw);
            System.arraycopy(p, 0, raw, 0, p.length);
        }
        return rawPrediction;
    }

    /** The class of the largest margin (or, with thresholds, of the probabilities), as the labels spell it. */
    @Override
    public double raw2prediction(Vector rawPrediction) {
        if (isDefined(thresholds())) {
            return probability2prediction(raw2probability(rawPrediction));
        }
        return fitted.label(rawPrediction.argmax());
    }

    /** The class spark.ml picks from the probabilities, as the labels spell it. */
    @Override
    public double probability2prediction(Vector probability) {
        return fitted.label((int) super.probability2prediction(probability));
    }

    /*
     * Declared again only for javac: spark.ml narrows this method's return type between its
     * Scala classes, which Java generics cannot express, and javac would see two methods.
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public DescentClassificationModel copy(ParamMap extra) {
        return copyValues(new DescentClassificationModel(uid(), fitted), extra).setParent(parent());
    }

    /** Saves to {@code DIR/metadata} and {@code DIR/data/model.json}. */
    @Override
    public MLWriter write() {
        return new DescentModelWriter(this, fitted.trained());
    }

    public static MLReader<DescentClassificationModel> read() {
        return new DescentModelReader<>(DescentClassificationModel.class, PredictorKind.CLASSIFIER,
                DescentClassificationModel::new);
    }

    public static DescentClassificationModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "DescentClassificationModel: uid=" + uid() + ", model=" + fitted.spec().kind().spelling()
                + ", numClasses=" + numClasses() + ", numFeatures=" + numFeatures();
    }
}
