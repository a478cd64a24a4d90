package org.descent.optim;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.descent.optim.LearningRateScheduleTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry of update rules is the one place their names, settings and defaults are
 * written (a contract: the command line, config files, checkpoints and help text read it).
 */
class UpdateRuleTest {

    @Test
    void everyRuleIsFoundByItsSpellingAndBuildsARuleOfThatName() {
        for (UpdateRule rule : UpdateRule.values()) {
            assertSame(rule, UpdateRule.named(rule.spelling()));
            assertSame(rule, UpdateRule.named(" " + rule.spelling().toUpperCase() + " "));
            Optimizer built = rule.create(Map.of());
            assertSame(rule, built.rule());
            assertEquals(rule.spelling(), built.name());
        }
        assertEquals("sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw", UpdateRule.allowed());
        assertMessage("optimizer: unknown value 'adamax'; allowed: " + UpdateRule.allowed(), () -> UpdateRule.named("adamax"));
    }

    @Test
    void eachRulesSettingsAreExactlyTheOnesItsRecordTakesInOrder() {
        for (UpdateRule rule : UpdateRule.values()) {
            Class<?> type = rule.create(Map.of()).getClass();
            List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .map(UpdateRuleTest::kebab).toList();
            assertEquals(components, keys(rule.settings()), rule.spelling());
            assertEquals(components, List.copyOf(rule.create(Map.of()).settings().byKey().keySet()), rule.spelling());
        }
    }

    @Test
    void absentSettingsTakeTheRegistrysDefaultsWhichAreTheRecordsOwn() {
        List<Optimizer> noArgument = List.of(new Sgd(), new Momentum(), new Nesterov(), new AdaGrad(), new RmsProp(),
                new Adam(), new AdamW());
        for (Optimizer expected : noArgument) {
            Optimizer built = expected.rule().create(Map.of());
            assertEquals(expected, built);
            for (Hyperparameter setting : expected.rule().settings()) {
                assertEquals(setting.byDefault(), built.settings().get(setting), 0.0, expected.name() + " " + setting.key());
            }
        }
    }

    @Test
    void givenSettingsReachTheRuleAndItsSettingsBuildItAgain() {
        for (UpdateRule rule : UpdateRule.values()) {
            Map<String, Number> given = new LinkedHashMap<>();
            rule.settings().forEach(setting -> given.put(setting.key(), otherThanDefault(setting)));
            Optimizer built = rule.create(given);
            assertEquals(given, built.settings().byKey(), rule.spelling());
            if (!given.isEmpty()) {
                assertNotEquals(rule.create(Map.of()), built, rule.spelling());
            }
            assertEquals(built, rule.create(built.settings().byKey()), rule.spelling());
        }
    }

    @Test
    void aSettingOfAnotherRuleIsRefusedNamingTheRulesOwn() {
        assertMessage("momentum: not a setting of optimizer 'adam'; its settings: beta1, beta2, eps",
                () -> UpdateRule.ADAM.create(Map.of("momentum", 0.9)));
        assertMessage("beta1: not a setting of optimizer 'sgd'; its settings: none",
                () -> UpdateRule.SGD.create(Map.of("beta1", 0.9)));
        Map<String, Number> notGiven = new LinkedHashMap<>();
        notGiven.put("momentum", null);
        assertEquals(new Adam(), UpdateRule.ADAM.create(notGiven), "null stands for not given");
        assertMessage("beta2 must be in [0, 1), got 1.5", () -> UpdateRule.ADAMW.create(Map.of("beta2", 1.5)));
    }

    @Test
    void rulesPrintAsNameAndSettings() {
        assertEquals("sgd", new Sgd().toString());
        assertEquals("adamw(beta1=0.9, beta2=0.999, eps=1.0E-8, weight-decay=0.01)", new AdamW().toString());
        assertEquals("rmsprop(rho=0.9, eps=1.0E-8)", new RmsProp().toString());
    }

    /** A valid value other than the default: half of it, or 0.5 for a default of 0. */
    static double otherThanDefault(Hyperparameter setting) {
        double value = setting.byDefault() == 0 ? 0.5 : setting.byDefault() / 2;
        assertTrue(setting.range().contains(value), setting.key());
        return value;
    }

    static List<String> keys(List<Hyperparameter> settings) {
        return settings.stream().map(Hyperparameter::key).toList();
    }

    /** A record component's name as a command-line key: weightDecay is weight-decay. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
