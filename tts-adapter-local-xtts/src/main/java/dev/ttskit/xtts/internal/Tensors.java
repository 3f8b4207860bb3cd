package dev.ttskit.xtts.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Creates input tensors from direct native-order buffers (no copy by ORT) and reads outputs.
 * Zero-length tensors are made from a zero-capacity buffer with an explicit shape (spec 7.1).
 */
public final class Tensors {
    private Tensors() {
    }

    public static OnnxTensor floats(OrtEnvironment env, float[] data, long... shape) throws OrtException {
        FloatBuffer buf = ByteBuffer.allocateDirect(data.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        buf.put(data).rewind();
        return OnnxTensor.createTensor(env, buf, shape);
    }

    public static OnnxTensor longs(OrtEnvironment env, long[] data, long... shape) throws OrtException {
        LongBuffer buf = ByteBuffer.allocateDirect(data.length * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        buf.put(data).rewind();
        return OnnxTensor.createTensor(env, buf, shape);
    }

    /** A zeroed direct native-order buffer of {@code n} longs, for a tensor whose values change in place between calls. */
    public static LongBuffer directLongs(int n) {
        return ByteBuffer.allocateDirect(n * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    public static OnnxTensor emptyFloats(OrtEnvironment env, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()).asFloatBuffer(), shape);
    }

    public static OnnxTensor emptyLongs(OrtEnvironment env, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()).asLongBuffer(), shape);
    }

    /** The named output tensor of a result (still owned by the result). */
    public static OnnxTensor output(OrtSession.Result result, String name) {
        OnnxValue v = result.get(name).orElseThrow(() -> new IllegalStateException("graph output " + name + " is missing"));
        if (!(v instanceof OnnxTensor)) throw new IllegalStateException("graph output " + name + " is not a tensor");
        return (OnnxTensor) v;
    }

    /** A copy of a float output's values. */
    public static float[] read(OrtSession.Result result, String name) {
        FloatBuffer buf = output(result, name).getFloatBuffer();
        float[] out = new float[buf.remaining()];
        buf.get(out);
        return out;
    }
}
