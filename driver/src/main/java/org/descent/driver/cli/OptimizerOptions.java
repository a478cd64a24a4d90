package org.descent.driver.cli;

import org.descent.driver.train.TrainingSettings;
import org.descent.optim.Adam;
import org.descent.optim.AdamW;
import org.descent.optim.LinearSchedule;
import org.descent.optim.Momentum;
import org.descent.optim.RmsProp;
import org.descent.optim.ScheduleKind;
import org.descent.optim.StepSchedule;
import org.descent.optim.UpdateRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The update rule's vocabulary, shared by {@code train}, {@code compare} and config files: the
 * optimizer and its settings, the learning-rate schedule and its settings, and gradient
 * clipping. Names, settings, defaults and ranges come from the registries ({@link UpdateRule},
 * {@link ScheduleKind}), which also build the rule (through {@link TrainingSettings}) and refuse
 * a setting given for a rule it does not belong to (say {@code --momentum} with {@code --optimizer adam}), because silently
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

    @Option(names = "--warmup", defaultValue = "" + TrainingSettings.DEFAULT_WARMUP, paramLabel = "W",
            description = "Linear warm-up over the first W iterations, before any schedule (default 0: none).")
    int warmup;

    @Option(names = "--clip-norm", defaultValue = "" + TrainingSettings.DEFAULT_CLIP_NORM, paramLabel = "C",
            description = "Rescale the gradient to norm C when it is longer; 0 turns clipping off (default).")
    double clipNorm;

    /**
     * Gives {@code settings} what these options hold: the optimizer and schedule named and the
     * settings given (the others stay absent, so the registry's defaults apply), the warm-up
     * and the clipping norm.
     */
    void addTo(TrainingSettings settings) {
        settings.set(TrainingSettings.OPTIMIZER, optimizer)
                .set(ScheduleKind.LEARNING_RATE.key(), learningRate)
                .set(Momentum.MOMENTUM.key(), momentum)
                .set(Adam.BETA1.key(), beta1)
                .set(Adam.BETA2.key(), beta2)
                .set(Adam.EPS.key(), eps)
                .set(RmsProp.RHO.key(), rho)
                .set(AdamW.WEIGHT_DECAY.key(), weightDecay)
                .set(TrainingSettings.SCHEDULE, schedule)
                .set(StepSchedule.GAMMA.key(), gamma)
                .set(StepSchedule.STEP_EVERY.key(), stepEvery)
                .set(LinearSchedule.FINAL_LR.key(), finalLearningRate)
                .set(TrainingSettings.WARMUP, warmup)
                .set(TrainingSettings.CLIP_NORM, clipNorm);
    }
}
