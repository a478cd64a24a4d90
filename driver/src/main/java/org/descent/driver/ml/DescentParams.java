package org.descent.driver.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Descent params every estimator and model of this package has, with their getters: the
 * training settings of {@code descent train} in camelCase (see {@link DescentParamSet} and
 * docs/spark-ml.md), plus {@code weightCol}. Each accessor returns the owner's own param, so
 * spark.ml finds them all ({@code params()}, {@code explainParams()}, {@code copy},
 * persistence, {@code ParamGridBuilder}). The classifier adds {@code numClasses}.
 */
public interface DescentParams extends Params {

    /** The owner's params; internal to this package (its type is package-private). */
    DescentParamSet descentParamSet();

    default Param<String> model() {
        return descentParamSet().model;
    }

    default Param<String> layers() {
        return descentParamSet().layers;
    }

    default Param<String> activation() {
        return descentParamSet().activation;
    }

    default BooleanParam fitIntercept() {
        return descentParamSet().fitIntercept;
    }

    default Param<String> batch() {
        return descentParamSet().batch;
    }

    default Param<String> optimizer() {
        return descentParamSet().optimizer;
    }

    default DoubleParam lr() {
        return descentParamSet().lr;
    }

    default DoubleParam momentum() {
        return (DoubleParam) descentParamSet().setting("momentum");
    }

    default DoubleParam beta1() {
        return (DoubleParam) descentParamSet().setting("beta1");
    }

    default DoubleParam beta2() {
        return (DoubleParam) descentParamSet().setting("beta2");
    }

    default DoubleParam eps() {
        return (DoubleParam) descentParamSet().setting("eps");
    }

    default DoubleParam rho() {
        return (DoubleParam) descentParamSet().setting("rho");
    }

    default DoubleParam weightDecay() {
        return (DoubleParam) descentParamSet().setting("weight-decay");
    }

    default Param<String> schedule() {
        return descentParamSet().schedule;
    }

    default DoubleParam gamma() {
        return (DoubleParam) descentParamSet().setting("gamma");
    }

    default IntParam stepEvery() {
        return (IntParam) descentParamSet().setting("step-every");
    }

    default DoubleParam finalLr() {
        return (DoubleParam) descentParamSet().setting("final-lr");
    }

    default IntParam warmup() {
        return descentParamSet().warmup;
    }

    default DoubleParam clipNorm() {
        return descentParamSet().clipNorm;
    }

    default IntParam maxIter() {
        return descentParamSet().maxIter;
    }

    default LongParam seed() {
        return descentParamSet().seed;
    }

    default DoubleParam tol() {
        return descentParamSet().tol;
    }

    default DoubleParam gradTol() {
        return descentParamSet().gradTol;
    }

    default DoubleParam regL2() {
        return descentParamSet().regL2;
    }

    default DoubleParam regL1() {
        return descentParamSet().regL1;
    }

    default IntParam treeDepth() {
        return descentParamSet().treeDepth;
    }

    default BooleanParam standardize() {
        return descentParamSet().standardize;
    }

    default Param<String> classWeight() {
        return descentParamSet().classWeight;
    }

    default DoubleParam validationFraction() {
        return descentParamSet().validationFraction;
    }

    default Param<String> validationIndicatorCol() {
        return descentParamSet().validationIndicatorCol;
    }

    default IntParam validateEvery() {
        return descentParamSet().validateEvery;
    }

    default IntParam earlyStopPatience() {
        return descentParamSet().earlyStopPatience;
    }

    default DoubleParam earlyStopMinDelta() {
        return descentParamSet().earlyStopMinDelta;
    }

    default IntParam localSteps() {
        return descentParamSet().localSteps;
    }

    default IntParam localAfter() {
        return descentParamSet().localAfter;
    }

    default DoubleParam outerMomentum() {
        return descentParamSet().outerMomentum;
    }

    default Param<String> localState() {
        return descentParamSet().localState;
    }

    default Param<String> checkpointDir() {
        return descentParamSet().checkpointDir;
    }

    default IntParam checkpointEvery() {
        return descentParamSet().checkpointEvery;
    }

