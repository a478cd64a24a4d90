package org.descent.driver.cli;

import org.descent.driver.CliRun;
import org.descent.optim.Hyperparameter;
import org.descent.optim.LearningRateSchedule;
import org.descent.optim.ScheduleKind;
import org.descent.optim.UpdateRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.descent.driver.cli.OptimizerOptionsTest.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code train --help} and the optimizers' manual (docs/optimizers.md) say about update rules and schedules is what the
 * registries hold and what the command line does: every name, every setting's default. Parsing
 * only; no Spark.
 */
class OptimizerHelpTest {

    /** One rule's part of an option's help, "adam, adamw: ε > 0 (default 1e-8)", or all of it for --lr. */
    private static final Pattern PART = Pattern.compile("(?:(.+?): )?.* \\((?:default ([^)]+)|required)\\)");
    /** A setting and its default in a table row of the manual: "`--gamma` (0.1)", "`--momentum` μ (0.9)". */
    private static final Pattern TABLE_SETTING = Pattern.compile("`--([a-z0-9-]+)`[^`(|]*\\(([^)]+)\\)");
    private static final Path MANUAL = Path.of("..", "docs", "optimizers.md");

    private static String help;

    @BeforeAll
    static void help() {
        CliRun run = CliRun.of("train", "--help");
        assertEquals(0, run.exitCode(), run.err());
        help = run.out();
    }

    @Test
    void helpListsEveryNameAndTheDefaultTheCommandLineApplies() {
        assertEquals("Update rule: " + UpdateRule.allowed() + " (default: " + config().optimizer().name() + ").",
                description("optimizer"));
        assertEquals("Learning-rate schedule: " + ScheduleKind.allowed() + " (default: " + config().schedule().name()
                + ").", description("schedule"));
        for (UpdateRule rule : UpdateRule.values()) {
            assertEquals(rule.spelling(), config("--optimizer", rule.spelling()).optimizer().name());
        }
        for (ScheduleKind kind : ScheduleKind.values()) {
            assertEquals(kind.spelling(), schedule(kind).name());
        }
        assertEquals(Double.parseDouble(printedDefault("lr", null)),
                config().schedule().settings().get(ScheduleKind.LEARNING_RATE), 0.0, description("lr"));
    }

    @Test
    void everySettingsDefaultInTheHelpIsTheOneTheCommandLineApplies() {
        for (UpdateRule rule : UpdateRule.values()) {
            for (Hyperparameter setting : rule.settings()) {
                double applied = config("--optimizer", rule.spelling()).optimizer().settings().get(setting);
                assertEquals(Double.parseDouble(printedDefault(setting.key(), rule.spelling())), applied, 0.0,
                        rule.spelling() + " " + description(setting.key()));
                assertEquals(setting.byDefault(), applied, 0.0);
            }
        }
        for (ScheduleKind kind : ScheduleKind.values()) {
            for (Hyperparameter setting : kind.settings()) {
                String printed = printedDefault(setting.key(), kind.spelling());
                if (setting.defaultValue().isEmpty()) {
                    assertEquals("required", printed, description(setting.key()));
                    continue;
                }
                double applied = schedule(kind).settings().get(setting);
                assertEquals(Double.parseDouble(printed), applied, 0.0, kind.spelling() + " " + description(setting.key()));
                assertEquals(setting.byDefault(), applied, 0.0);
            }
        }
    }

    @Test
    void everySettingInTheRegistriesIsAnOptionThatReachesItsRule() {
        for (UpdateRule rule : UpdateRule.values()) {
            for (Hyperparameter setting : rule.settings()) {
                double value = otherThanDefault(setting);
                assertEquals(value, config("--optimizer", rule.spelling(), "--" + setting.key(), String.valueOf(value))
                        .optimizer().settings().get(setting), 0.0, rule.spelling() + " " + setting.key());
            }
        }
        for (ScheduleKind kind : ScheduleKind.values()) {
            for (Hyperparameter setting : kind.settings()) {
                double value = setting.defaultValue().isEmpty() ? 3 : otherThanDefault(setting);
                List<String> args = new ArrayList<>(List.of("--schedule", kind.spelling()));
                if (setting.defaultValue().isPresent()) {
                    args.addAll(requiredOptions(kind));
                }
                args.addAll(List.of("--" + setting.key(), setting.defaultValue().isEmpty() ? "3" : String.valueOf(value)));
                assertEquals(value, config(args.toArray(String[]::new)).schedule().settings().get(setting), 0.0,
                        kind.spelling() + " " + setting.key());
            }
        }
    }

