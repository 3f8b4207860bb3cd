package dev.ttskit.xtts.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A prepared voice: the GPT conditioning latents [condLen][dModel] and the speaker embedding
 * [speakerDim]. Persisted in the {@code speakers.bin} record layout (little-endian float32,
 * latents row-major, then the embedding). Immutable. Equality is identity: voices are cached
 * instances, and the GPT prefix cache is keyed by them.
 */
public final class ClonedVoice {
    private final float[] condLatents;
    private final int condLen;
    private final int dModel;
    private final float[] speakerEmbedding;

    public ClonedVoice(float[] condLatents, int condLen, int dModel, float[] speakerEmbedding) {
        if (condLatents.length != condLen * dModel) {
            throw new IllegalArgumentException("conditioning latents hold " + condLatents.length + " values, expected " + condLen + "x" + dModel);
        }
        this.condLatents = condLatents.clone();
        this.condLen = condLen;
        this.dModel = dModel;
        this.speakerEmbedding = speakerEmbedding.clone();
    }

    /** Row-major [condLen][dModel]; do not modify. */
    float[] condLatentsView() { return condLatents; }

    /** Do not modify. */
    float[] speakerEmbeddingView() { return speakerEmbedding; }

    public float[] condLatents() { return condLatents.clone(); }

    public float[] speakerEmbedding() { return speakerEmbedding.clone(); }

    public int condLen() { return condLen; }

    public int dModel() { return dModel; }

    public int speakerDim() { return speakerEmbedding.length; }

    /** Bytes of one record with these dimensions. */
    public static int recordBytes(int condLen, int dModel, int speakerDim) {
        return (condLen * dModel + speakerDim) * Float.BYTES;
    }

    public byte[] toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(recordBytes(condLen, dModel, speakerEmbedding.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : condLatents) buf.putFloat(f);
        for (float f : speakerEmbedding) buf.putFloat(f);
        return buf.array();
    }

    /** Reads one record at the buffer's position (little-endian). */
    public static ClonedVoice read(ByteBuffer buf, int condLen, int dModel, int speakerDim) {
        ByteBuffer le = buf.order(ByteOrder.LITTLE_ENDIAN);
        float[] cond = new float[condLen * dModel];
        for (int i = 0; i < cond.length; i++) cond[i] = le.getFloat();
        float[] spk = new float[speakerDim];
        for (int i = 0; i < spk.length; i++) spk[i] = le.getFloat();
        for (float f : cond) if (!Float.isFinite(f)) throw new IllegalArgumentException("voice record holds a non-finite value");
        for (float f : spk) if (!Float.isFinite(f)) throw new IllegalArgumentException("voice record holds a non-finite value");
        return new ClonedVoice(cond, condLen, dModel, spk);
    }

    @Override
    public String toString() {
        return "ClonedVoice[cond=" + condLen + "x" + dModel + ", speakerDim=" + speakerEmbedding.length + "]";
    }
}
