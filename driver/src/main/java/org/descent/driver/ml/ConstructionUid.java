package org.descent.driver.ml;

/**
 * Hands a uid to a spark.ml stage written in Java while it is constructed. spark.ml's Scala
 * traits create their params ({@code labelCol}, {@code featuresCol}, ...) inside the
 * superclass constructor, and each param records its parent's {@code uid()} there, before a
 * Java subclass has assigned any field of its own; a param recorded with another uid than its
 * owner's is refused later ("Param null__labelCol does not belong to ..."). So a stage's
 * constructor passes its uid through here in front of the superclass constructor
 * ({@code this(ConstructionUid.hold(uid))}), and the first call of {@code uid()}, from inside
 * that constructor, takes it.
 */
final class ConstructionUid {

    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private ConstructionUid() {
    }

    /** Proof that a uid is held: the type of the private constructor that takes one. */
    static final class Held {
        private Held() {
        }
    }

    /** Holds {@code uid} for the stage this thread constructs next. */
    static Held hold(String uid) {
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("a stage needs a uid");
        }
        PENDING.set(uid);
        return new Held();
    }

    /** The uid held for the stage under construction, released. */
    static String take() {
        String uid = PENDING.get();
        if (uid == null) {
            throw new IllegalStateException("no uid held: construct the stage through a constructor that holds one");
        }
        PENDING.remove();
        return uid;
    }
}
