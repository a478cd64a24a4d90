package org.descent.data;

/**
 * How {@link BlockBuilder#build} lays out a block's feature values.
 */
public enum BlockStorage {

    /**
     * {@link #DENSE} when at least {@link BlockBuilder#DENSE_MIN_DENSITY} of the
     * {@code rows x numFeatures} cells are stored and they fit in one Java array, else
     * {@link #SPARSE}.
     */
    AUTO,

    /** Always a {@link DenseBlock}; building fails if {@code rows x numFeatures} cells do not fit in one array. */
    DENSE,

    /** Always a {@link SparseBlock} (CSR). */
    SPARSE
}
