package org.descent.driver.train;

import org.junit.jupiter.api.Test;

import static org.descent.driver.train.TimeEstimate.duration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeEstimateTest {

    @Test
    void belowAMinuteADurationIsSecondsToATenth() {
        assertEquals("0.0s", duration(0));
        assertEquals("0.4s", duration(420));
        assertEquals("4.2s", duration(4_249));
        assertEquals("59.9s", duration(59_940));
    }

    @Test
    void fromAMinuteItIsMinutesAndSecondsThenHoursAndMinutes() {
        // 59.97 s rounds to a whole minute, not to "60.0s".
        assertEquals("1m00s", duration(59_970));
        assertEquals("1m12s", duration(72_400));
        assertEquals("3m05s", duration(184_600));
        assertEquals("59m59s", duration(3_599_400));
        assertEquals("1h00m", duration(3_599_600));
        // 2 h 5 min 31 s: the seconds round into the minutes.
        assertEquals("2h06m", duration(7_531_000));
    }

    @Test
    void aLineShowsTheEtaOnlyWhenThereIsOneAndTimeIsLeft() {
        assertEquals("elapsed 1m12s  eta 3m05s", new TimeEstimate(72_000, 185_000).toString());
        assertEquals("elapsed 0.3s", new TimeEstimate(300, Double.NaN).toString(), "no estimate yet");
        assertEquals("elapsed 4.2s", new TimeEstimate(4_200, 0).toString(), "the last iteration");
    }

    @Test
    void negativeOrUnknownDurationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> duration(-1));
        assertThrows(IllegalArgumentException.class, () -> duration(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new TimeEstimate(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimeEstimate(0, -5));
    }
}
