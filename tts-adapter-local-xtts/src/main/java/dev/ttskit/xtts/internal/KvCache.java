package dev.ttskit.xtts.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * The GPT's static KV cache for one generation (spec section 6.3): per layer a key buffer
 * [1, n_head, head_dim, capacity] (keys kept transposed, so attention multiplies by them as they
 * are) and a value buffer [1, n_head, capacity, head_dim], of which the first {@link #length()}
 * positions are filled. The graph only reads the cache; after each call the caller writes the
 * call's {@code new_key.N}/{@code new_value.N} outputs in place at the current position. A step
 * therefore copies nothing proportional to the positions already generated.
 *
 * <p>The buffers are direct and in native order, so ONNX Runtime reads them where they are; the
 * tensors over them stay the same from step to step. Capacity starts a little above the prefill
 * and doubles when full (capped at the generation's maximum): the copies on growth add up to less
 * than one full cache, and the masked tail the graph skips is at most as long as the filled part.
 * Not thread-safe: one generation owns it.
 */
public final class KvCache implements AutoCloseable {
    /** Room made beyond the prefill before the first growth. */
    public static final int HEADROOM = 128;

    private final OrtEnvironment env;
    private final int layers;
    private final int heads;
    private final int headDim;
    private final int maxCapacity;
    private final LongBuffer pastLenBuffer;
    private final OnnxTensor pastLen;
    private final FloatBuffer[] keys;
    private final FloatBuffer[] values;
    private final OnnxTensor[] keyTensors;
    private final OnnxTensor[] valueTensors;
    private int capacity;
    private int length;
    private boolean closed;

    private KvCache(OrtEnvironment env, GptSpec spec, int capacity, int maxCapacity) throws OrtException {
        this.env = env;
        this.layers = spec.nLayer();
        this.heads = spec.nHead();
        this.headDim = spec.headDim();
        this.maxCapacity = maxCapacity;
        this.keys = new FloatBuffer[layers];
        this.values = new FloatBuffer[layers];
        this.keyTensors = new OnnxTensor[layers];
        this.valueTensors = new OnnxTensor[layers];
        this.pastLenBuffer = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        this.pastLen = OnnxTensor.createTensor(env, pastLenBuffer, new long[] {1});
        try {
            allocate(capacity);
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A cache with room for {@code firstCall} positions plus {@link #HEADROOM}. */
    public static KvCache create(OrtEnvironment env, GptSpec spec, int firstCall, int maxPositions) throws OrtException {
        return create(env, spec, firstCall, HEADROOM, maxPositions);
    }

    /**
     * A cache with room for {@code firstCall + headroom} positions.
     *
     * @param firstCall    positions the first call writes (the prefix, or the whole prefill)
     * @param maxPositions every position the generation can ever write; the cache never grows past it
     */
    public static KvCache create(OrtEnvironment env, GptSpec spec, int firstCall, int headroom, int maxPositions)
            throws OrtException {
        if (firstCall < 1 || headroom < 0 || maxPositions < firstCall) {
            throw new IllegalArgumentException("cache for " + firstCall + " first positions (headroom " + headroom
                    + ") of at most " + maxPositions);
        }
        return new KvCache(env, spec, Math.min(maxPositions, firstCall + headroom), maxPositions);
    }

    /** Positions filled (the graph's {@code past_len}). */
    public int length() {
        return length;
    }

    /** Positions the buffers hold now. */
    public int capacity() {
        return capacity;
    }

    /** Makes room for {@code more} positions after the filled ones, doubling the buffers when needed. */
    public void reserve(int more) throws OrtException {
        int needed = length + more;
        if (needed <= capacity) return;
        if (needed > maxCapacity) {
            throw new IllegalStateException(needed + " cache positions exceed the generation's maximum " + maxCapacity);
        }
        FloatBuffer[] oldKeys = keys.clone();
        FloatBuffer[] oldValues = values.clone();
        int oldCapacity = capacity;
        closeTensors();
        allocate(Math.min(maxCapacity, Math.max(needed, 2 * oldCapacity)));
        for (int i = 0; i < layers; i++) {
            for (int row = 0; row < heads * headDim; row++) {
                keys[i].put(row * capacity, oldKeys[i], row * oldCapacity, length);
            }
            for (int h = 0; h < heads; h++) {
                values[i].put(h * capacity * headDim, oldValues[i], h * oldCapacity * headDim, length * headDim);
            }
        }
    }

    /** Puts {@code past_len} and every {@code cache_key.N}/{@code cache_value.N} into a call's inputs. */
    public void putInputs(Map<String, OnnxTensor> inputs) {
        pastLenBuffer.put(0, length);
        inputs.put("past_len", pastLen);
        for (int i = 0; i < layers; i++) {
            inputs.put(GptNames.cacheKey(i), keyTensors[i]);
            inputs.put(GptNames.cacheValue(i), valueTensors[i]);
        }
    }

    /** Writes a call's {@code new_key.N}/{@code new_value.N} ({@code count} positions) at the current position. */
    public void append(OrtSession.Result out, int count) {
        if (length + count > capacity) throw new IllegalStateException("reserve " + count + " positions before appending them");
        for (int i = 0; i < layers; i++) {
            FloatBuffer k = Tensors.output(out, GptNames.newKey(i)).getFloatBuffer();
            FloatBuffer v = Tensors.output(out, GptNames.newValue(i)).getFloatBuffer();
            int expected = heads * headDim * count;
            if (k.remaining() != expected || v.remaining() != expected) {
                throw new IllegalStateException("layer " + i + " returned " + k.remaining() + " key and " + v.remaining()
                        + " value numbers for " + count + " positions, expected " + expected);
            }
            writeKeys(i, k, count);
            writeValues(i, v, count);
        }
        length += count;
    }

    /** Writes a voice's prefix (computed once per voice) at the current position. */
    public void append(PrefixKv prefix) {
        int count = prefix.positions();
        if (length + count > capacity) throw new IllegalStateException("reserve " + count + " positions before appending them");
        for (int i = 0; i < layers; i++) {
            writeKeys(i, FloatBuffer.wrap(prefix.keys(i)), count);
            writeValues(i, FloatBuffer.wrap(prefix.values(i)), count);
        }
        length += count;
    }

    /** A heap copy of the filled positions, in the layout of the graph's {@code new_*} outputs. */
    public PrefixKv snapshot() {
        float[][] k = new float[layers][heads * headDim * length];
        float[][] v = new float[layers][heads * headDim * length];
        for (int i = 0; i < layers; i++) {
            for (int row = 0; row < heads * headDim; row++) keys[i].get(row * capacity, k[i], row * length, length);
            for (int h = 0; h < heads; h++) values[i].get(h * capacity * headDim, v[i], h * length * headDim, length * headDim);
        }
        return new PrefixKv(length, k, v);
    }

    /** Keys [H, hd, S] go to [H, hd, capacity] at column {@code length}: one run of S numbers per (head, dim) row. */
    private void writeKeys(int layer, FloatBuffer src, int count) {
        FloatBuffer dst = keys[layer];
        for (int row = 0; row < heads * headDim; row++) {
            dst.put(row * capacity + length, src, row * count, count);
        }
    }

    /** Values [H, S, hd] go to [H, capacity, hd] at row {@code length}: one run of S x hd numbers per head. */
    private void writeValues(int layer, FloatBuffer src, int count) {
        FloatBuffer dst = values[layer];
        for (int h = 0; h < heads; h++) {
            dst.put((h * capacity + length) * headDim, src, h * count * headDim, count * headDim);
        }
    }

    private void allocate(int newCapacity) throws OrtException {
        capacity = newCapacity;
        long[] keyShape = {1, heads, headDim, newCapacity};
        long[] valueShape = {1, heads, newCapacity, headDim};
        int floats = heads * headDim * newCapacity;
        for (int i = 0; i < layers; i++) {
            keys[i] = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            values[i] = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            keyTensors[i] = OnnxTensor.createTensor(env, keys[i], keyShape);
            valueTensors[i] = OnnxTensor.createTensor(env, values[i], valueShape);
        }
    }

    private void closeTensors() {
        for (int i = 0; i < layers; i++) {
            if (keyTensors[i] != null) keyTensors[i].close();
            if (valueTensors[i] != null) valueTensors[i].close();
            keyTensors[i] = null;
            valueTensors[i] = null;
        }
    }

    /** Closes the tensors; the direct buffers go with the garbage collector. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        closeTensors();
        pastLen.close();
    }
}
