package dev.ttskit.modules;

import com.sun.net.httpserver.HttpServer;
import dev.ttskit.ApiKey;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.elevenlabs.ElevenLabsProvider;
import dev.ttskit.spi.Validator;
import dev.ttskit.testkit.MockAudio;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs in a JVM of its own with ttskit's published modules on the module path (see
 * PublishedModulesTest) and uses them the way an application on the module path would. Any
 * failure is an exception, so the JVM exits non-zero; each check prints one line on success.
 */
public final class ModulePathProbe {
    private ModulePathProbe() {
    }

    public static void main(String[] args) throws Exception {
        exportedApiLinks();
        servicesAreFound();
        offlineVoiceSpeaks();
        jacksonReachesTheElevenLabsBodies();
    }

    /** Every public type of every exported package loads, with the types its signatures name. */
    private static void exportedApiLinks() throws IOException, ClassNotFoundException {
        List<Module> modules = ModuleLayer.boot().modules().stream()
                .filter(m -> m.getName().startsWith("dev.ttskit.")).collect(Collectors.toList());
        int types = 0;
        for (Module module : modules) {
            if (!module.getDescriptor().isAutomatic()) {
                check(!module.getDescriptor().exports().isEmpty(), module.getName() + " exports nothing");
            }
            Set<String> exported = module.getDescriptor().isAutomatic() ? module.getPackages()
                    : module.getDescriptor().exports().stream().map(e -> e.source()).collect(Collectors.toSet());
            ResolvedModule resolved = ModuleLayer.boot().configuration().findModule(module.getName()).orElseThrow();
            try (ModuleReader reader = resolved.reference().open(); Stream<String> entries = reader.list()) {
                for (String entry : (Iterable<String>) entries::iterator) {
                    if (!entry.endsWith(".class") || entry.endsWith("module-info.class") || entry.startsWith("META-INF/")) {
                        continue;
                    }
                    String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                    String pkg = name.substring(0, name.lastIndexOf('.'));
                    if (!exported.contains(pkg)) {
                        continue;
                    }
                    Class<?> type = Class.forName(name, false, module.getClassLoader());
                    check(type.getModule() == module, name + " loaded from " + type.getModule() + ", not " + module);
                    type.getMethods();
                    type.getConstructors();
                    type.getFields();
                    types++;
                }
            }
        }
        Set<String> names = modules.stream().map(Module::getName).collect(Collectors.toCollection(TreeSet::new));
        System.out.println("exported types linked: " + types + " in " + names);
    }

    /** ServiceLoader finds each adapter's factory and the validator through the module declarations. */
    private static void servicesAreFound() {
        Set<String> factories = ServiceLoader.load(dev.ttskit.spi.TtsProviderFactory.class).stream()
                .map(p -> p.get().id()).collect(Collectors.toCollection(TreeSet::new));
        check(factories.containsAll(Set.of("elevenlabs", "replicate", "local-xtts", "marytts")), "factories " + factories);
        List<String> validators = ServiceLoader.load(Validator.class).stream()
                .map(p -> p.type().getModule().getName()).collect(Collectors.toList());
        check(validators.equals(List.of("dev.ttskit.validation")), "validators from " + validators);
        System.out.println("factories: " + factories + "; validator from " + validators.get(0));
    }

    /** The zero-configuration path: fromEnv() with nothing set finds the offline voice, which speaks. */
    private static void offlineVoiceSpeaks() {
        try (TtsClient tts = TtsClient.fromEnv()) {
            check(tts.providerIds().equals(List.of("marytts")), "providers " + tts.providerIds());
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hello there.").language("en")
                    .format(AudioFormat.WAV_PCM16_24K).build());
            check(WavCodec.decode(r.audioBytes()).duration().compareTo(Duration.ofMillis(300)) > 0, "audio too short");
            System.out.println("offline voice: " + r.provider() + ", " + r.size() + " bytes");
        }
    }

    /**
     * ElevenLabs writes its request bodies with Jackson by reflection, which the module path allows only
     * where module-info opens the package: a loopback server stands in for the API.
     */
    private static void jacksonReachesTheElevenLabsBodies() throws IOException {
        AtomicReference<String> body = new AtomicReference<>();
        byte[] pcm = MockAudio.tone(AudioFormat.PCM16_24K, Duration.ofSeconds(1));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/text-to-speech/", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Content-Type", "audio/pcm");
            exchange.sendResponseHeaders(200, pcm.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(pcm);
            }
        });
        server.start();
        try (TtsClient tts = TtsClient.builder()
                .provider(ElevenLabsProvider.builder().apiKey(ApiKey.of("module-path-test"))
                        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).build())
                .build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hello there.").format(AudioFormat.WAV_PCM16_24K).build());
            check(r.provider().equals("elevenlabs"), "answered by " + r.provider());
            check(body.get() != null && body.get().contains("\"text\":\"Hello there.\""), "request body " + body.get());
            System.out.println("elevenlabs body written by Jackson: " + body.get().length() + " chars");
        } finally {
            server.stop(0);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
