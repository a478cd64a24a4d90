package org.descent.bench;

/**
 * One line of the comparison: a data set and a batch, Descent's and MLlib's milliseconds per
 * iteration (NaN where MLlib was not run), and the bytes of feature data the batch touches.
 *
 * @param fraction     1 for a full batch
 * @param featureBytes bytes of cached feature data of the whole data set (Descent's layout)
 * @param tasks        Spark's task metrics over Descent's timed rounds; null if not measured
 */
public record BatchTiming(String dataset, double fraction, double descentMillis, double mllibMillis,
                          long featureBytes, TaskTimes.Anatomy tasks) {

    public String batch() {
        return fraction == 1.0 ? "full" : "fraction=" + fraction;
    }

    /** Descent's time over MLlib's: below 1 is faster. */
    public double timeRatio() {
        return descentMillis / mllibMillis;
    }

    /** Feature bytes Descent's iteration touches per second, in GB/s. */
    public double descentGigabytesPerSecond() {
        return featureBytes * fraction / descentMillis / 1e6;
    }
}
