package org.descent.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One class's row of the per-class table: how well the rows predicted as {@code classIndex} and
 * the rows truly of {@code classIndex} were told apart from the rest, weighted by sample weight.
 * See {@link ConfusionMatrix} for the formulas and the convention for a ratio of 0 / 0.
 *
 * @param support the total weight of the rows whose true class is {@code classIndex} (their
 *                number when every weight is 1)
 */
public record ClassScores(int classIndex, double precision, double recall, double f1, double support) {

    /** Keys in order: class, precision, recall, f1, support. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("class", classIndex);
        map.put("precision", precision);
        map.put("recall", recall);
        map.put("f1", f1);
        map.put("support", support);
        return map;
    }
}
