package org.descent.driver.tune;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The values one searched setting may take, as {@code --search} spells them after
 * {@code KEY=}: {@code logu:LO:HI} (log-uniform), {@code u:LO:HI} (uniform), {@code a|b|c} (a
 * choice, each equally likely) or a single value (fixed). Values are the text a user would
 * type for the setting's option, so a trial's settings go through the command line's own
 * parsing and checks.
 *
 * <p>A range of a counting setting draws whole numbers, both ends included. A range of a real
 * setting draws a number rounded to {@link #SIGNIFICANT_DIGITS} significant digits: a trial's
 * learning rate reads {@code 0.00316}, not {@code 0.0031622776601683794}, and that text is
 * exactly the value it trained with, so {@code best/train.conf} reproduces it.
 */
public sealed interface SearchDomain {

    /** Digits kept of a drawn real value: finer differences in a hyperparameter do not matter. */
    int SIGNIFICANT_DIGITS = 3;

    /** One value, drawn from {@code random}. */
    String draw(SplittableRandom random);

    /** Every value, for a grid; null for a range, which has no finite list. */
    List<String> choices();

    /** As the user spelled it. */
    String spelling();

    /** {@code a|b|c}, or one value. */
    record Choice(List<String> values) implements SearchDomain {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public String draw(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<String> choices() {
            return values;
        }

        @Override
        public String spelling() {
            return String.join("|", values);
        }
    }

    /**
     * {@code u:LO:HI} or {@code logu:LO:HI}: uniform in the value or in its logarithm (the
     * scale of learning rates and penalties, where 1e-4 to 1e-3 matters as much as 0.1 to 1).
     *
     * @param whole whether the setting counts (draws whole numbers in [lo, hi])
     */
    record Range(boolean logarithmic, double lo, double hi, boolean whole, String spelling) implements SearchDomain {

        @Override
        public String draw(SplittableRandom random) {
            if (whole) {
                // Uniform over [lo, hi + 1) and floored: every whole number equally likely (or its log).
                double u = random.nextDouble();
                double x = logarithmic ? Math.exp(Math.log(lo) + u * (Math.log(hi + 1) - Math.log(lo)))
                        : lo + u * (hi + 1 - lo);
                return Long.toString(Math.min((long) hi, (long) Math.floor(x)));
            }
            double u = random.nextDouble();
            double x = logarithmic ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
            return rounded(Math.min(hi, Math.max(lo, x)));
        }

        @Override
        public List<String> choices() {
            return null;
        }

        /** {@code x} to {@link #SIGNIFICANT_DIGITS} digits: {@code 0.0316}, {@code 2.32e-6}, {@code 150}. */
        static String rounded(double x) {
            BigDecimal r = new BigDecimal(x).round(new MathContext(SIGNIFICANT_DIGITS)).stripTrailingZeros();
            double abs = Math.abs(r.doubleValue());
            if (abs == 0 || (abs >= PLAIN_MIN && abs < PLAIN_MAX)) {
                return r.toPlainString();
            }
            String unscaled = r.unscaledValue().abs().toString();
            int exponent = unscaled.length() - 1 - r.scale();
            String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
            return (r.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
        }

        /** Plain decimals in [1e-3, 1e6): beyond, a power of ten reads better than a run of zeros. */
        private static final double PLAIN_MIN = 1e-3;
        private static final double PLAIN_MAX = 1e6;
    }
}
