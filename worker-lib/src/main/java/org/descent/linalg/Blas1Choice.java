package org.descent.linalg;

/**
 * Holds the JVM's choice for {@link Blas1#best()}. The vector implementation is loaded by name,
 * so that a JVM without the incubator module never links against it and simply gets the
 * scalar one.
 */
final class Blas1Choice {

    static final String PROPERTY = "descent.blas";
    static final Blas1 BEST = choose(System.getProperty(PROPERTY, "auto"));

    private Blas1Choice() {
    }

    static Blas1 choose(String wanted) {
        switch (wanted) {
            case "scalar":
                return ScalarBlas1.INSTANCE;
            case "auto":
            case "vector":
                break;
            default:
                throw new IllegalArgumentException(PROPERTY + ": unknown value '" + wanted + "'; allowed: auto, vector, scalar");
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            if (wanted.equals("vector")) {
                throw new IllegalStateException(PROPERTY + "=vector, but the JVM was started without "
                        + "--add-modules=jdk.incubator.vector");
            }
            return ScalarBlas1.INSTANCE;
        }
        try {
            Blas1 vector = (Blas1) Class.forName("org.descent.linalg.VectorBlas1").getDeclaredConstructor().newInstance();
            if (((VectorWidth) vector).hasFullWidth() || wanted.equals("vector")) {
                return vector;
            }
            return ScalarBlas1.INSTANCE;
        } catch (ReflectiveOperationException | LinkageError e) {
            if (wanted.equals("vector")) {
                throw new IllegalStateException(PROPERTY + "=vector, but the vector implementation cannot load: " + e, e);
            }
            return ScalarBlas1.INSTANCE;
        }
    }

    /** Implemented by the vector BLAS only: whether the hardware runs its 256-bit shape natively. */
    interface VectorWidth {
        boolean hasFullWidth();
    }
}
