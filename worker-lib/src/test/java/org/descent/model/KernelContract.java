package org.descent.model;

import org.descent.sums.SumsLayout;
import org.descent.data.DataBlock;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Checks of the {@link Model#accumulate} contract that hold for every model, whatever its kernels. */
final class KernelContract {

    private KernelContract() {
    }

    /** The sums of one accumulate call into a fresh array. */
    static double[] kernelSums(Model model, DataBlock block, int[] rows, double[] params) {
        double[] sums = new double[new SumsLayout(params.length).size()];
        model.accumulate(block, rows, params, sums, 0);
        return sums;
    }

    /**
     * Accumulating into an array that already holds 0.5 everywhere, at an offset, adds the
     * fresh sums into the slice (to {@code tolerance} relative, since the kernel adds into what
     * is there) and leaves every other entry alone; a slice that does not fit is refused.
     */
    static void assertAccumulatesOnlyIntoItsSlice(Model model, DataBlock block, double[] params, double tolerance) {
        double[] fresh = kernelSums(model, block, null, params);
        int offset = 4;
        double[] shared = new double[offset + fresh.length + 3];
        Arrays.fill(shared, 0.5);
        model.accumulate(block, null, params, shared, offset);
        for (int i = 0; i < shared.length; i++) {
            boolean inside = i >= offset && i < offset + fresh.length;
            double expected = inside ? 0.5 + fresh[i - offset] : 0.5;
            assertEquals(expected, shared[i], tolerance * Math.max(1, Math.abs(expected)), block + " index " + i);
        }
        assertThrows(IllegalArgumentException.class,
                () -> model.accumulate(block, null, params, new double[fresh.length], 1));
    }
}
