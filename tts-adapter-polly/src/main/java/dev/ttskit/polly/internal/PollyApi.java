package dev.ttskit.polly.internal;

import dev.ttskit.Voice;
import dev.ttskit.VoiceId;
import dev.ttskit.spi.CallContext;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.polly.model.DescribeVoicesRequest;
import software.amazon.awssdk.services.polly.model.DescribeVoicesResponse;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechRequest;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The SDK side of the adapter: runs each Polly call bound to its ttskit call (deadline, cancellation,
 * the shared connection pool) and turns SDK failures into typed exceptions.
 */
public final class PollyApi {
    private final String provider;
    private final PollyClient client;

    public PollyApi(String provider, PollyClient client) {
        this.provider = provider;
        this.client = client;
    }

    /** Starts a synthesis: returns once Polly answered with success; the caller reads and closes the audio. */
    public ResponseInputStream<SynthesizeSpeechResponse> synthesize(SynthesizeSpeechRequest request, CallContext ctx) {
        return call(ctx, () -> client.synthesizeSpeech(request));
    }

    /** Every voice Polly offers for the engine, following {@code NextToken} to the end. */
    public List<Voice> voices(String engine, CallContext ctx) {
        return call(ctx, () -> {
            List<Voice> out = new ArrayList<>();
            String next = null;
            do {
                DescribeVoicesRequest.Builder b = DescribeVoicesRequest.builder().engine(engine);
                if (next != null) b.nextToken(next);
                DescribeVoicesResponse page = client.describeVoices(b.build());
                for (software.amazon.awssdk.services.polly.model.Voice v : page.voices()) out.add(voice(v));
                next = page.nextToken();
                ctx.checkActive(provider);
            } while (next != null && !next.isEmpty());
            return out;
        });
    }

    public void close() {
        client.close();
    }

    private <T> T call(CallContext ctx, Supplier<T> work) {
        ctx.checkActive(provider);
        try {
            return OkHttpSdkClient.within(ctx, work);
        } catch (SdkException e) {
            throw PollyErrors.map(e, ctx, provider);
        }
    }

    private Voice voice(software.amazon.awssdk.services.polly.model.Voice v) {
        List<String> languages = new ArrayList<>();
        if (v.languageCodeAsString() != null) languages.add(v.languageCodeAsString());
        if (v.additionalLanguageCodesAsStrings() != null) languages.addAll(v.additionalLanguageCodesAsStrings());
        Map<String, String> labels = new LinkedHashMap<>();
        if (v.genderAsString() != null) labels.put("gender", v.genderAsString());
        if (v.languageName() != null) labels.put("language", v.languageName());
        if (v.supportedEnginesAsStrings() != null) labels.put("engines", String.join(",", v.supportedEnginesAsStrings()));
        return new Voice(provider, VoiceId.of(v.idAsString()), v.name(), languages, labels);
    }
}
