package org.descent.driver.tune;

import org.descent.driver.train.TrainingConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One configuration of a search: its number (from 1, in the order drawn), the searched
 * settings it was given (as the user would type them; a setting its optimizer or schedule
 * does not take is absent), in the search's order, and the configuration those make with the command's own settings.
 */
public record Trial(int id, Map<String, String> values, TrainingConfig config, Set<String> leftOut) {

    public Trial {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        leftOut = Set.copyOf(leftOut);
    }

    /** A trial that leaves out none of the command's own settings. */
    public Trial(int id, Map<String, String> values, TrainingConfig config) {
        this(id, values, config, Set.of());
    }
}
