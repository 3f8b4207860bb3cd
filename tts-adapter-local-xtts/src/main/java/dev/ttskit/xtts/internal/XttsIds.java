package dev.ttskit.xtts.internal;

/** Names shared by the adapter's classes. */
public final class XttsIds {
    /** The provider id, on every exception this adapter throws. */
    public static final String PROVIDER = "local-xtts";

    private XttsIds() {
    }
}
