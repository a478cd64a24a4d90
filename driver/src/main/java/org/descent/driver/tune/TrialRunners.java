package org.descent.driver.tune;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.driver.load.LoadedData;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.ValidationSettings;

import java.util.List;

/** The one place a search chooses how its trials train. */
public final class TrialRunners {

    private TrialRunners() {
    }

    /**
     * A runner of {@code configs} on {@code training}, each scored on {@code validation} as
     * {@code settings} say.
     *
     * <p>Trials that share their batch sampling train as groups ({@link GroupedTrialRunner}),
     * as many to a group as memory allows ({@link GroupSize#of}); either way each ends with the
     * model {@code descent train} gives its configuration, bit for bit.
     *
     * @param sequential train the trials one after another, each with rounds of its own
     */
    public static TrialRunner create(JavaSparkContext sc, LoadedData training, LoadedData validation,
                                     List<TrainingConfig> configs, ValidationSettings settings, boolean sequential) {
        return GroupedTrialRunner.prepare(sc, training, configs, validation, settings,
                sequential ? GroupSize.ONE : GroupSize.of(sc, training.numPartitions()));
    }
}
