package org.descent.bench;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this JVM has used, every thread together (Spark's local executors, the driver,
 * the collector and the compiler). On a machine shared with other work, a run's wall time
 * grows with what the others take, its CPU time much less: the two side by side tell a slow
 * run from a busy machine.
 */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** CPU seconds used by this JVM so far. */
    public static double seconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
