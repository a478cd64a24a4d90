package org.descent.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An entry of a registry that a user chooses by name and configures by settings: an
 * {@link UpdateRule} or a {@link ScheduleKind}.
 */
public interface NamedChoice {

    /** The name on the command line and in files, e.g. {@code "adam"}. */
    String spelling();

    /** The settings this choice takes, in declaration order. */
    List<Hyperparameter> settings();

    /**
     * The one of {@code choices} spelled {@code text} (any case, surrounding spaces ignored); a
     * refusal names the {@code option} and what is allowed.
     */
    static <C extends NamedChoice> C named(C[] choices, String option, String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(choices).filter(choice -> choice.spelling().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(option + ": unknown value '" + text + "'; allowed: "
                        + allowed(choices)));
    }

    /** Every choice's spelling, comma-separated, in order. */
    static String allowed(NamedChoice[] choices) {
        return Arrays.stream(choices).map(NamedChoice::spelling).collect(Collectors.joining(", "));
    }
}
