package org.descent.optim;

import java.util.List;

/** One instance of every update rule, with its default settings, for tests that cover them all. */
final class Optimizers {

    static final List<Optimizer> ALL = List.of(new Sgd(), new Momentum(), new Nesterov(), new AdaGrad(), new RmsProp(),
            new Adam(), new AdamW());

    private Optimizers() {
    }
}
