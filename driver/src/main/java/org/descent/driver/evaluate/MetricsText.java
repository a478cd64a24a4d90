package org.descent.driver.evaluate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The metrics of {@link Evaluation} as text a person reads, in the map's order and under the
 * map's names (the same as {@code --json}): one scalar a line, with a short note where a name
 * alone would mislead; the per-class table (class, precision, recall, F1, support) closed by
 * the macro averages; a confusion matrix as a grid.
 */
public final class MetricsText {

    private MetricsText() {
    }

    /** Keys printed as the table's last row rather than on lines of their own. */
    private static final Set<String> MACRO_KEYS = Set.of("macroPrecision", "macroRecall", "macroF1", "macroClasses");

    /** What a reader needs beside a value whose name does not say it all. */
    private static final Map<String, String> NOTES = Map.of(
            "precision", "positive class 1, predicted when p > 0.5",
            "recall", "positive class 1, predicted when p > 0.5",
            "f1", "positive class 1, predicted when p > 0.5",
            "aucErrorBound", "auc is at most this far from the exact AUC (binned scores)",
            "prAuc", "average precision: step sum over thresholds",
            "prAucErrorBound", "prAuc is at most this far from the exact value (binned scores)");

    private static final String KEY_FORMAT = "%-16s %s";
    private static final String TABLE_ROW = "%-8s%12s%12s%12s%12s";

    /** Every metric, one or more lines each, without a trailing newline. */
    public static String render(Map<String, Object> metrics) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            if (MACRO_KEYS.contains(e.getKey())) {
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            if (e.getValue() instanceof List<?> rows && !rows.isEmpty() && rows.get(0) instanceof Map) {
                out.append(table(rows, metrics));
            } else if (e.getValue() instanceof List<?> rows) {
                out.append(matrix(e.getKey(), rows));
            } else {
                out.append(String.format(Locale.ROOT, KEY_FORMAT, e.getKey(), scalar(e.getValue())));
                String note = NOTES.get(e.getKey());
                if (note != null) {
                    out.append("   (").append(note).append(')');
                }
            }
        }
        return out.toString();
    }

    /** The per-class rows, then the macro averages and, when some class was left out of them, which were averaged. */
    private static String table(List<?> rows, Map<String, Object> metrics) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, TABLE_ROW, "class", "precision", "recall", "F1", "support"));
        for (Object row : rows) {
            Map<?, ?> scores = (Map<?, ?>) row;
            sb.append('\n').append(String.format(Locale.ROOT, TABLE_ROW, scores.get("class"), scalar(scores.get("precision")),
                    scalar(scores.get("recall")), scalar(scores.get("f1")), scalar(scores.get("support"))));
        }
        if (metrics.containsKey("macroF1")) {
            sb.append('\n').append(String.format(Locale.ROOT, TABLE_ROW, "macro", scalar(metrics.get("macroPrecision")),
                    scalar(metrics.get("macroRecall")), scalar(metrics.get("macroF1")), "").stripTrailing());
            Object averaged = metrics.get("macroClasses");
            if (averaged instanceof Integer n && n < rows.size()) {
                sb.append("\n  (macro averages over the ").append(n).append(" of ").append(rows.size())
                        .append(" classes that occur as a label or a prediction)");
            }
        }
        return sb.toString();
    }

    private static String matrix(String key, List<?> rows) {
        StringBuilder sb = new StringBuilder(key).append(" (rows: true label, columns: predicted)");
        for (Object row : rows) {
            sb.append("\n  ");
            for (Object cell : (List<?>) row) {
                sb.append(String.format(Locale.ROOT, "%10s", scalar(cell)));
            }
        }
        return sb.toString();
    }

    private static String scalar(Object value) {
        return value instanceof Double d ? readable(d) : String.valueOf(value);
    }

    /** Below this magnitude a whole number prints as an integer; a double still holds it exactly. */
    private static final double LARGEST_PRINTED_WHOLE = 1e15;
    /** Fixed notation with 6 decimals between these magnitudes; scientific outside. */
    private static final double SMALLEST_FIXED = 1e-3;
    private static final double LARGEST_FIXED = 1e7;

    /**
     * A metric as a person reads it: whole numbers as integers (counts, weight sums), ordinary
     * magnitudes with 6 decimals, and very large or tiny ones in scientific notation with 7
     * significant digits: a diverged model's MSE of 1.78e264 would otherwise print as 265 digits,
     * and 1e-12 as 0.000000. The --json output keeps every bit.
     */
    static String readable(double d) {
        double magnitude = Math.abs(d);
        if (!Double.isFinite(d)) {
            return String.valueOf(d);
        }
        if (d == Math.rint(d) && magnitude < LARGEST_PRINTED_WHOLE) {
            return String.valueOf((long) d);
        }
        if (magnitude >= SMALLEST_FIXED && magnitude < LARGEST_FIXED) {
            return String.format(Locale.ROOT, "%.6f", d);
        }
        return String.format(Locale.ROOT, "%.6e", d);
    }
}
