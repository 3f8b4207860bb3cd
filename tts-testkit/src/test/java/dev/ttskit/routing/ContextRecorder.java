package dev.ttskit.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.SpeechResult;
import dev.ttskit.Voice;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Passes calls to another provider and keeps the context of each. */
final class ContextRecorder implements TtsProvider {
    private final TtsProvider delegate;
    final List<CallContext> contexts = new CopyOnWriteArrayList<>();

    ContextRecorder(TtsProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public String id() { return delegate.id(); }

    @Override
    public ProviderCapabilities capabilities() { return delegate.capabilities(); }

    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        contexts.add(ctx);
        return delegate.synthesize(request, ctx);
    }

    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        contexts.add(ctx);
        return delegate.stream(request, ctx);
    }

    @Override
    public List<Voice> voices(CallContext ctx) { return delegate.voices(ctx); }

    @Override
    public void close() { delegate.close(); }
}
