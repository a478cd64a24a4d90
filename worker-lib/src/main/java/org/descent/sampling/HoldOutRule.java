package org.descent.sampling;

/**
 * Which rows a validation split holds out of training: row {@code r} (its 0-based index in the
 * data's input order: files in the loader's order, lines within a file) is held out iff
 * <pre>
 *   u(r) = (derive(seed, r, HOLD_OUT_STREAM) >>> 11) · 2^-53  &lt;  fraction
 * </pre>
 * where {@link SeedDerivation#derive} absorbs the row index in the iteration's place and a
 * stream number no partition uses. {@code u} is uniform on [0, 1) in steps of 2^-53, so about
 * {@code fraction} of the rows are held out, each independently of the others. The decision
 * depends on the seed and the row's index alone, never on the partition holding the row, so
 * any partitioning holds out the same rows.
 *
 * @param fraction in (0, 1)
 */
public record HoldOutRule(long seed, double fraction) implements java.io.Serializable {

    /** The stream number of the split: below the driver's (-1), so no sampling stream shares it. */
    static final int HOLD_OUT_STREAM = -2;

    public HoldOutRule {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation-fraction must be > 0 and < 1, got " + fraction);
        }
    }

    /** Whether the row of 0-based input-order index {@code row} is held out. */
    public boolean isHeldOut(long row) {
        return uniform(row) < fraction;
    }

    /** u(row) above. */
    double uniform(long row) {
        return (SeedDerivation.derive(seed, row, HOLD_OUT_STREAM) >>> 11) * 0x1.0p-53;
    }
}
