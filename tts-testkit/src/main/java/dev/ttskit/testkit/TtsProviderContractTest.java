package dev.ttskit.testkit;

import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.TtsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link TtsProvider} must have. An adapter's test extends this class, creates its
 * provider and scripts its backend (a mock server, a tiny model) through the hooks; each hook that
 * returns {@code false} skips the tests needing it.
 *
 * <p>What it checks: a stable lowercase id; coherent capabilities; audio in exactly the requested
 * format; streams that deliver bytes and close idempotently; the deadline and cancellation honoured
 * within a few seconds; typed errors carrying the provider id; close idempotent.
 */
public abstract class TtsProviderContractTest {
    /** How much later than its deadline a call may end. Generous: CI machines are slow. */
    protected static final Duration DEADLINE_SLACK = Duration.ofSeconds(5);

    /** The resource manager of the current test, created before it and closed after it. */
    protected ResourceManager resources;
    private ExecutorService executor;

    /**
     * A fresh provider for each test.
     *
     * @return the provider under test; the test closes it
     */
    protected abstract TtsProvider createProvider();

    /**
     * Makes the backend answer the next call successfully.
     *
     * @throws Exception whatever preparing the backend throws; it fails the test
     */
    protected abstract void prepareSuccess() throws Exception;

    /**
     * Makes the backend fail the next call (e.g. a 5xx or a corrupt model).
     *
     * @return false when this backend cannot be made to fail; the tests needing it are skipped
     * @throws Exception whatever preparing the backend throws; it fails the test
     */
    protected boolean prepareFailure() throws Exception {
        return false;
    }

    /**
     * Makes the backend hang on the next call until cancelled.
     *
     * @return false when this backend cannot be made to hang; the tests needing it are skipped
     * @throws Exception whatever preparing the backend throws; it fails the test
     */
    protected boolean prepareHang() throws Exception {
        return false;
    }

    /**
     * A request the provider can serve; override to add a voice or language.
     *
     * @param provider the provider under test
     * @return a request in the first format the provider declares
     */
    protected ProviderRequest request(TtsProvider provider) {
        AudioFormat format = provider.capabilities().formats().iterator().next();
        SpeechRequest req = SpeechRequest.builder().text("Hello from the contract test.").format(format).build();
        return ProviderRequest.of(provider.id(), req, Optional.empty(), format);
    }

