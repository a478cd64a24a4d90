package org.descent.driver.ml;

import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.spec.ProblemType;
import org.descent.driver.train.TrainingSettings;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What an estimator predicts, and so which model families it fits: {@link DescentClassifier}
 * classes, {@link DescentRegressor} numbers. A network ({@code mlp}) does either; its task is
 * the estimator's.
 */
enum PredictorKind {

    CLASSIFIER("DescentClassifier", "DescentClassificationModel", ModelKind.LOGISTIC, List.of(ModelKind.LOGISTIC, ModelKind.SOFTMAX, ModelKind.MLP),
            NetworkShape.CLASSIFICATION),
    REGRESSOR("DescentRegressor", "DescentRegressionModel", ModelKind.LINEAR, List.of(ModelKind.LINEAR, ModelKind.MLP), NetworkShape.REGRESSION);

    private final String estimator;
    private final String modelClass;
    private final ModelKind defaultModel;
    private final List<ModelKind> models;
    private final String networkTask;

    PredictorKind(String estimator, String modelClass, ModelKind defaultModel, List<ModelKind> models,
                  String networkTask) {
        this.estimator = estimator;
        this.modelClass = modelClass;
        this.defaultModel = defaultModel;
        this.models = models;
        this.networkTask = networkTask;
    }

    /** The simple name of the class of the models this estimator fits. */
    String modelClass() {
        return modelClass;
    }

    /** The family fitted when none is set. */
    ModelKind defaultModel() {
        return defaultModel;
    }

    /** A network's task ({@code task} on the command line) for this estimator. */
    String networkTask() {
        return networkTask;
    }

    /** "logistic, softmax, mlp". */
    String allowedModels() {
        return models.stream().map(ModelKind::spelling).collect(Collectors.joining(", "));
    }

    /** The family spelled {@code text}, refused as the command line refuses it, or as one this estimator does not fit. */
    ModelKind model(String text) {
        ModelKind kind = TrainingSettings.modelKind(text);
        if (!models.contains(kind)) {
            PredictorKind other = this == CLASSIFIER ? REGRESSOR : CLASSIFIER;
            throw new IllegalArgumentException("model: " + estimator + " fits " + allowedModels() + ", not "
                    + kind.spelling() + " (" + other.estimator + " fits " + other.allowedModels() + ")");
        }
        return kind;
    }

    /** Whether a trained model of this task is one of this estimator's. */
    boolean predicts(ProblemType task) {
        return (task == ProblemType.REGRESSION) == (this == REGRESSOR);
    }
}
