package org.descent.sums;

import java.io.Serializable;

/**
 * One partition's raw sums (layout {@link SumsLayout}) as they travel to the driver: the
 * whole array, or only its non-zero entries when they are few. A mini-batch of sparse rows
 * touches few of a large model's parameters, so its gradient sum is mostly zeros: shipping
 * 1M doubles (8 MB) per task to say so costs more than the batch's arithmetic. The compact
 * form is chosen when it takes less than half the bytes (12 bytes an entry against 8 a slot).
 *
 * <p>Merging adds entry by entry in index order, as {@link SumsLayout#merge} does, so the
 * form never changes a sum: an omitted entry is +0.0, and {@code x + 0.0 == x} for every x a
 * sum can hold (sums start at +0.0 and only have terms added, so none is ever −0.0).
 *
 * @param size    length of the dense array this stands for
 * @param dense   the array itself, or null in compact form
 * @param indices compact form: ascending indices of the non-zero entries (null when dense)
 * @param values  compact form: their values
 */
public record PartialSums(int size, double[] dense, int[] indices, double[] values) implements Serializable {

    public PartialSums {
        if (dense == null ? indices == null || values == null || indices.length != values.length
                : dense.length != size || indices != null || values != null) {
            throw new IllegalArgumentException("partial sums must be dense (array of length size) or compact "
                    + "(indices and values of equal length), not both");
        }
    }

    /**
     * {@code sums} in whichever form is smaller; the array is kept, not copied, when dense. The
     * compact form lists every entry whose bits are not those of +0.0, negative zeros included:
     * adding −0.0 leaves any sum unchanged, so this merges exactly as the dense form does, and
     * the indices name every entry a reused array must clear ({@link ReusedSums}).
     */
    public static PartialSums of(double[] sums) {
        int nonZeros = 0;
        for (double v : sums) {
            if (Double.doubleToRawLongBits(v) != 0L) {
                nonZeros++;
            }
        }
        if ((long) nonZeros * (Integer.BYTES + Double.BYTES) * 2 >= (long) sums.length * Double.BYTES) {
            return new PartialSums(sums.length, sums, null, null);
        }
        int[] indices = new int[nonZeros];
        double[] values = new double[nonZeros];
        int k = 0;
        for (int i = 0; i < sums.length; i++) {
            if (Double.doubleToRawLongBits(sums[i]) != 0L) {
                indices[k] = i;
                values[k++] = sums[i];
            }
        }
        return new PartialSums(sums.length, null, indices, values);
    }

    public boolean isCompact() {
        return dense == null;
    }

    /** The dense array: the one held, or a new one. */
    public double[] toDense() {
        if (dense != null) {
            return dense;
        }
        double[] out = new double[size];
        for (int k = 0; k < indices.length; k++) {
            out[indices[k]] = values[k];
        }
        return out;
    }

    /**
     * {@code into + from}, dense; reuses {@code into}'s array when it has one (it is a
     * deserialized task result, the driver's own). Usable as the merge of a tree-reduce.
     */
    public static PartialSums merge(PartialSums into, PartialSums from) {
        if (into.size != from.size) {
            throw new IllegalArgumentException("cannot merge sums of length " + from.size + " into " + into.size);
        }
        double[] sum = into.toDense();
        if (from.dense != null) {
            SumsLayout.merge(sum, from.dense);
        } else {
            for (int k = 0; k < from.indices.length; k++) {
                sum[from.indices[k]] += from.values[k];
            }
        }
        return new PartialSums(sum.length, sum, null, null);
    }
}
