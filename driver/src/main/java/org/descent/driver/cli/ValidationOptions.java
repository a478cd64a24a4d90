package org.descent.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.UserInputException;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.load.ValidationSplit;
import org.descent.driver.train.ValidationSettings;
import org.descent.sampling.HoldOutRule;
import picocli.CommandLine.Option;

/**
 * {@code train}'s validation options: which rows to score during training (a file of their
 * own, or a fraction held out of the training data), how often, and when to stop early.
 */
public final class ValidationOptions {

    @Option(names = "--validation", paramLabel = "PATH",
            description = "Validation data in the format of --data, scored during training (not trained on).")
    String validation;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = "Hold out about a fraction F (0 < F < 1) of the training rows as validation data, each row "
                    + "by a hash of --seed and its position in the input, so any partitioning holds out the same rows.")
    Double fraction;

    @Option(names = "--validate-every", paramLabel = "N",
            description = "Score the validation rows after every N-th iteration (default "
                    + ValidationSettings.DEFAULT_EVERY + ").")
    Integer every;

    @Option(names = "--early-stop-patience", paramLabel = "P",
            description = "Stop after P evaluations in a row without a better validation loss, and write the best "
                    + "evaluation's model; 0 never stops (default).")
    Integer patience;

    @Option(names = "--early-stop-min-delta", paramLabel = "D",
            description = "An evaluation improves only when its validation loss is below the best by more than D "
                    + "(default 0).")
    Double minDelta;

    /** Whether the run scores validation rows. */
    public boolean isOn() {
        return validation != null || fraction != null;
    }

    /** Checks the options alone; each problem names its option. */
    public void check() {
        if (validation != null && fraction != null) {
            throw new UserInputException("validation-fraction: give either --validation PATH or --validation-fraction F, "
                    + "not both");
        }
        if (fraction != null) {
            holdOut(0);
        }
        ValidationSettings.given(isOn(), every, patience, minDelta);
    }

    /** The held-out rows' rule for a run seeded with {@code seed}; null with --validation. */
    public HoldOutRule holdOut(long seed) {
        return fraction == null ? null : ValidationSettings.holdOut(seed, fraction);
    }

    /**
     * The rows to train on and the rows to score: {@code loaded} and {@code --validation}'s
     * file, or {@code loaded} split by {@link #holdOut}; {@code loaded} alone (validation null)
     * when off. Either side without a row is refused.
     */
    ValidationSplit.Parts split(JavaSparkContext sc, DataSource source, LoadedData loaded, long seed) {
        if (!isOn()) {
            return new ValidationSplit.Parts(loaded, null);
        }
        ValidationSplit.Parts parts = validation != null
                ? new ValidationSplit.Parts(loaded, DataLoader.load(sc, source.heldOut(validation, loaded.numFeatures())))
                : ValidationSplit.split(sc, loaded, holdOut(seed));
        if (parts.validation().numRows() == 0 || parts.training().numRows() == 0) {
            throw new UserInputException((validation != null ? "validation: " : "validation-fraction: ")
                    + "the validation rows number " + parts.validation().numRows() + " and the training rows "
                    + parts.training().numRows() + "; each needs at least one");
        }
        return parts;
    }

    /** How often to score and when to stop; only when {@link #isOn()}. */
    public ValidationSettings settings() {
        return ValidationSettings.given(true, every, patience, minDelta);
    }

    /** The validation rows as summary.json names them. */
    String describe() {
        return validation != null ? validation : "fraction " + fraction + " of --data";
    }
}
