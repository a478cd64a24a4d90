package org.descent.driver.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a local-SGD round's partitions start their update rule (momentum's velocity, AdaGrad's
 * and RMSProp's accumulators, Adam's moments and step count) and what becomes of it after.
 * Either way the driver owns everything a round needs, so a lost executor's tasks recompute
 * the same bits and a checkpoint holds the whole run.
 */
public enum LocalState {

    /**
     * Every partition starts each round with the rule's initial state (zero velocities and
     * moments, step count 0) and drops it at the round's end: a round ships the parameters alone.
     */
    FRESH,

    /**
     * Every partition starts each round from the driver's state, and the driver keeps the
     * row-weighted mean of the partitions' states after it: the rule goes on from round to
     * round as in synchronous training. A round ships and returns the state beside the
     * parameters (Adam: three times the numbers).
     */
    AVERAGED;

    /** The option's spelling: {@code fresh}, {@code averaged}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state policy spelt {@code text}; the message names {@code key} and what is allowed. */
    public static LocalState parse(String key, String text) {
        for (LocalState s : values()) {
            if (s.spelling().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException(key + ": '" + text + "' is not a state policy; allowed: "
                + Arrays.stream(values()).map(LocalState::spelling).collect(Collectors.joining(", ")));
    }
}
