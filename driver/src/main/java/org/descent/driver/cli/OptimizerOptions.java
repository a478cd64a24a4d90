package org.descent.driver.cli;

import org.descent.driver.UserInputException;
import org.descent.optim.AdaGrad;
import org.descent.optim.Adam;
import org.descent.optim.AdamW;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.ExponentialSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.InverseTimeSchedule;
import org.descent.optim.LearningRateSchedule;
import org.descent.optim.LinearSchedule;
import org.descent.optim.Momentum;
import org.descent.optim.Nesterov;
import org.descent.optim.Optimizer;
import org.descent.optim.RmsProp;
import org.descent.optim.Sgd;
import org.descent.optim.StepSchedule;
import org.descent.optim.WarmupSchedule;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The update rule's vocabulary, shared by {@code train}, {@code compare} and config files: the
 * optimizer and its settings, the learning-rate schedule and its settings, and gradient
 * clipping. Settings are optional; an absent one takes the paper default, and one given for a
 * rule it does not belong to (say {@code --momentum} with {@code --optimizer adam}) is refused,
 * because silently ignoring it would let a user believe it took effect.
 */
public final class OptimizerOptions {

    private static final String OPTIMIZERS = "sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw";
    private static final String SCHEDULES = "constant, step, exponential, linear, inverse-time";

    @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "NAME",
            description = "Update rule: " + OPTIMIZERS + " (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.1", paramLabel = "X",
            description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--momentum", paramLabel = "X", description = "momentum, nesterov: μ in [0,1) (default 0.9).")
    Double momentum;

