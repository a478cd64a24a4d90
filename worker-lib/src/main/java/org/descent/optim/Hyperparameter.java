package org.descent.optim;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One named number an update rule or a schedule is configured by, declared once beside the
 * record that takes it: its key (the command-line option without dashes, the config-file key,
 * the field of a checkpoint's run), what it means, the values it may take and its default.
 * The registries ({@link UpdateRule}, {@link ScheduleKind}) list them; the command line, config
 * files, checkpoints and help text read them from there.
 *
 * @param meaning      what it is, ending in its symbol where it has one, as help text shows it
 *                     before the range ({@code "momentum μ"}, {@code "iterations between drops"})
 * @param defaultValue the value taken when none is given; empty when the setting is required
 */
public record Hyperparameter(String key, String meaning, ValueRange range, OptionalDouble defaultValue) {

    public Hyperparameter {
        if (key == null || !key.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a setting's key is a command-line word, got " + key);
        }
        defaultValue.ifPresent(value -> range.check(key, value));
    }

    /** A setting that takes {@code defaultValue} when it is not given. */
    public static Hyperparameter withDefault(String key, String meaning, ValueRange range, double defaultValue) {
        return new Hyperparameter(key, meaning, range, OptionalDouble.of(defaultValue));
    }

    /** A setting that must be given (no value would suit every run). */
    public static Hyperparameter required(String key, String meaning, ValueRange range) {
        return new Hyperparameter(key, meaning, range, OptionalDouble.empty());
    }

    /** The default; only for a setting that has one (a record's no-argument constructor). */
    public double byDefault() {
        return defaultValue.orElseThrow(() -> new IllegalStateException(key + " has no default"));
    }

    public double check(double value) {
        return range.check(key, value);
    }

    public int check(int value) {
        return range.check(key, value);
    }

    /** Help text: meaning, range and default, e.g. {@code "momentum μ in [0, 1) (default 0.9)"}. */
    public String describe() {
        return meaning + " " + range.bound()
                + (defaultValue.isPresent() ? " (default " + format(defaultValue.getAsDouble()) + ")" : " (required)");
    }

    /**
     * A value as a person would write it in help text or a config file: {@code 0.999},
     * {@code 1e-8}, {@code 0}. Parses back to the same double.
     */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        if (exact.scale() <= 0 || Math.abs(value) >= 1e-3) {
            return exact.toPlainString();
        }
        return exact.toString().toLowerCase(Locale.ROOT);
    }
}
