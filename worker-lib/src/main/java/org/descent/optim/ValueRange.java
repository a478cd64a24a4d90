package org.descent.optim;

/**
 * The values a {@link Hyperparameter} may take. Each range has two spellings: the bound as help
 * text shows it after the setting's symbol ({@code "μ in [0, 1)"}), and what a refusal says the
 * value must be, naming the key ({@code "momentum must be in [0, 1), got 1.2"}), so a bad value
 * in a config file or on the command line is recognisable at once.
 */
public enum ValueRange {

    /** Decay rates such as momentum, the betas and rho: at 1 nothing would ever be forgotten. */
    UNIT_INTERVAL("in [0, 1)", "in [0, 1)"),
    /** Scales such as a learning rate or ε: 0 would make them no-ops or divide by zero. */
    POSITIVE("> 0", "a finite number > 0"),
    /** Penalties and final rates, for which 0 means none. */
    NON_NEGATIVE(">= 0", "a finite number >= 0"),
    /** A schedule's decay factor: a rate that grows is not a decay. */
    DECAY_FACTOR("in (0, 1]", "in (0, 1] for this schedule"),
    /** A whole number of iterations. */
    COUNT(">= 1", ">= 1");

    private final String bound;
    private final String requirement;

    ValueRange(String bound, String requirement) {
        this.bound = bound;
        this.requirement = requirement;
    }

    /** The bound as help text writes it after a symbol, e.g. {@code "in [0, 1)"}. */
    public String bound() {
        return bound;
    }

    public boolean contains(double value) {
        return switch (this) {
            case UNIT_INTERVAL -> value >= 0 && value < 1;
            case POSITIVE -> value > 0 && !Double.isInfinite(value);
            case NON_NEGATIVE -> value >= 0 && !Double.isInfinite(value);
            case DECAY_FACTOR -> value > 0 && value <= 1;
            case COUNT -> value >= 1;
        };
    }

    /**
     * Returns {@code value} if it is in range, otherwise refuses it naming {@code key}. The value
     * is printed as given, so a count reads "got 0", not "got 0.0".
     */
    public <N extends Number> N check(String key, N value) {
        if (!contains(value.doubleValue())) {
            throw new IllegalArgumentException(key + " must be " + requirement + ", got " + value);
        }
        return value;
    }
}
