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
 * The GPT's KV cache for each voice's conditioning prefix (spec section 7.5): one GPT call with the
 * conditioning latents only, whose {@code present_*} tensors then serve as the {@code past_*} of
 * every prefill for that voice, so the prefix is not recomputed per sentence. The logits equal a
 * full prefill's.
 *
 * <p>Bounded, least recently used first out. Entries are reference-counted: an evicted entry's
 * native result is closed only once no generation uses it; {@link #close()} closes the rest.
 */
public final class PrefixCache implements AutoCloseable {
    private final XttsModel model;
    private final int capacity;
    private final Map<ClonedVoice, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    public PrefixCache(XttsModel model, int capacity) {
        this.model = model;
        this.capacity = capacity;
    }

    /** A voice's prefix KV, pinned until the lease is closed. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean released;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The {@code present_*} tensor of the prefix for a {@code past_*} input name. */
        public OnnxTensor past(String pastName) {
            return Tensors.output(entry.result, pastName.replace("past_", "present_"));
        }

        @Override
        public void close() {
            synchronized (PrefixCache.this) {
                if (released) return;
                released = true;
                entry.users--;
                if (entry.dead && entry.users == 0) entry.result.close();
            }
        }
    }

    private static final class Entry {
        final OrtSession.Result result;
        int users;
        boolean dead;

        Entry(OrtSession.Result result) {
            this.result = result;
        }
    }

    /** The prefix for a voice, computed on first use. Voices are compared by identity (they are cached instances). */
    public Lease acquire(ClonedVoice voice) {
        synchronized (this) {
            if (closed) throw new IllegalStateException("prefix cache is closed");
            Entry e = entries.get(voice);
            if (e != null) {
                e.users++;
                return new Lease(e);
            }
        }
        OrtSession.Result computed = compute(voice);
        synchronized (this) {
            Entry e = entries.get(voice);
            if (e != null || closed) {
                computed.close();
                if (closed) throw new IllegalStateException("prefix cache is closed");
            } else {
                e = new Entry(computed);
                entries.put(voice, e);
                trim();
            }
            e.users++;
            return new Lease(e);
        }
    }

    private void trim() {
        Iterator<Map.Entry<ClonedVoice, Entry>> it = entries.entrySet().iterator();
        while (entries.size() > capacity && it.hasNext()) {
            Entry old = it.next().getValue();
            it.remove();
            old.dead = true;
            if (old.users == 0) old.result.close();
        }
    }

    /** Voices whose prefix is held. */
    public synchronized int size() {
        return entries.size();
    }

    private OrtSession.Result compute(ClonedVoice voice) {
        GptSpec spec = model.gptSpec();
        OrtEnvironment env = model.env();
        try (OnnxTensor cond = Tensors.floats(env, voice.condLatentsView(), 1, voice.condLen(), voice.dModel());
             OnnxTensor noText = Tensors.emptyLongs(env, 1, 0);
             OnnxTensor noAudio = Tensors.emptyLongs(env, 1, 0);
             OnnxTensor noPast = Tensors.emptyFloats(env, 1, spec.nHead(), 0, spec.headDim())) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("cond_latents", cond);
            in.put("text_ids", noText);
            in.put("audio_ids", noAudio);
            in.put("audio_pos", noAudio);
            for (int i = 0; i < spec.nLayer(); i++) {
                in.put("past_key." + i, noPast);
                in.put("past_value." + i, noPast);
            }
            return model.gptSession().run(in);
        } catch (OrtException e) {
            throw ModelException.builder("GPT prefix failed: " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        }
    }

    /** Closes every result no generation uses; the others close when their last lease does. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (Entry e : entries.values()) {
            e.dead = true;
            if (e.users == 0) e.result.close();
        }
        entries.clear();
    }
}
