package org.descent.optim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.descent.optim.LearningRateScheduleTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The registry of schedules, as {@link UpdateRuleTest} pins the one of update rules. */
class ScheduleKindTest {

    /** A required setting's value in these tests. */
    private static final int STEP_EVERY = 7;

    @Test
    void everyKindIsFoundByItsSpellingAndBuildsAScheduleOfThatName() {
        for (ScheduleKind kind : ScheduleKind.values()) {
            assertSame(kind, ScheduleKind.named(kind.spelling()));
            assertSame(kind, ScheduleKind.named(" " + kind.spelling().toUpperCase() + " "));
            LearningRateSchedule built = kind.create(0.3, required(kind), 50);
            assertSame(kind, built.kind());
            assertEquals(kind.spelling(), built.name());
        }
        assertEquals("constant, step, exponential, linear, inverse-time", ScheduleKind.allowed());
        assertMessage("schedule: unknown value 'cosine'; allowed: " + ScheduleKind.allowed(),
                () -> ScheduleKind.named("cosine"));
    }

    @Test
    void aSchedulesValuesAreTheRateItsKindsSettingsAndTheRunsSpanOneForEachComponent() {
        for (ScheduleKind kind : ScheduleKind.values()) {
            LearningRateSchedule built = kind.create(0.3, required(kind), 50);
            List<String> expected = new ArrayList<>(List.of(ScheduleKind.LEARNING_RATE.key()));
            expected.addAll(UpdateRuleTest.keys(kind.settings()));
            if (kind == ScheduleKind.LINEAR) {
                expected.add(LinearSchedule.DECAY_ITERATIONS);
            }
            assertEquals(expected, List.copyOf(built.settings().byKey().keySet()), kind.spelling());
            assertEquals(built.getClass().getRecordComponents().length, expected.size(), kind.spelling());
        }
    }

    @Test
    void absentSettingsTakeTheRegistrysDefaultsAndGivenOnesReachTheSchedule() {
        assertEquals(new StepSchedule(0.3, StepSchedule.GAMMA.byDefault(), STEP_EVERY),
                ScheduleKind.STEP.create(0.3, required(ScheduleKind.STEP), 50));
        assertEquals(new ExponentialSchedule(0.3, 0.99), ScheduleKind.EXPONENTIAL.create(0.3, Map.of(), 50));
        assertEquals(new LinearSchedule(0.3, 0, 50), ScheduleKind.LINEAR.create(0.3, Map.of(), 50));
        assertEquals(new InverseTimeSchedule(0.3, 0.01), ScheduleKind.INVERSE_TIME.create(0.3, Map.of(), 50));
        for (ScheduleKind kind : ScheduleKind.values()) {
            Map<String, Number> given = new LinkedHashMap<>(required(kind));
            kind.settings().stream().filter(s -> s.defaultValue().isPresent())
                    .forEach(s -> given.put(s.key(), UpdateRuleTest.otherThanDefault(s)));
            Map<String, Number> values = kind.create(0.3, given, 50).settings().byKey();
            given.forEach((key, value) -> assertEquals(value, values.get(key), kind.spelling() + " " + key));
        }
        assertEquals(0.1, ScheduleKind.LEARNING_RATE.byDefault(), 0.0);
    }

    @Test
    void aSettingOfAnotherKindOrAMissingRequiredOneIsRefused() {
        assertMessage("gamma: not a setting of schedule 'linear'; its settings: final-lr",
                () -> ScheduleKind.LINEAR.create(0.1, Map.of("gamma", 0.5), 10));
        assertMessage("final-lr: not a setting of schedule 'constant'; its settings: none",
                () -> ScheduleKind.CONSTANT.create(0.1, Map.of("final-lr", 0.0), 10));
        assertMessage("step-every: required by schedule 'step' (iterations between drops)",
                () -> ScheduleKind.STEP.create(0.1, Map.of(), 10));
        assertMessage("step-every must be a whole number, got 2.5",
                () -> ScheduleKind.STEP.create(0.1, Map.of("step-every", 2.5), 10));
    }

    @Test
    void schedulesPrintAsBefore() {
        assertEquals("step(lr=0.3, gamma=0.5, step-every=20)", new StepSchedule(0.3, 0.5, 20).toString());
        assertEquals("linear(lr=0.3, final-lr=0.0, over=190)", new LinearSchedule(0.3, 0, 190).toString());
        assertEquals("warmup(5, inverse-time(lr=0.3, gamma=0.01))",
                new WarmupSchedule(5, new InverseTimeSchedule(0.3, 0.01)).toString());
    }

    private static Map<String, Number> required(ScheduleKind kind) {
        return kind == ScheduleKind.STEP ? Map.of(StepSchedule.STEP_EVERY.key(), STEP_EVERY) : Map.of();
    }
}
