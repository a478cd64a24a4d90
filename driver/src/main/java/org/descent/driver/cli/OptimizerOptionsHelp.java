package org.descent.driver.cli;

import org.descent.optim.HyperparameterIndex;
import org.descent.optim.ScheduleKind;
import org.descent.optim.UpdateRule;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.ListResourceBundle;
import java.util.Map;

/**
 * The help text of {@link OptimizerOptions}, generated from the registries so that the names,
 * ranges and defaults {@code --help} prints are the ones the code uses; picocli reads it as the
 * options' resource bundle, by option name without dashes. A setting several rules share is
 * described once when they agree on it ({@code "momentum, nesterov: momentum μ in [0, 1)
 * (default 0.9)"}), once per rule where they do not ({@code --gamma}).
 */
public final class OptimizerOptionsHelp extends ListResourceBundle {

    @Override
    protected Object[][] getContents() {
        Map<String, String> help = new LinkedHashMap<>();
        help.put("optimizer", "Update rule: " + UpdateRule.allowed() + " (default: " + UpdateRule.DEFAULT.spelling() + ").");
        help.put(ScheduleKind.LEARNING_RATE.key(), sentence(ScheduleKind.LEARNING_RATE.describe()));
        Arrays.stream(UpdateRule.values()).flatMap(rule -> rule.settings().stream())
                .forEach(setting -> help.putIfAbsent(setting.key(), describe(setting.key())));
        help.put("schedule", "Learning-rate schedule: " + ScheduleKind.allowed() + " (default: "
                + ScheduleKind.DEFAULT.spelling() + ").");
        Arrays.stream(ScheduleKind.values()).flatMap(kind -> kind.settings().stream())
                .forEach(setting -> help.putIfAbsent(setting.key(), describe(setting.key())));
        return help.entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toArray(Object[][]::new);
    }

    /** One key's description across every rule and schedule that takes it, grouped where they agree. */
    static String describe(String key) {
        return HyperparameterIndex.describe(key);
    }

    private static String sentence(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
