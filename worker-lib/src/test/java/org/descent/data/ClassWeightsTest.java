package org.descent.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassWeightsTest {

    @Test
    void listedFactorsApplyToTheLabelsAsTheDataSpellsThemAndOthersKeepOne() {
        ClassWeights weights = ClassWeights.Spec.parse(" 1:10, -1:0.5 ").resolve(new double[] {-1, 1}, new double[] {3, 1});
        assertEquals(0.5, weights.factor(-1));
        assertEquals(10, weights.factor(1));
        ClassWeights some = ClassWeights.Spec.parse("2:3").resolve(new double[] {0, 1, 2}, new double[] {1, 1, 1});
        assertEquals(1, some.factor(0));
        assertEquals(3, some.factor(2));
    }

    @Test
    void balancedGivesEveryClassTheSameTotalWeight() {
        // 6 rows of class 0 and 2 of class 1: c = W / (K W_k) = 8 / (2*6) and 8 / (2*2).
        ClassWeights weights = ClassWeights.Spec.parse("balanced").resolve(new double[] {0, 1}, new double[] {6, 2});
        assertEquals(8.0 / 12, weights.factor(0), 1e-15);
        assertEquals(2.0, weights.factor(1), 1e-15);
        assertEquals(6 * weights.factor(0), 2 * weights.factor(1), 1e-12);
    }

    @Test
    void aBlockIsReweightedWithoutCopyingItsFeatures() {
        BlockBuilder builder = new BlockBuilder();
        double[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        double[] labels = {0, 1, 1};
        for (int i = 0; i < rows.length; i++) {
            builder.startRow(labels[i], i == 0 ? 2.0 : 1.0);
            builder.addFeature(0, rows[i][0]);
            builder.addFeature(1, rows[i][1]);
            builder.endRow();
        }
        DenseBlock block = (DenseBlock) builder.build(2, BlockStorage.DENSE);
        ClassWeights weights = ClassWeights.Spec.parse("0:1,1:10").resolve(new double[] {0, 1}, new double[] {2, 2});
        DenseBlock weighted = (DenseBlock) weights.applyTo(block);
        assertArrayEquals(new double[] {2, 10, 10}, weighted.weights());
        assertArrayEquals(new double[] {2, 1, 1}, block.weights(), "the original block is unchanged");
        assertSame(block.values(), weighted.values());
        assertSame(block.labels(), weighted.labels());
        assertArrayEquals(new double[] {2, 2}, ClassWeights.weightSums(block, new double[] {0, 1}));
    }

    @Test
    void badSpellingsAreRefusedNamingTheOptionAndWhatIsAllowed() {
        for (String bad : new String[] {"heavy", "1=10", "1:0", "1:-2", "a:1", "1:2,1:3", "1:inf"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassWeights.Spec.parse(bad));
            assertTrue(e.getMessage().startsWith("class-weight: '" + bad + "'") && e.getMessage().contains("allowed: balanced"),
                    e.getMessage());
        }
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.Spec.parse("2:5").resolve(new double[] {0, 1}, new double[] {1, 1}));
        assertEquals("class-weight: label 2 is not a class of the data; its classes are 0, 1", absent.getMessage());
    }

    @Test
    void theSpecPrintsAsItIsSpelled() {
        assertEquals("balanced", ClassWeights.Spec.parse("Balanced").toString());
        assertEquals("-1:0.5,1:10", ClassWeights.Spec.parse("1:10,-1:0.5").toString());
    }
}
