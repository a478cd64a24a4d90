package org.descent.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The values of an update rule's or a schedule's settings, by key, in the order the rule
 * declares them: what {@link Optimizer#settings()} and {@link LearningRateSchedule#settings()}
 * report (a checkpoint compares them field by field) and what a registry's factory reads.
 * Counts stay whole numbers ({@code Integer} or {@code Long}), so they print as {@code 8}.
 *
 * @param byKey value of each key, in declaration order
 */
public record HyperparameterValues(Map<String, Number> byKey) {

    public static final HyperparameterValues NONE = new HyperparameterValues(Map.of());

    public HyperparameterValues {
        byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
    }

    /** These values and one more, after them. */
    public HyperparameterValues with(String key, Number value) {
        if (byKey.containsKey(key)) {
            throw new IllegalArgumentException(key + " is given twice");
        }
        Map<String, Number> more = new LinkedHashMap<>(byKey);
        more.put(key, value);
        return new HyperparameterValues(more);
    }

    public HyperparameterValues with(Hyperparameter setting, Number value) {
        return with(setting.key(), value);
    }

    /** The value of a setting these values hold. */
    public double get(Hyperparameter setting) {
        return number(setting).doubleValue();
    }

    /** The value of a count setting, which must be a whole number an {@code int} holds. */
    public int count(Hyperparameter setting) {
        double value = number(setting).doubleValue();
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(setting.key() + " must be a whole number, got " + number(setting));
        }
        return (int) value;
    }

    private Number number(Hyperparameter setting) {
        Number value = byKey.get(setting.key());
        if (value == null) {
            throw new IllegalStateException(setting.key() + " is not among " + byKey.keySet());
        }
        return value;
    }

    /**
     * The values of {@code settings} for {@code owner} (e.g. {@code "optimizer 'adam'"}): the
     * given ones, the default for the others. A given key that is not among them is refused, and
     * so is a required one not given: silently ignoring a setting would let a user believe it
     * took effect. {@code given} may map a key to null for "not given"; its order decides which
     * of several foreign keys is named.
     */
    public static HyperparameterValues complete(String owner, List<Hyperparameter> settings,
                                                Map<String, ? extends Number> given) {
        List<String> keys = settings.stream().map(Hyperparameter::key).toList();
        for (Map.Entry<String, ? extends Number> e : given.entrySet()) {
            if (e.getValue() != null && !keys.contains(e.getKey())) {
                throw new IllegalArgumentException(e.getKey() + ": not a setting of " + owner + "; its settings: "
                        + (keys.isEmpty() ? "none" : String.join(", ", keys)));
            }
        }
        HyperparameterValues values = NONE;
        for (Hyperparameter setting : settings) {
            Number value = given.get(setting.key());
            if (value == null && setting.defaultValue().isEmpty()) {
                throw new IllegalArgumentException(setting.key() + ": required by " + owner + " (" + setting.meaning() + ")");
            }
            values = values.with(setting, value != null ? value : setting.byDefault());
        }
        return values;
    }

    /** {@code name(key=value, ...)}, or the name alone when there are no values: how logs and model files show a rule. */
    public String describe(String name) {
        if (byKey.isEmpty()) {
            return name;
        }
        return byKey.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", name + "(", ")"));
    }
}
