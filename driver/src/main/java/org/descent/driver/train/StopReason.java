package org.descent.driver.train;

/** Why training stopped. */
public enum StopReason {
    MAX_ITERATIONS("reached the maximum number of iterations"),
    LOSS_TOLERANCE("relative loss change fell below the tolerance"),
    GRADIENT_TOLERANCE("gradient norm fell below the tolerance"),
    EARLY_STOPPED("validation loss stopped improving"),
    DIVERGED("the loss or gradient became NaN or infinite, or the loss exploded");

    private final String description;

    StopReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean isFailure() {
        return this == DIVERGED;
    }
}
