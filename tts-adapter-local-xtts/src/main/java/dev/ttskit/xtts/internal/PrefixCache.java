package dev.ttskit.xtts.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ttskit.ModelException;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GPT's keys and values for each voice's conditioning prefix (spec section 7.5): one GPT call
 * with the conditioning latents only, whose {@code new_*} outputs every prefill for that voice then
 * copies into its own {@link KvCache} instead of recomputing the prefix per sentence. The logits
 * equal a full prefill's.
 *
 * <p>Bounded, least recently used first out. Entries are immutable heap arrays ({@link PrefixKv}),
 * so an evicted entry stays valid for a generation that already holds it.
 */
public final class PrefixCache implements AutoCloseable {
    private final XttsModel model;
    private final int capacity;
    private final Map<ClonedVoice, PrefixKv> entries = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    public PrefixCache(XttsModel model, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("prefix cache capacity must be >= 1, was " + capacity);
        this.model = model;
        this.capacity = capacity;
    }

    /** The prefix for a voice, computed on first use. Voices are compared by identity (they are cached instances). */
    public PrefixKv get(ClonedVoice voice) {
        synchronized (this) {
            if (closed) throw new IllegalStateException("prefix cache is closed");
            PrefixKv e = entries.get(voice);
            if (e != null) return e;
        }
        // Computed outside the lock: other voices are not held up by this GPT call.
        PrefixKv computed = compute(voice);
        synchronized (this) {
            if (closed) throw new IllegalStateException("prefix cache is closed");
            PrefixKv e = entries.putIfAbsent(voice, computed);
            if (e != null) return e;
            Iterator<PrefixKv> it = entries.values().iterator();
            while (entries.size() > capacity && it.hasNext()) {
                it.next();
                it.remove();
            }
            return computed;
        }
    }

    /** Voices whose prefix is held. */
    public synchronized int size() {
        return entries.size();
    }

    private PrefixKv compute(ClonedVoice voice) {
        GptSpec spec = model.gptSpec();
        OrtEnvironment env = model.env();
        try (OnnxTensor cond = Tensors.floats(env, voice.condLatentsView(), 1, voice.condLen(), voice.dModel());
             OnnxTensor noIds = Tensors.emptyLongs(env, 1, 0);
             KvCache cache = KvCache.create(env, spec, voice.condLen(), voice.condLen())) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("cond_latents", cond);
            in.put("text_ids", noIds);
            in.put("audio_ids", noIds);
            in.put("audio_pos", noIds);
            cache.putInputs(in);
            try (OrtSession.Result out = model.gptSession().run(in)) {
                cache.append(out, voice.condLen());
            }
            return cache.snapshot();
        } catch (OrtException e) {
            throw ModelException.builder("GPT prefix failed: " + e.getMessage()).provider(XttsIds.PROVIDER).cause(e).build();
        }
    }

    /** Drops every entry; generations holding one keep using it. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        entries.clear();
    }
}
