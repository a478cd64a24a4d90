package org.descent.driver.checkpoint;

import org.apache.hadoop.conf.Configuration;
import org.descent.driver.UserInputException;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.ProtectedPath;
import org.descent.driver.train.SnapshotSchedule;
import org.descent.driver.train.TrainingState;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where and how often a run saves checkpoints, and where it resumes from, as {@code train}'s
 * options and the spark.ml estimators' params give them; the checks and the plan of a run are
 * the same for both, and so are their messages, which name the command-line keys.
 *
 * @param checkpointDir   where to save checkpoints, any Hadoop path; null for none
 * @param checkpointEvery iterations between checkpoints; null for {@link #DEFAULT_EVERY}
 * @param resume          the directory whose newest checkpoint the run continues from; null
 *                        for a fresh run
 */
public record CheckpointSettings(String checkpointDir, Integer checkpointEvery, String resume) {

    /** Iterations between checkpoints when only a directory is given. */
    public static final int DEFAULT_EVERY = 10;

    /** No checkpoints, a fresh run. */
    public static final CheckpointSettings NONE = new CheckpointSettings(null, null, null);

    /** Where a run starts and which snapshots it saves. */
    public record Plan(TrainingState start, SnapshotSchedule snapshots, Checkpoint resumedFrom) {
    }

    /**
     * Resolves the settings for {@code run}: the newest checkpoint of {@code --resume} if it
     * matches the run (otherwise an error naming every difference), else {@code fresh}; and a
     * schedule that writes checkpoints into the checkpoint directory, telling {@code notices} of
     * each one written.
     */
    public Plan plan(RunIdentity run, TrainingState fresh, Configuration conf, boolean overwrite,
                     Consumer<String> notices) {
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
            notices.accept("descent: checkpoint after iteration " + written.iteration() + ": " + written.location());
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

    /** Checks the settings alone. */
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
