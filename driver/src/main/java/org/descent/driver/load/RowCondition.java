package org.descent.driver.load;

import java.io.Serializable;

/**
 * A test of one parsed row, by its label and its largest feature column: what picks out the
 * rows a refusal is about (a label the model cannot take, an index beyond the features), so
 * that a pass over the data can name the first of them. Shipped to the tasks of that pass.
 */
@FunctionalInterface
public interface RowCondition extends Serializable {

    /**
     * @param label     the row's label
     * @param maxColumn the row's largest 0-based feature column stored, or -1 if it stores none
     */
    boolean matches(double label, int maxColumn);
}
