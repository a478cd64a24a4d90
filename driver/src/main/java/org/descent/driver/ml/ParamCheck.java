package org.descent.driver.ml;

import org.descent.driver.UserInputException;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;

/**
 * A param's {@code isValid} that refuses a bad value with Descent's own message, the one the
 * command line prints ({@code "lr must be a finite number > 0, got -1.0"}), rather than
 * returning false for spark.ml's generic "given invalid value". It throws an
 * {@link IllegalArgumentException}, as spark.ml's refusals are, from {@code set}, from a
 * {@code ParamMap} of a grid, and from loading saved params.
 *
 * @param <T> the param's value type as spark.ml's Java signatures show it ({@code Object} for
 *            the numeric params)
 */
final class ParamCheck<T> extends AbstractFunction1<T, Object> implements Serializable {

    /** A check that returns normally for a good value and throws for a bad one. */
    @FunctionalInterface
    interface Check<T> extends Serializable {
        void check(T value);
    }

    private static final long serialVersionUID = 1L;

    private final Check<T> check;

    ParamCheck(Check<T> check) {
        this.check = check;
    }

    @Override
    public Object apply(T value) {
        try {
            check.check(value);
        } catch (UserInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return Boolean.TRUE;
    }
}
