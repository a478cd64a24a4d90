package org.descent.optim;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every update rule, by the name the command line, config files, checkpoints and model files
 * use, with its settings (key, meaning, range, default) and a factory. The one place a rule's
 * spelling is written: {@link Optimizer#name()} reads it, the command line's choices, help
 * text and refusals are generated from it, and a future spark.ml {@code Params} can declare its
 * params from {@link #settings()}. Plain Java, so any front end can use it.
 */
public enum UpdateRule implements NamedChoice {

    SGD("sgd", values -> new Sgd()),
    MOMENTUM("momentum", values -> new Momentum(values.get(Momentum.MOMENTUM)), Momentum.MOMENTUM),
    NESTEROV("nesterov", values -> new Nesterov(values.get(Nesterov.MOMENTUM)), Nesterov.MOMENTUM),
    ADAGRAD("adagrad", values -> new AdaGrad(values.get(AdaGrad.EPS)), AdaGrad.EPS),
    RMSPROP("rmsprop", values -> new RmsProp(values.get(RmsProp.RHO), values.get(RmsProp.EPS)),
            RmsProp.RHO, RmsProp.EPS),
    ADAM("adam", values -> new Adam(values.get(Adam.BETA1), values.get(Adam.BETA2), values.get(Adam.EPS)),
            Adam.BETA1, Adam.BETA2, Adam.EPS),
    ADAMW("adamw", values -> new AdamW(values.get(AdamW.BETA1), values.get(AdamW.BETA2), values.get(AdamW.EPS),
            values.get(AdamW.WEIGHT_DECAY)),
            AdamW.BETA1, AdamW.BETA2, AdamW.EPS, AdamW.WEIGHT_DECAY);

    /** The rule a run uses when none is named. */
    public static final UpdateRule DEFAULT = SGD;

    private final String spelling;
    private final Function<HyperparameterValues, Optimizer> factory;
    private final List<Hyperparameter> settings;

    UpdateRule(String spelling, Function<HyperparameterValues, Optimizer> factory, Hyperparameter... settings) {
        this.spelling = spelling;
        this.factory = factory;
        this.settings = List.of(settings);
    }

    @Override
    public String spelling() {
        return spelling;
    }

    /** The settings this rule takes, in the order of its record's components. */
    @Override
    public List<Hyperparameter> settings() {
        return settings;
    }

    /**
     * The rule with these settings ({@code given} by key; null or absent for the default). A
     * key that is not one of this rule's settings is refused, as is an out-of-range value, with
     * a message that starts with the key.
     */
    public Optimizer create(Map<String, ? extends Number> given) {
        return factory.apply(HyperparameterValues.complete("optimizer '" + spelling + "'", settings, given));
    }

    /** The rule spelled {@code text} (any case, surrounding spaces ignored). */
    public static UpdateRule named(String text) {
        return NamedChoice.named(values(), "optimizer", text);
    }

    /** Every rule's spelling, comma-separated, in declaration order. */
    public static String allowed() {
        return NamedChoice.allowed(values());
    }
}
