package org.descent.driver.ml;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.List;

/**
 * Descent as a spark.ml classifier: logistic regression (labels 0/1 or -1/+1), softmax
 * regression or a multilayer perceptron (labels 0..K-1), fitted on a DataFrame's
 * {@code featuresCol} (a {@code Vector}, dense or sparse), {@code labelCol} and optional
 * {@code weightCol}, by the engine of {@code descent train}, with its training settings as
 * params ({@link DescentParams}, plus {@code numClasses}). The same rows in the same partitions
 * (param {@code partitions}) give the same model as {@code descent train}, bit for bit.
 *
 * <pre>{@code
 * DescentClassifier classifier = new DescentClassifier().setModel("softmax").setOptimizer("adam")
 *         .setLr(0.01).setBatch("size=256").setMaxIter(200);
 * DescentClassificationModel model = classifier.fit(training);
 * }</pre>
 */
public final class DescentClassifier
        extends ProbabilisticClassifier<Vector, DescentClassifier, DescentClassificationModel>
        implements DescentParamSetters<DescentClassifier>, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    /** No initializer: assigned by {@link #uid()} inside the superclass constructor (see {@link ConstructionUid}). */
    private String uid;
    private final DescentParamSet descent;

    public DescentClassifier() {
        this(Identifiable.randomUID("descentClassifier"));
    }

    public DescentClassifier(String uid) {
        this(ConstructionUid.hold(uid));
    }

    private DescentClassifier(ConstructionUid.Held held) {
        super();
        uid();
        descent = new DescentParamSet(this, PredictorKind.CLASSIFIER, true);
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

    /** Classes of softmax and a network; 0 infers them from the labels (max + 1). */
    public IntParam numClasses() {
        return descent.numClasses;
    }

    public int getNumClasses() {
        return (Integer) getOrDefault(numClasses());
    }

    public DescentClassifier setNumClasses(int value) {
        set(numClasses(), (Object) value);
        return this;
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
    public DescentClassificationModel train(Dataset<?> dataset) {
        DescentFit.Outcome fitted = DescentFit.fit(this, dataset.toDF(), getLabelCol(), getFeaturesCol());
        return new DescentClassificationModel(uid(), new FittedModel(fitted.trained(), fitted.summary(), PredictorKind.CLASSIFIER));
    }

    /**
     * One model per ParamMap, each equal, bit for bit, to {@code fit(dataset, paramMap)}, but the
     * rows are loaded once and the configurations that share their batches (batch mode and
     * seed, model shape) train together, one pass over the data per iteration for all of them
     * (see {@code docs/tuning-engine.md}). Maps that change the columns or the caching, or ask
     * for checkpoints, are fitted one after another instead. spark.ml's {@code CrossValidator}
     * fits one map at a time and does not call this; a grid fitted by hand does.
     */
    @Override
    public Seq<DescentClassificationModel> fit(Dataset<?> dataset, Seq<ParamMap> paramMaps) {
        List<DescentClassifier> copies = CollectionConverters.asJava(paramMaps).stream().map(this::copy).toList();
        List<DescentFit.Outcome> outcomes = DescentFit.fitCopies(copies, dataset);
        if (outcomes == null) {
            return super.fit(dataset, paramMaps);
        }
        List<DescentClassificationModel> models = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) {
            DescentClassifier copy = copies.get(i);
            DescentClassificationModel model = new DescentClassificationModel(copy.uid(), new FittedModel(outcomes.get(i).trained(), outcomes.get(i).summary(),
                    PredictorKind.CLASSIFIER));
            models.add(copy.copyValues(model.setParent(copy), ParamMap.empty()));
        }
        return CollectionConverters.asScala(models).toList();
    }

    @Override
    public DescentClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<DescentClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static DescentClassifier load(String path) {
        return read().load(path);
    }
}
