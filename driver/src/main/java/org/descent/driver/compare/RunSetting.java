package org.descent.driver.compare;

import org.descent.driver.train.TrainingConfig;

/**
 * One named setting of a comparison: the name the user gave it, the options it was given in
 * their own words (for the report), and the validated configuration they make together with
 * the shared options.
 *
 * @param arguments the run's own options as written, e.g. {@code --batch size=256 --optimizer adam}
 */
public record RunSetting(String name, String arguments, TrainingConfig config) {
}
