package org.descent.driver.ml;

/**
 * The setters of {@link DescentParams}, for the estimators: each sets its param (checked at
 * once, with the command line's message, as far as the value can be checked alone) and returns
 * the estimator.
 *
 * @param <E> the estimator
 */
public interface DescentParamSetters<E extends DescentParamSetters<E>> extends DescentParams {

    default E setModel(String value) {
        set(model(), value);
        return self();
    }

    default E setLayers(String value) {
        set(layers(), value);
        return self();
    }

    default E setActivation(String value) {
        set(activation(), value);
        return self();
    }

    default E setFitIntercept(boolean value) {
        set(fitIntercept(), (Object) value);
        return self();
    }

    default E setBatch(String value) {
        set(batch(), value);
        return self();
    }

    default E setOptimizer(String value) {
        set(optimizer(), value);
        return self();
    }

    default E setLr(double value) {
        set(lr(), (Object) value);
        return self();
    }

    default E setMomentum(double value) {
        set(momentum(), (Object) value);
        return self();
    }

    default E setBeta1(double value) {
        set(beta1(), (Object) value);
        return self();
    }

    default E setBeta2(double value) {
        set(beta2(), (Object) value);
        return self();
    }

    default E setEps(double value) {
        set(eps(), (Object) value);
        return self();
    }

    default E setRho(double value) {
        set(rho(), (Object) value);
        return self();
    }

    default E setWeightDecay(double value) {
        set(weightDecay(), (Object) value);
        return self();
    }

    default E setSchedule(String value) {
        set(schedule(), value);
        return self();
    }

    default E setGamma(double value) {
        set(gamma(), (Object) value);
        return self();
    }

    default E setStepEvery(int value) {
        set(stepEvery(), (Object) value);
        return self();
    }

    default E setFinalLr(double value) {
        set(finalLr(), (Object) value);
        return self();
    }

    default E setWarmup(int value) {
        set(warmup(), (Object) value);
        return self();
    }

    default E setClipNorm(double value) {
        set(clipNorm(), (Object) value);
        return self();
    }

    default E setMaxIter(int value) {
        set(maxIter(), (Object) value);
        return self();
    }

    default E setSeed(long value) {
        set(seed(), (Object) value);
        return self();
    }

    default E setTol(double value) {
        set(tol(), (Object) value);
        return self();
    }

    default E setGradTol(double value) {
        set(gradTol(), (Object) value);
        return self();
    }

    default E setRegL2(double value) {
        set(regL2(), (Object) value);
        return self();
    }

    default E setRegL1(double value) {
        set(regL1(), (Object) value);
        return self();
    }

    default E setTreeDepth(int value) {
        set(treeDepth(), (Object) value);
        return self();
    }

    default E setStandardize(boolean value) {
        set(standardize(), (Object) value);
        return self();
    }

    default E setClassWeight(String value) {
        set(classWeight(), value);
        return self();
    }

    default E setValidationFraction(double value) {
        set(validationFraction(), (Object) value);
        return self();
    }

    default E setValidationIndicatorCol(String value) {
        set(validationIndicatorCol(), value);
        return self();
    }

    default E setValidateEvery(int value) {
        set(validateEvery(), (Object) value);
        return self();
    }

    default E setEarlyStopPatience(int value) {
        set(earlyStopPatience(), (Object) value);
        return self();
    }

    default E setEarlyStopMinDelta(double value) {
        set(earlyStopMinDelta(), (Object) value);
        return self();
    }

    default E setLocalSteps(int value) {
        set(localSteps(), (Object) value);
        return self();
    }

    default E setLocalAfter(int value) {
        set(localAfter(), (Object) value);
        return self();
    }

    default E setOuterMomentum(double value) {
        set(outerMomentum(), (Object) value);
        return self();
    }

    default E setLocalState(String value) {
        set(localState(), value);
        return self();
    }

    default E setCheckpointDir(String value) {
        set(checkpointDir(), value);
        return self();
    }

    default E setCheckpointEvery(int value) {
        set(checkpointEvery(), (Object) value);
        return self();
    }

    default E setPartitions(int value) {
        set(partitions(), (Object) value);
        return self();
    }

    default E setStorage(String value) {
        set(storage(), value);
        return self();
    }

    default E setPrecision(String value) {
        set(precision(), value);
        return self();
    }

    default E setWeightCol(String value) {
        set(weightCol(), value);
        return self();
    }

    /** The hidden layers' widths as numbers: {@code setLayers(16, 8)} is {@code setLayers("16,8")}; none is {@code "none"}. */
    default E setLayers(int... widths) {
        StringBuilder text = new StringBuilder();
        for (int width : widths) {
            text.append(text.length() == 0 ? "" : ",").append(width);
        }
        return setLayers(widths.length == 0 ? "none" : text.toString());
    }

    @SuppressWarnings("unchecked")
    private E self() {
        return (E) this;
    }
}