    @Test
    void theManualsTablesNameEveryRuleAndScheduleWithTheRegistrysDefaults() throws Exception {
        List<String> lines = Files.readAllLines(MANUAL);
        for (UpdateRule rule : UpdateRule.values()) {
            checkRow(lines, rule.spelling(), rule.settings());
        }
        for (ScheduleKind kind : ScheduleKind.values()) {
            checkRow(lines, kind.spelling(), kind.settings());
        }
    }

    /** The manual's row of {@code name}: each setting it gives a default for has the registry's default. */
    private static void checkRow(List<String> lines, String name, List<Hyperparameter> settings) {
        String row = lines.stream().filter(line -> line.startsWith("| `" + name + "` |")).findFirst().orElse(null);
        assertNotNull(row, "docs/optimizers.md has no table row for " + name);
        Matcher m = TABLE_SETTING.matcher(row);
        while (m.find()) {
            String key = m.group(1);
            Hyperparameter setting = settings.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
            assertNotNull(setting, "docs/optimizers.md gives " + name + " a setting " + key + " it does not have: " + row);
            if (setting.defaultValue().isEmpty()) {
                assertEquals("required", m.group(2), row);
            } else {
                assertEquals(setting.byDefault(), Double.parseDouble(m.group(2)), 0.0, row);
            }
        }
    }

    /** The description of {@code --key} as --help prints it, its wrapped lines joined. */
    private static String description(String key) {
        List<String> lines = help.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.trim().startsWith("--" + key + "=")) {
                StringBuilder text = new StringBuilder(line.trim().replaceFirst("^\\S+\\s+", ""));
                // Continuation lines are indented deeper than any option's name.
                for (int k = i + 1; k < lines.size() && lines.get(k).startsWith(" ".repeat(20)); k++) {
                    text.append(' ').append(lines.get(k).trim());
                }
                return text.toString();
            }
        }
        throw new AssertionError("--" + key + " is not in train --help:\n" + help);
    }

    /**
     * The default --help prints for {@code --key} in {@code owner}'s part ("required" for a
     * required setting); owner null for an option of every rule.
     */
    private static String printedDefault(String key, String owner) {
        String text = description(key);
        for (String part : text.substring(0, text.length() - 1).split("; ")) {
            Matcher m = PART.matcher(part);
            assertTrue(m.matches(), "--" + key + ": " + part);
            if (owner == null || m.group(1) != null && Arrays.asList(m.group(1).split(", ")).contains(owner)) {
                return m.group(2) == null ? "required" : m.group(2);
            }
        }
        throw new AssertionError("--" + key + " says nothing of " + owner + ": " + text);
    }

    private static LearningRateSchedule schedule(ScheduleKind kind) {
        List<String> args = new ArrayList<>(List.of("--schedule", kind.spelling()));
        args.addAll(requiredOptions(kind));
        return config(args.toArray(String[]::new)).schedule();
    }

    private static List<String> requiredOptions(ScheduleKind kind) {
        List<String> args = new ArrayList<>();
        kind.settings().stream().filter(s -> s.defaultValue().isEmpty()).forEach(s -> args.addAll(List.of("--" + s.key(), "3")));
        return args;
    }

    /** A valid value other than the default: half of it, or 0.5 for a default of 0. */
    private static double otherThanDefault(Hyperparameter setting) {
        return setting.byDefault() == 0 ? 0.5 : setting.byDefault() / 2;
    }
}
