package org.descent.data;

/**
 * How a dense block stores feature values. {@link #FLOAT} halves the bytes a pass reads (and
 * the memory the cache takes); values are rounded to the nearest float once, when the block is
 * built, and every product and sum is still computed in double. Sparse blocks always keep
 * double values: their column indices take as many bytes as float values would save.
 */
public enum FeaturePrecision {
    DOUBLE,
    FLOAT
}