    /**
     * Returns once a call made on another thread is under way in the provider, so that the
     * cancellation test cancels a running call. The default waits (up to ten seconds, without
     * sleeping) until that thread is inside the provider's own code; override it to wait for your
     * backend to have received the request, which is sharper.
     *
     * @param provider the provider under test
     * @param caller   the thread making the call, set once it started
     * @throws Exception when waiting fails or the call does not start in time
     */
    // Thread.yield: this polls without sleeping, and on a machine with few cores the caller's thread
    // must get the processor to reach the provider at all.
    @SuppressWarnings("ThreadPriorityCheck")
    protected void awaitCallInFlight(TtsProvider provider, java.util.concurrent.atomic.AtomicReference<Thread> caller)
            throws Exception {
        String type = provider.getClass().getName();
        String internal = provider.getClass().getPackageName() + ".internal.";
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            Thread t = caller.get();
            if (t != null) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    String c = frame.getClassName();
                    if (c.equals(type) || c.startsWith(type + "$") || c.startsWith(internal)) {
                        return;
                    }
                }
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        fail("the call never reached the provider");
    }

    @BeforeEach
    @SuppressWarnings("MustBeClosedChecker") // each test's resources are closed by tearDownContract
    void setUpContract() {
        resources = ResourceManager.create();
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDownContract() {
        executor.shutdownNow();
        resources.close();
    }

    /**
     * A call context on the system clock with this test's resources and a fresh cancellation token.
     *
     * @param timeout the call's deadline, from now
     * @return the context
     */
    protected CallContext context(Duration timeout) {
        return CallContext.of(timeout, Clock.systemUTC(), new CancellationToken(), resources);
    }

    @Test
    void idIsStableAndLowercase() {
        try (TtsProvider p = createProvider()) {
            assertTrue(p.id().matches("[a-z0-9][a-z0-9-]*"), "id must be lowercase: " + p.id());
            assertEquals(p.id(), p.id());
        }
    }

    @Test
    void capabilitiesAreCoherent() {
        try (TtsProvider p = createProvider()) {
            ProviderCapabilities caps = p.capabilities();
            assertNotNull(caps);
            assertFalse(caps.formats().isEmpty(), "declares formats");
            assertTrue(caps.maxChars() > 0 && caps.maxUtf8Bytes() > 0);
            assertTrue(caps.maxConcurrentCalls() > 0);
            for (AudioFormat f : caps.formats()) {
                assertEquals(f, AudioFormat.parse(f.providerName()), "format names round-trip");
            }
        }
    }

    @Test
    void synthesizeReturnsAudioInTheRequestedFormat() throws Exception {
        try (TtsProvider p = createProvider()) {
            prepareSuccess();
            ProviderRequest req = request(p);
            SpeechResult r = p.synthesize(req, context(Duration.ofSeconds(30)));
            assertEquals(p.id(), r.provider());
            assertEquals(req.format(), r.format());
            assertTrue(r.size() > 0, "audio is not empty");
            assertFalse(r.toString().contains(req.text()), "toString never shows the text");
        }
    }

    @Test
    void streamDeliversBytesAndClosesIdempotently() throws Exception {
        try (TtsProvider p = createProvider()) {
            assumeTrue(p.capabilities().streaming(), "provider does not stream");
            prepareSuccess();
            ProviderRequest req = request(p);
            AudioStream s;
            byte[] bytes;
            try (AudioStream opened = p.stream(req, context(Duration.ofSeconds(30)))) {
                s = opened;
                bytes = opened.readAllBytes();
            }
            assertTrue(bytes.length > 0);
            assertEquals(req.format(), s.format());
            assertEquals(p.id(), s.provider());
            assertDoesNotThrow(s::close);
            assertThrows(IOException.class, s::read, "reading a closed stream fails");
        }
    }

    @Test
    void failuresAreTypedAndNameTheProvider() throws Exception {
        try (TtsProvider p = createProvider()) {
            assumeTrue(prepareFailure(), "backend cannot be made to fail");
            ProviderRequest req = request(p);
            TtsException e = assertThrows(TtsException.class, () -> p.synthesize(req, context(Duration.ofSeconds(30))));
            assertEquals(Optional.of(p.id()), e.provider());
            assertFalse(String.valueOf(e.getMessage()).contains(req.text()), "message never contains the text");
        }
    }

    @Test
    void deadlineIsHonoured() throws Exception {
        try (TtsProvider p = createProvider()) {
            assumeTrue(prepareHang(), "backend cannot be made to hang");
            ProviderRequest req = request(p);
            long start = System.nanoTime();
            TtsException e = assertThrows(TtsException.class, () -> p.synthesize(req, context(Duration.ofMillis(300))));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(e instanceof TtsTimeoutException || e instanceof CancelledException, "timeout, was " + e);
            assertTrue(took.compareTo(Duration.ofMillis(300).plus(DEADLINE_SLACK)) < 0, "ended after " + took);
        }
    }

    @Test
    void cancellationStopsTheCall() throws Exception {
        try (TtsProvider p = createProvider()) {
            assumeTrue(prepareHang(), "backend cannot be made to hang");
            ProviderRequest req = request(p);
            CallContext ctx = context(Duration.ofSeconds(60));
            java.util.concurrent.atomic.AtomicReference<Thread> caller = new java.util.concurrent.atomic.AtomicReference<>();
            Future<?> call = executor.submit(() -> {
                caller.set(Thread.currentThread());
                return p.synthesize(req, ctx);
            });
            // Cancellation before the call starts is a different path: wait until it is under way.
            awaitCallInFlight(p, caller);
            ctx.cancellation().cancel();
            try {
                call.get(DEADLINE_SLACK.toMillis(), TimeUnit.MILLISECONDS);
                fail("a cancelled call must not succeed");
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof CancelledException, "CancelledException, was " + e.getCause());
            }
        }
    }

    @Test
    void closeIsIdempotent() {
        TtsProvider p = createProvider();
        assertDoesNotThrow(p::close);
        assertDoesNotThrow(p::close);
    }

    @Test
    void sameRequestGivesSameFormatTwice() throws Exception {
        try (TtsProvider p = createProvider()) {
            prepareSuccess();
            ProviderRequest req = request(p);
            SpeechResult a = p.synthesize(req, context(Duration.ofSeconds(30)));
            prepareSuccess();
            SpeechResult b = p.synthesize(req, context(Duration.ofSeconds(30)));
            assertEquals(a.format(), b.format());
            assertTrue(b.size() > 0, "second call returns audio too");
        }
    }
}
