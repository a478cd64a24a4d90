package org.descent.metrics;

/**
 * An area under a curve read from binned scores, with the most it can differ from the area
 * computed on the unbinned scores: the exact value lies in
 * {@code [value - errorBound, value + errorBound]} (up to floating-point rounding).
 * Both are NaN when the area is undefined (a class with no weight).
 */
public record CurveArea(double value, double errorBound) {

    /** The area of a curve that does not exist, such as ROC with a single class. */
    public static final CurveArea UNDEFINED = new CurveArea(Double.NaN, Double.NaN);
}