    default IntParam partitions() {
        return descentParamSet().partitions;
    }

    default Param<String> storage() {
        return descentParamSet().storage;
    }

    default Param<String> precision() {
        return descentParamSet().precision;
    }

    default Param<String> weightCol() {
        return descentParamSet().weightCol;
    }

    default String getModel() {
        return getOrDefault(model());
    }

    default String getLayers() {
        return getOrDefault(layers());
    }

    default String getActivation() {
        return getOrDefault(activation());
    }

    default boolean getFitIntercept() {
        return (Boolean) getOrDefault(fitIntercept());
    }

    default String getBatch() {
        return getOrDefault(batch());
    }

    default String getOptimizer() {
        return getOrDefault(optimizer());
    }

    default double getLr() {
        return (Double) getOrDefault(lr());
    }

    default double getMomentum() {
        return (Double) getOrDefault(momentum());
    }

    default double getBeta1() {
        return (Double) getOrDefault(beta1());
    }

    default double getBeta2() {
        return (Double) getOrDefault(beta2());
    }

    default double getEps() {
        return (Double) getOrDefault(eps());
    }

    default double getRho() {
        return (Double) getOrDefault(rho());
    }

    default double getWeightDecay() {
        return (Double) getOrDefault(weightDecay());
    }

    default String getSchedule() {
        return getOrDefault(schedule());
    }

    default double getGamma() {
        return (Double) getOrDefault(gamma());
    }

    default int getStepEvery() {
        return (Integer) getOrDefault(stepEvery());
    }

    default double getFinalLr() {
        return (Double) getOrDefault(finalLr());
    }

    default int getWarmup() {
        return (Integer) getOrDefault(warmup());
    }

    default double getClipNorm() {
        return (Double) getOrDefault(clipNorm());
    }

    default int getMaxIter() {
        return (Integer) getOrDefault(maxIter());
    }

    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    default double getTol() {
        return (Double) getOrDefault(tol());
    }

    default double getGradTol() {
        return (Double) getOrDefault(gradTol());
    }

    default double getRegL2() {
        return (Double) getOrDefault(regL2());
    }

    default double getRegL1() {
        return (Double) getOrDefault(regL1());
    }

    default int getTreeDepth() {
        return (Integer) getOrDefault(treeDepth());
    }

    default boolean getStandardize() {
        return (Boolean) getOrDefault(standardize());
    }

    /** The class weights as given, or null when none are set. */
    default String getClassWeight() {
        return isSet(classWeight()) ? getOrDefault(classWeight()) : null;
    }

    /** The fraction of the rows held out as validation data, or NaN when none is set. */
    default double getValidationFraction() {
        return isSet(validationFraction()) ? (Double) getOrDefault(validationFraction()) : Double.NaN;
    }

    /** The validation indicator column, or null when none is set. */
    default String getValidationIndicatorCol() {
        return isSet(validationIndicatorCol()) ? getOrDefault(validationIndicatorCol()) : null;
    }

    default int getValidateEvery() {
        return (Integer) getOrDefault(validateEvery());
    }

    default int getEarlyStopPatience() {
        return (Integer) getOrDefault(earlyStopPatience());
    }

    default double getEarlyStopMinDelta() {
        return (Double) getOrDefault(earlyStopMinDelta());
    }

    default int getLocalSteps() {
        return (Integer) getOrDefault(localSteps());
    }

    default int getLocalAfter() {
        return (Integer) getOrDefault(localAfter());
    }

    default double getOuterMomentum() {
        return (Double) getOrDefault(outerMomentum());
    }

    default String getLocalState() {
        return getOrDefault(localState());
    }

    default String getCheckpointDir() {
        return getOrDefault(checkpointDir());
    }

    default int getCheckpointEvery() {
        return (Integer) getOrDefault(checkpointEvery());
    }

    default int getPartitions() {
        return (Integer) getOrDefault(partitions());
    }

    default String getStorage() {
        return getOrDefault(storage());
    }

    default String getPrecision() {
        return getOrDefault(precision());
    }

    default String getWeightCol() {
        return getOrDefault(weightCol());
    }
}
