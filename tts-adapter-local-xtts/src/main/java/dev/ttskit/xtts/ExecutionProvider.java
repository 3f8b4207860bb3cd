package dev.ttskit.xtts;

/** Where ONNX Runtime runs the XTTS graphs. */
public enum ExecutionProvider {
    /** The default: runs everywhere. */
    CPU,
    /**
     * NVIDIA GPUs; needs the {@code onnxruntime_gpu} artifact on the class path instead of
     * {@code onnxruntime}. Loading fails with a model error when CUDA is not available.
     */
    CUDA
}
