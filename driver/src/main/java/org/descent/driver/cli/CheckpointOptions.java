package org.descent.driver.cli;

import org.descent.driver.checkpoint.CheckpointSettings;
import picocli.CommandLine.Option;

/**
 * {@code train}'s checkpoint options: where and how often to save, and where to resume from.
 * Their checks and the run's plan are {@link CheckpointSettings}'.
 */
public final class CheckpointOptions {

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Save a checkpoint (parameters, optimizer state, iteration, sampling state, config) "
                    + "in DIR, any Hadoop path, every --checkpoint-every iterations and at the end.")
    String checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "K",
            description = "Iterations between checkpoints (default " + CheckpointSettings.DEFAULT_EVERY + "); needs --checkpoint-dir or --resume.")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue from the newest checkpoint in DIR, to the same --max-iter; later checkpoints go "
                    + "to DIR too unless --checkpoint-dir says otherwise.")
    String resume;

    /** The options' values. */
    public CheckpointSettings settings() {
        return new CheckpointSettings(checkpointDir, checkpointEvery, resume);
    }
}
