package org.descent.driver.tune;

import org.descent.driver.UserInputException;
import org.descent.driver.train.TrainingSettings;
import org.descent.optim.Hyperparameter;
import org.descent.optim.HyperparameterIndex;
import org.descent.optim.ScheduleKind;
import org.descent.optim.UpdateRule;
import org.descent.optim.ValueRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What a search varies: {@code --search 'lr=logu:1e-4:1,reg-l2=logu:1e-6:1e-1,optimizer=adam|nesterov'},
 * one {@code KEY=VALUES} per training setting, keys spelled as {@code descent train}'s options
 * without the dashes, values as a {@link SearchDomain}. A comma separates settings only where
 * the next one starts ({@code KEY=}), so a network's widths keep theirs:
 * {@code layers=64|128,64} is the choice of one hidden layer of 64 or two of 128 and 64.
 *
 * <p>A setting of an update rule or a schedule ({@code momentum}, {@code beta1},
 * {@code gamma}) goes only to the trials whose optimizer or schedule takes it, when the search
 * varies the optimizer or schedule: {@code optimizer=adam|nesterov,momentum=u:0.8:0.99} gives
 * momentum to the nesterov trials and none to the adam ones (their row shows it empty). The
 * same holds for such a setting given outside the search. A setting that no optimizer or
 * schedule of the search takes is refused.
 *
 * <p>Not searched: {@code model} (a search fits one family), {@code max-iter} (the search's
 * budget) and {@code seed} (it also picks the validation rows, which every trial shares).
 */
public final class SearchSpace {

    /** One searched setting. */
    public record Dimension(String key, SearchDomain domain) {
    }

    /** Settings a search holds fixed, with why. */
    private static final Map<String, String> FIXED = Map.of(
            TrainingSettings.MODEL, "a search fits one model family; give it as --model",
            TrainingSettings.MAX_ITER, "it is the search's budget; give it as --max-iter",
            TrainingSettings.SEED, "it also picks the validation rows every trial is scored on; give it as --seed");

    /** A comma that starts the next {@code KEY=}. */
    private static final Pattern NEXT_SETTING = Pattern.compile(",(?=\\s*[a-z][a-z0-9-]*\\s*=)");

    private final List<Dimension> dimensions;

