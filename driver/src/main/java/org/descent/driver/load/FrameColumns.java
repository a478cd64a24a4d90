package org.descent.driver.load;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns of a DataFrame hold a row's label, features and sample weight. The features
 * come either from one column holding the whole feature vector, or from a list of numeric
 * columns, one feature each, numbered 0, 1, 2, ... in the order listed.
 *
 * <p>A vector column holds a spark.ml {@code Vector} (dense or sparse; the older
 * spark.mllib one is read too) or an array of numbers. Every row's vector has the same size,
 * which is the feature count.
 *
 * @param label          the label column; null only where no label is read (predictions)
 * @param features       the vector column, or null when {@code featureColumns} are given
 * @param featureColumns numeric columns, one feature each; empty when {@code features} is given
 * @param weight         the sample-weight column, or null for weight 1 on every row
 */
public record FrameColumns(String label, String features, List<String> featureColumns, String weight)
        implements Serializable {

    /** The label column's name when none is given: spark.ml's own default. */
    public static final String DEFAULT_LABEL = "label";
    /** The feature vector column's name when no feature column is given: spark.ml's own default. */
    public static final String DEFAULT_FEATURES = "features";

    public FrameColumns {
        featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
        if ((features == null) == featureColumns.isEmpty()) {
            throw new IllegalArgumentException("features come either from one vector column or from a list of "
                    + "numeric columns: give exactly one of them");
        }
        List<String> all = new ArrayList<>();
        if (label != null) {
            all.add(label);
        }
        if (weight != null) {
            all.add(weight);
        }
        if (features != null) {
            all.add(features);
        }
        all.addAll(featureColumns);
        Set<String> seen = new HashSet<>();
        for (String name : all) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("a column name cannot be blank");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("column '" + name + "' is named twice: the label, the weight "
                        + "and each feature need a column of their own");
            }
        }
    }

    /** Features from one vector column. */
    public static FrameColumns vector(String label, String features) {
        return new FrameColumns(label, features, List.of(), null);
    }

    /** Features from numeric columns, one each, in this order. */
    public static FrameColumns numeric(String label, List<String> featureColumns) {
        return new FrameColumns(label, null, featureColumns, null);
    }

    /** @param newWeight the sample-weight column, or null for none */
    public FrameColumns withWeight(String newWeight) {
        return new FrameColumns(label, features, featureColumns, newWeight);
    }

    /** The same features without label and weight: what predictions read. */
    public FrameColumns featuresOnly() {
        return new FrameColumns(null, features, featureColumns, null);
    }

    /** Whether the features come from one vector column. */
    public boolean fromVector() {
        return features != null;
    }
}