    @Option(names = "--beta1", paramLabel = "X", description = "adam, adamw: β1 in [0,1) (default 0.9).")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "X", description = "adam, adamw: β2 in [0,1) (default 0.999).")
    Double beta2;

    @Option(names = "--eps", paramLabel = "X", description = "adagrad, rmsprop, adam, adamw: ε > 0 (default 1e-8).")
    Double eps;

    @Option(names = "--rho", paramLabel = "X", description = "rmsprop: ρ in [0,1) (default 0.9).")
    Double rho;

    @Option(names = "--weight-decay", paramLabel = "X", description = "adamw: decoupled weight decay λ >= 0 (default 0.01).")
    Double weightDecay;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "NAME",
            description = "Learning-rate schedule: " + SCHEDULES + " (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--gamma", paramLabel = "X",
            description = "step: factor per step (default 0.1); exponential: factor per iteration (default 0.99); "
                    + "inverse-time: lr/(1+γt) (default 0.01).")
    Double gamma;

    @Option(names = "--step-every", paramLabel = "K", description = "step: iterations between drops (required for step).")
    Integer stepEvery;

    @Option(names = "--final-lr", paramLabel = "X", description = "linear: rate reached at --max-iter (default 0).")
    Double finalLearningRate;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "W",
            description = "Linear warm-up over the first W iterations, before any schedule (default 0: none).")
    int warmup;

    @Option(names = "--clip-norm", defaultValue = "0", paramLabel = "C",
            description = "Rescale the gradient to norm C when it is longer; 0 turns clipping off (default).")
    double clipNorm;

    /** The update rule, with defaults for the settings not given. */
    public Optimizer optimizer() {
        String name = optimizer.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (name) {
                case "sgd" -> {
                    allowOnly("optimizer", name, optimizerSettings());
                    yield new Sgd();
                }
                case "momentum", "nesterov" -> {
                    allowOnly("optimizer", name, optimizerSettings(), "momentum");
                    double mu = or(momentum, Momentum.DEFAULT_MOMENTUM);
                    yield name.equals("momentum") ? new Momentum(mu) : new Nesterov(mu);
                }
                case "adagrad" -> {
                    allowOnly("optimizer", name, optimizerSettings(), "eps");
                    yield new AdaGrad(or(eps, AdaGrad.DEFAULT_EPS));
                }
                case "rmsprop" -> {
                    allowOnly("optimizer", name, optimizerSettings(), "rho", "eps");
                    yield new RmsProp(or(rho, RmsProp.DEFAULT_RHO), or(eps, AdaGrad.DEFAULT_EPS));
                }
                case "adam" -> {
                    allowOnly("optimizer", name, optimizerSettings(), "beta1", "beta2", "eps");
                    yield new Adam(or(beta1, Adam.DEFAULT_BETA1), or(beta2, Adam.DEFAULT_BETA2),
                            or(eps, AdaGrad.DEFAULT_EPS));
                }
                case "adamw" -> {
                    allowOnly("optimizer", name, optimizerSettings(), "beta1", "beta2", "eps", "weight-decay");
                    yield new AdamW(or(beta1, Adam.DEFAULT_BETA1), or(beta2, Adam.DEFAULT_BETA2),
                            or(eps, AdaGrad.DEFAULT_EPS), or(weightDecay, AdamW.DEFAULT_WEIGHT_DECAY));
                }
                default -> throw new UserInputException("optimizer: unknown value '" + optimizer + "'; allowed: " + OPTIMIZERS);
            };
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /**
     * The learning rate at each iteration. A linear decay runs over the iterations left after
     * the warm-up, so it reaches {@code --final-lr} as training ends.
     */
    public LearningRateSchedule schedule(int maxIterations) {
        String name = schedule.trim().toLowerCase(Locale.ROOT);
        try {
            LearningRateSchedule base = switch (name) {
                case "constant" -> {
                    allowOnly("schedule", name, scheduleSettings());
                    yield new ConstantSchedule(learningRate);
                }
                case "step" -> {
                    allowOnly("schedule", name, scheduleSettings(), "gamma", "step-every");
                    if (stepEvery == null) {
                        throw new UserInputException("step-every: required by schedule 'step' (iterations between drops)");
                    }
                    yield new StepSchedule(learningRate, or(gamma, 0.1), stepEvery);
                }
                case "exponential" -> {
                    allowOnly("schedule", name, scheduleSettings(), "gamma");
                    yield new ExponentialSchedule(learningRate, or(gamma, 0.99));
                }
                case "linear" -> {
                    allowOnly("schedule", name, scheduleSettings(), "final-lr");
                    yield new LinearSchedule(learningRate, or(finalLearningRate, 0.0), Math.max(1, maxIterations - warmup));
                }
                case "inverse-time" -> {
                    allowOnly("schedule", name, scheduleSettings(), "gamma");
                    yield new InverseTimeSchedule(learningRate, or(gamma, 0.01));
                }
                default -> throw new UserInputException("schedule: unknown value '" + schedule + "'; allowed: " + SCHEDULES);
            };
            if (warmup < 0) {
                throw new UserInputException("warmup: must be >= 0 iterations, got " + warmup);
            }
            return warmup == 0 ? base : new WarmupSchedule(warmup, base);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    public GradientClipping clipping() {
        if (clipNorm == 0) {
            return GradientClipping.OFF;
        }
        try {
            return new GradientClipping(clipNorm);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + " (0 turns clipping off)", e);
        }
    }

    /** The optimizer settings a user can give, by key; null where not given. */
    private Map<String, Object> optimizerSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("momentum", momentum);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("eps", eps);
        m.put("rho", rho);
        m.put("weight-decay", weightDecay);
        return m;
    }

    private Map<String, Object> scheduleSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gamma", gamma);
        m.put("step-every", stepEvery);
        m.put("final-lr", finalLearningRate);
        return m;
    }

    /** Refuses any given setting outside {@code allowed} for the chosen optimizer or schedule. */
    private static void allowOnly(String kind, String name, Map<String, Object> given, String... allowed) {
        List<String> ok = List.of(allowed);
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (e.getValue() != null && !ok.contains(e.getKey())) {
                throw new UserInputException(e.getKey() + ": not a setting of " + kind + " '" + name + "'; its settings: "
                        + (ok.isEmpty() ? "none" : String.join(", ", ok)));
            }
        }
    }

    private static double or(Double given, double fallback) {
        return given != null ? given : fallback;
    }
}