    private SearchSpace(List<Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The searched keys, in the order given. */
    public List<String> keys() {
        return dimensions.stream().map(Dimension::key).toList();
    }

    /**
     * Parses {@code --search}; every refusal starts {@code search: KEY:} (or {@code search:}
     * for the whole text) and says what is allowed.
     */
    public static SearchSpace parse(String text) {
        if (text == null || text.isBlank()) {
            throw new UserInputException("search: give at least one KEY=VALUES, e.g. 'lr=logu:1e-4:1,optimizer=adam|sgd'");
        }
        List<Dimension> dimensions = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : NEXT_SETTING.split(text.trim())) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new UserInputException("search: '" + part.trim() + "' is not KEY=VALUES (KEY a training setting, "
                        + "VALUES logu:LO:HI, u:LO:HI, a|b|c or one value)");
            }
            String key = part.substring(0, eq).trim();
            String values = part.substring(eq + 1).trim();
            checkKey(key);
            if (!seen.add(key)) {
                throw new UserInputException("search: " + key + ": given twice");
            }
            dimensions.add(new Dimension(key, domain(key, values)));
        }
        return new SearchSpace(dimensions);
    }

    private static void checkKey(String key) {
        if (FIXED.containsKey(key)) {
            throw new UserInputException("search: " + key + ": not searched, " + FIXED.get(key));
        }
        if (TrainingSettings.type(key) == null) {
            Set<String> searchable = new TreeSet<>(TrainingSettings.keys());
            searchable.removeAll(FIXED.keySet());
            throw new UserInputException("search: " + key + ": not a training setting; searchable: "
                    + String.join(", ", searchable));
        }
    }

    private static SearchDomain domain(String key, String values) {
        String lower = values.toLowerCase(Locale.ROOT);
        boolean log = lower.startsWith("logu:");
        if (log || lower.startsWith("u:")) {
            return range(key, values, log);
        }
        List<String> choices = Arrays.stream(values.split("\\|", -1)).map(String::trim).toList();
        if (choices.stream().anyMatch(String::isEmpty)) {
            throw new UserInputException("search: " + key + ": an empty value in '" + values
                    + "'; give a|b|c, one value, logu:LO:HI or u:LO:HI");
        }
        for (String choice : choices) {
            typed(key, choice);
        }
        if (new LinkedHashSet<>(choices).size() != choices.size()) {
            throw new UserInputException("search: " + key + ": a value is listed twice in '" + values + "'");
        }
        return new SearchDomain.Choice(choices);
    }

    private static SearchDomain range(String key, String values, boolean log) {
        boolean whole = counts(key);
        Class<?> type = TrainingSettings.type(key);
        if (!whole && type != Double.class && type != Number.class) {
            throw new UserInputException("search: " + key + ": takes " + (type == Boolean.class ? "true or false"
                    : "names") + ", not a range; give a choice such as a|b");
        }
        String form = log ? "logu:LO:HI" : "u:LO:HI";
        String[] parts = values.split(":", -1);
        double lo;
        double hi;
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            lo = Double.parseDouble(parts[1].trim());
            hi = Double.parseDouble(parts[2].trim());
        } catch (NumberFormatException e) {
            throw new UserInputException("search: " + key + ": '" + values + "' is not " + form
                    + " with numbers LO and HI");
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi) || (log && !(lo > 0))) {
            throw new UserInputException("search: " + key + ": " + form + " needs " + (log ? "0 < LO < HI" : "LO < HI")
                    + ", got '" + values + "'");
        }
        if (whole && (lo != Math.rint(lo) || hi != Math.rint(hi))) {
            throw new UserInputException("search: " + key + ": counts whole iterations or units; " + form
                    + " needs whole numbers, got '" + values + "'");
        }
        return new SearchDomain.Range(log, lo, hi, whole, values);
    }

    /** Whether {@code key} takes whole numbers. */
    private static boolean counts(String key) {
        Class<?> type = TrainingSettings.type(key);
        if (type == Integer.class || type == Long.class) {
            return true;
        }
        return type == Number.class && HyperparameterIndex.declarations(key).keySet().stream()
                .allMatch(h -> h.range() == ValueRange.COUNT);
    }

    /** {@code text} as {@link TrainingSettings#set} takes it for {@code key}; a refusal names the key. */
    static Object typed(String key, String text) {
        Class<?> type = TrainingSettings.type(key);
        try {
            if (type == String.class) {
                return text;
            }
            if (type == Boolean.class) {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new NumberFormatException();
                }
                return Boolean.parseBoolean(text);
            }
            if (type == Long.class) {
                return Long.parseLong(text);
            }
            if (counts(key)) {
                return Integer.parseInt(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            String wanted = type == Boolean.class ? "true or false" : counts(key) ? "a whole number" : "a number";
            throw new UserInputException("search: " + key + ": '" + text + "' is not " + wanted);
        }
    }

    /**
     * {@code count} trials drawn at random, each setting independently, from a stream seeded
     * by {@code seed}: the same seed draws the same trials.
     */
    public List<Map<String, String>> sample(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, String>> trials = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Dimension d : dimensions) {
                values.put(d.key(), d.domain().draw(random));
            }
            trials.add(values);
        }
        return trials;
    }

    /**
     * Every combination of the settings' choices, the last setting varying fastest. A range
     * has no finite list of values and is refused: a grid's points in a range would be a
     * guess of this class, and random search covers a range better than a grid does.
     */
    public List<Map<String, String>> grid() {
        List<Map<String, String>> trials = new ArrayList<>();
        trials.add(new LinkedHashMap<>());
        for (Dimension d : dimensions) {
            List<String> choices = d.domain().choices();
            if (choices == null) {
                throw new UserInputException("search: " + d.key() + ": '" + d.domain().spelling() + "' is a range; "
                        + "--grid takes choices a|b|c only (or leave out --grid to sample the range)");
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> trial : trials) {
                for (String choice : choices) {
                    Map<String, String> more = new LinkedHashMap<>(trial);
                    more.put(d.key(), choice);
                    next.add(more);
                }
            }
            trials = next;
        }
        return trials;
    }

    /**
     * The trials' configurations: {@code base} (the command's own settings, fresh for each
     * call) with each trial's values over them, a rule's or schedule's settings kept only for
     * the trials whose choice takes them. A trial's configuration is checked as
     * {@code descent train} checks its own; a refusal starts {@code search:} and names the
     * trial. A range is also checked at both its ends, so that a refusal does not depend on
     * what the draw happened to miss.
     */
    public List<Trial> trials(List<Map<String, String>> values, Supplier<TrainingSettings> base) {
        checkSomeChoiceTakes(base.get());
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            trials.add(trial(i + 1, values.get(i), base));
        }
        for (Dimension d : dimensions) {
            if (d.domain() instanceof SearchDomain.Range range) {
                trials.stream().filter(t -> t.values().containsKey(d.key())).findFirst().ifPresent(t -> {
                    for (double end : new double[]{range.lo(), range.hi()}) {
                        Map<String, String> atEnd = new LinkedHashMap<>(t.values());
                        atEnd.put(d.key(), range.whole() ? Long.toString((long) end) : Hyperparameter.format(end));
                        trial(t.id(), atEnd, base);
                    }
                });
            }
        }
        return trials;
    }

    private Trial trial(int id, Map<String, String> given, Supplier<TrainingSettings> base) {
        TrainingSettings settings = base.get();
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            settings.set(e.getKey(), typed(e.getKey(), e.getValue()));
        }
        String optimizer = chosen(settings, TrainingSettings.OPTIMIZER, UpdateRule.DEFAULT.spelling());
        String schedule = chosen(settings, TrainingSettings.SCHEDULE, ScheduleKind.DEFAULT.spelling());
        boolean optimizerVaries = keys().contains(TrainingSettings.OPTIMIZER);
        boolean scheduleVaries = keys().contains(TrainingSettings.SCHEDULE);
        Set<String> leftOut = new LinkedHashSet<>();
        for (String key : HyperparameterIndex.keys()) {
            List<String> owners = owners(key);
            boolean ruleSetting = Arrays.stream(UpdateRule.values()).anyMatch(r -> owners.contains(r.spelling()));
            boolean varies = ruleSetting ? optimizerVaries : scheduleVaries;
            if (varies && !owners.contains(optimizer) && !owners.contains(schedule) && settings.get(key) != null) {
                settings.set(key, null);
                if (!given.containsKey(key)) {
                    leftOut.add(key);
                }
            }
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (settings.get(e.getKey()) != null) {
                kept.put(e.getKey(), e.getValue());
            }
        }
        try {
            return new Trial(id, kept, settings.toConfig(), leftOut);
        } catch (UserInputException e) {
            throw new UserInputException("search: " + e.getMessage() + " (trial " + id + ": " + describe(kept) + ")", e);
        }
    }

    /** Refuses a searched setting of rules or schedules that none the search can choose takes. */
    private void checkSomeChoiceTakes(TrainingSettings base) {
        Set<String> choosable = new LinkedHashSet<>();
        for (String key : List.of(TrainingSettings.OPTIMIZER, TrainingSettings.SCHEDULE)) {
            String byDefault = key.equals(TrainingSettings.OPTIMIZER) ? UpdateRule.DEFAULT.spelling()
                    : ScheduleKind.DEFAULT.spelling();
            Dimension searched = dimensions.stream().filter(d -> d.key().equals(key)).findFirst().orElse(null);
            if (searched == null) {
                choosable.add(chosen(base, key, byDefault));
            } else if (searched.domain().choices() != null) {
                searched.domain().choices().forEach(c -> choosable.add(c.trim().toLowerCase(Locale.ROOT)));
            }
        }
        for (Dimension d : dimensions) {
            List<String> owners = owners(d.key());
            if (!owners.isEmpty() && owners.stream().noneMatch(choosable::contains)) {
                throw new UserInputException("search: " + d.key() + ": a setting of " + String.join(", ", owners)
                        + "; no optimizer or schedule of this search (" + String.join(", ", choosable) + ") takes it");
            }
        }
    }

    /** The spellings of the rules and schedules that take {@code key}; empty for other settings. */
    private static List<String> owners(String key) {
        return HyperparameterIndex.declarations(key).values().stream().flatMap(List::stream).toList();
    }

    private static String chosen(TrainingSettings settings, String key, String byDefault) {
        Object name = settings.get(key);
        return name == null ? byDefault : name.toString().trim().toLowerCase(Locale.ROOT);
    }

    /** {@code lr=0.01 optimizer=adam}, as messages and tables show a trial. */
    public static String describe(Map<String, String> values) {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return s.toString();
    }
}
