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
     * @param sequential train the trials one after another, each as {@code descent train} would
     */
    public static TrialRunner create(JavaSparkContext sc, LoadedData training, LoadedData validation,
                                     List<TrainingConfig> configs, ValidationSettings settings, boolean sequential) {
        return new SequentialTrialRunner(sc, training, validation, configs, settings);
    }
}
