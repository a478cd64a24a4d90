package org.descent.driver.cli;

import org.descent.driver.UserInputException;
import org.descent.optim.GradientClipping;
import org.descent.optim.LearningRateSchedule;
import org.descent.optim.Optimizer;
import org.descent.optim.ScheduleKind;
import org.descent.optim.UpdateRule;
import org.descent.optim.WarmupSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The update rule's vocabulary, shared by {@code train}, {@code compare} and config files: the
 * optimizer and its settings, the learning-rate schedule and its settings, and gradient
 * clipping. Names, settings, defaults and ranges come from the registries ({@link UpdateRule},
 * {@link ScheduleKind}), which also build the rule and refuse a setting given for a rule it does
 * not belong to (say {@code --momentum} with {@code --optimizer adam}), because silently
 * ignoring it would let a user believe it took effect. The options' help text is generated
 * from the same registries by {@link OptimizerOptionsHelp}; an option left out here is null
 * when not given, so the registry's default applies.
 */
@Command(resourceBundle = "org.descent.driver.cli.OptimizerOptionsHelp")
public final class OptimizerOptions {

    @Option(names = "--optimizer", paramLabel = "NAME")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "X")
    Double momentum;

    @Option(names = "--beta1", paramLabel = "X")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "X")
    Double beta2;

    @Option(names = "--eps", paramLabel = "X")
    Double eps;

    @Option(names = "--rho", paramLabel = "X")
    Double rho;

    @Option(names = "--weight-decay", paramLabel = "X")
    Double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME")
    String schedule;

    @Option(names = "--gamma", paramLabel = "X")
    Double gamma;

    @Option(names = "--step-every", paramLabel = "K")
    Integer stepEvery;

    @Option(names = "--final-lr", paramLabel = "X")
    Double finalLearningRate;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "W",
            description = "Linear warm-up over the first W iterations, before any schedule (default 0: none).")
    int warmup;

    @Option(names = "--clip-norm", defaultValue = "0", paramLabel = "C",
            description = "Rescale the gradient to norm C when it is longer; 0 turns clipping off (default).")
    double clipNorm;

    /** The update rule, with defaults for the settings not given. */
    public Optimizer optimizer() {
        try {
            UpdateRule rule = optimizer == null ? UpdateRule.DEFAULT : UpdateRule.named(optimizer);
            return rule.create(optimizerSettings());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /**
     * The learning rate at each iteration. A linear decay runs over the iterations left after
     * the warm-up, so it reaches {@code --final-lr} as training ends.
     */
    public LearningRateSchedule schedule(int maxIterations) {
        try {
            ScheduleKind kind = schedule == null ? ScheduleKind.DEFAULT : ScheduleKind.named(schedule);
            double rate = learningRate == null ? ScheduleKind.LEARNING_RATE.byDefault() : learningRate;
            LearningRateSchedule base = kind.create(rate, scheduleSettings(), Math.max(1, maxIterations - warmup));
            if (warmup < 0) {
                throw new UserInputException(WarmupSchedule.WARMUP + ": must be >= 0 iterations, got " + warmup);
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
    private Map<String, Number> optimizerSettings() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("momentum", momentum);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("eps", eps);
        m.put("rho", rho);
        m.put("weight-decay", weightDecay);
        return m;
    }

    private Map<String, Number> scheduleSettings() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("gamma", gamma);
        m.put("step-every", stepEvery);
        m.put("final-lr", finalLearningRate);
        return m;
    }
}
