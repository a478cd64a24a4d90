package org.descent.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every setting key of both registries ({@link UpdateRule}, {@link ScheduleKind}) with the
 * rules and schedules that take it. Several may take one key ({@code eps}, {@code gamma}), and
 * they may or may not agree on its meaning, range and default: a front end with one option or
 * param per key (the command line, spark.ml) asks here what it can say about the key before
 * the rule or schedule is chosen.
 */
public final class HyperparameterIndex {

    private HyperparameterIndex() {
    }

    /**
     * Every key, each once, in the registries' order (update rules first):
     * {@code momentum, eps, rho, beta1, beta2, weight-decay, gamma, step-every, final-lr}.
     */
    public static List<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        choices().flatMap(choice -> choice.settings().stream()).forEach(s -> keys.add(s.key()));
        return List.copyOf(keys);
    }

    /** The keys of the update rules' settings only, each once, in the registry's order. */
    public static List<String> optimizerKeys() {
        return Arrays.stream(UpdateRule.values()).flatMap(rule -> rule.settings().stream()).map(Hyperparameter::key)
                .distinct().toList();
    }

    /** Each distinct declaration of {@code key}, with the spellings of the rules and schedules that take it. */
    public static Map<Hyperparameter, List<String>> declarations(String key) {
        Map<Hyperparameter, List<String>> owners = new LinkedHashMap<>();
        choices().forEach(choice -> choice.settings().stream().filter(s -> s.key().equals(key))
                .forEach(s -> owners.computeIfAbsent(s, k -> new ArrayList<>()).add(choice.spelling())));
        return owners;
    }

    /**
     * The one declaration of {@code key} when every rule and schedule that takes it declares it
     * alike (meaning, range and default), so one default and one range hold whatever is
     * chosen; empty when they differ ({@code gamma}).
     */
    public static Optional<Hyperparameter> shared(String key) {
        Map<Hyperparameter, List<String>> declarations = declarations(key);
        return declarations.size() == 1 ? Optional.of(declarations.keySet().iterator().next()) : Optional.empty();
    }

    /**
     * One key's description across every rule and schedule that takes it, grouped where they
     * agree: {@code "momentum, nesterov: momentum μ in [0, 1) (default 0.9)."}.
     */
    public static String describe(String key) {
        return declarations(key).entrySet().stream()
                .map(e -> String.join(", ", e.getValue()) + ": " + e.getKey().describe())
                .collect(Collectors.joining("; ", "", "."));
    }

    private static Stream<NamedChoice> choices() {
        return Stream.concat(Arrays.stream(UpdateRule.values()), Arrays.stream(ScheduleKind.values()));
    }
}
