package org.descent.driver.cli;

import org.apache.hadoop.conf.Configuration;
import org.descent.driver.UserInputException;
import org.descent.driver.checkpoint.Checkpoint;
import org.descent.driver.checkpoint.CheckpointStore;
import org.descent.driver.checkpoint.RunIdentity;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.ProtectedPath;
import org.descent.driver.train.SnapshotSchedule;
import org.descent.driver.train.TrainingState;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;

/** {@code train}'s checkpoint options: where and how often to save, and where to resume from. */
public final class CheckpointOptions {

    /** Iterations between checkpoints when only a directory is given. */
    public static final int DEFAULT_EVERY = 10;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Save a checkpoint (parameters, optimizer state, iteration, sampling state, config) "
                    + "in DIR, any Hadoop path, every --checkpoint-every iterations and at the end.")
    String checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "K",
            description = "Iterations between checkpoints (default " + DEFAULT_EVERY + "); needs --checkpoint-dir or --resume.")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue from the newest checkpoint in DIR, to the same --max-iter; later checkpoints go "
                    + "to DIR too unless --checkpoint-dir says otherwise.")
    String resume;

    /** Where a run starts and which snapshots it saves. */
    public record Plan(TrainingState start, SnapshotSchedule snapshots, Checkpoint resumedFrom) {
    }

    /**
     * Resolves the options for {@code run}: the newest checkpoint of {@code --resume} if it
     * matches the run (otherwise an error naming every difference), else {@code fresh}; and a
     * schedule that writes checkpoints into the checkpoint directory.
     */
    public Plan plan(RunIdentity run, TrainingState fresh, Configuration conf, boolean overwrite, PrintStream console) {
        check();
        String writeDir = checkpointDir != null ? checkpointDir : resume;
        int every = checkpointEvery == null ? DEFAULT_EVERY : checkpointEvery;
        TrainingState start = fresh;
        Checkpoint resumed = null;
        if (resume != null) {
            resumed = new CheckpointStore(resume, conf).newest().orElseThrow(this::noCheckpoint);
            List<String> differences = resumed.run().differencesFrom(run);
            if (!differences.isEmpty()) {
                throw new UserInputException("cannot resume from " + resumed.location() + ": it belongs to another run ("
                        + String.join("; ", differences) + ")");
            }
            start = resumed.state();
        }
        if (writeDir == null) {
            return new Plan(start, SnapshotSchedule.NONE, resumed);
        }
        CheckpointStore store = new CheckpointStore(writeDir, conf);
        if (resume == null) {
            refuseOldCheckpoints(store, overwrite);
        }
        return new Plan(start, new SnapshotSchedule(every, state -> {
            Checkpoint written = store.write(run, state);
            console.println("descent: checkpoint after iteration " + written.iteration() + ": " + written.location());
            console.flush();
        }), resumed);
    }

    /**
     * Everything that can be checked before any data is loaded: the options, that the
     * checkpoint directory does not overlap {@code inputs}, that {@code --resume} has a
     * checkpoint, and that a fresh run does not mix its checkpoints with an earlier run's.
     */
    public void checkBeforeLoading(Configuration conf, boolean overwrite, List<ProtectedPath> inputs) {
        check();
        String writeDir = checkpointDir != null ? checkpointDir : resume;
        if (writeDir == null) {
            return;
        }
        new OutputTarget(checkpointDir != null ? "--checkpoint-dir" : "--resume", writeDir, CheckpointStore.OUTPUT,
                overwrite).refuseOverlaps(conf, inputs);
        if (resume != null) {
            if (new CheckpointStore(resume, conf).iterations().isEmpty()) {
                throw noCheckpoint();
            }
        } else if (!overwrite) {
            refuseOldCheckpoints(new CheckpointStore(writeDir, conf), false);
        }
    }

    private UserInputException noCheckpoint() {
        return new UserInputException("resume: no checkpoint in " + resume + " (a run writes them with --checkpoint-dir)");
    }

    /** Checks the options alone. */
    public void check() {
        if (checkpointEvery != null && checkpointDir == null && resume == null) {
            throw new UserInputException("checkpoint-every: needs --checkpoint-dir DIR (or --resume DIR)");
        }
        if (checkpointEvery != null && checkpointEvery < 1) {
            throw new UserInputException("checkpoint-every must be >= 1, got " + checkpointEvery);
        }
    }

    /** A fresh run must not mix its checkpoints with another run's. */
    private static void refuseOldCheckpoints(CheckpointStore store, boolean overwrite) {
        List<Integer> existing = store.iterations();
        if (existing.isEmpty()) {
            return;
        }
        if (overwrite) {
            store.clear();
            return;
        }
        throw new UserInputException("checkpoint-dir " + store.directory() + " already holds checkpoints (newest after "
                + existing.get(existing.size() - 1) + " iterations): continue with --resume " + store.directory()
                + ", or pass --overwrite to start over");
    }
}
