package dev.ttskit.replicate.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ttskit.AudioFormatException;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RateLimitException;
import dev.ttskit.Sleeper;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.spi.CompletionBus;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one prediction from create to a usable output under one of the completion strategies, and
 * turns every other ending into a typed exception carrying the prediction id: failed, canceled,
 * aborted, cancelled by the caller, or out of time. On the caller's cancel and at the deadline it
 * asks Replicate to cancel the prediction (best effort, without waiting).
 */
public final class PredictionRunner {
    /** The strategies, as the runner sees them. */
    public enum Mode { WEBHOOK, SYNC, POLLING }

    private static final Logger log = LoggerFactory.getLogger(PredictionRunner.class);
    private static final Duration MAX_RESERVE = Duration.ofSeconds(5);
    /**
     * Status checks answered 404 in a row before the prediction counts as gone: one just created may
     * be briefly unknown where the GET lands, one that stays unknown will not come back, and waiting
     * for it would spend the caller's whole deadline on a prediction that does not exist.
     */
    static final int NOT_FOUND_LIMIT = 3;

    private final ReplicateApi api;
    private final CompletionBus bus;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final Duration webhookPatience;
    private final String provider;

    /**
     * @param webhookPatience how long to wait for a webhook before checking with a GET (a GET also
     *                        runs just before the deadline, whatever this is)
     */
    public PredictionRunner(ReplicateApi api, CompletionBus bus, Sleeper sleeper, Backoff backoff, Duration webhookPatience,
                            String provider) {
        this.api = api;
        this.bus = bus;
        this.sleeper = sleeper;
        this.backoff = backoff;
        this.webhookPatience = webhookPatience;
        this.provider = provider;
    }

    /** Time a synchronous create's answer gets beyond its wait, within the first-byte limit. */
    private static final long CREATE_ANSWER_SECONDS = 5;

    /**
     * Creates the prediction and waits for it.
     *
     * @param syncWait   seconds for {@code Prefer: wait} in SYNC mode
     * @param singleFile whether a non-null output of an unfinished prediction is already final
     * @return a prediction whose output can be downloaded
     */
    public Prediction run(Mode mode, OkHttpClient client, ModelRef model, ObjectNode input, @Nullable String webhook, int syncWait,
                          boolean singleFile, CallContext ctx) {
        Duration total = ctx.remaining();
        Duration reserve = min(MAX_RESERVE, total.dividedBy(5));
        int wait = 0;
        OkHttpClient createClient = client;
        if (mode == Mode.SYNC) {
            // Hold the request no longer than the deadline allows, so the answer (with the id) arrives in time.
            wait = (int) Math.max(1, Math.min(syncWait, total.minus(reserve).toSeconds()));
            // Nor longer than the attempt's first-byte limit, which bounds the wait for the answer's headers.
            Duration firstByte = ctx.firstByteTimeout().orElse(null);
            if (firstByte != null) {
                wait = (int) Math.max(1, Math.min(wait, firstByte.toSeconds() - CREATE_ANSWER_SECONDS));
            }
            createClient = client.newBuilder().readTimeout(Duration.ofSeconds(wait + 15L)).build();
        }
        // An async create answers at once; letting a cancel abort it would lose the id of a prediction
        // that may already run (and bill). So only a sync create, which holds the line, is abortable;
        // otherwise the cancel is honoured as soon as the id is known.
        CallContext createCtx = mode == Mode.SYNC ? ctx
                : ctx.withCancellation(new CancellationToken());
        // A resumable call that already started a prediction fetches it instead of paying for another;
        // a new prediction's id is kept before waiting, so that a crash while waiting loses nothing.
        Prediction created = resumed(client, ctx);
        if (created == null) {
            created = api.create(createClient, model, input, mode == Mode.WEBHOOK ? webhook : null, wait, total, createCtx);
            ctx.checkpoint().put(checkpointKey(provider), created.id());
        }
        String id = created.id();
        log.debug("created prediction {} ({}, {})", id, created.status(), mode);
        AtomicBoolean callerCancelled = new AtomicBoolean();
        CompletableFuture<Void> cancelSignal = new CompletableFuture<>();
        CompletableFuture<byte[]> webhookSignal = mode == Mode.WEBHOOK ? bus.await(id) : null;
        Prediction done;
        CancellationToken.Registration onCancel = ctx.cancellation().onCancel(() -> {
            callerCancelled.set(true);
            cancelSignal.complete(null);
        });
        try {
            if (created.status().terminal() || (mode == Mode.SYNC && singleFile && created.outputFile().isPresent())) {
                done = created;
            } else if (webhookSignal != null) {   // set exactly in webhook mode
                done = awaitWebhook(client, id, webhookSignal, cancelSignal, reserve, ctx);
            } else {
                done = poll(client, id, ctx);
            }
        } catch (CancelledException | TtsTimeoutException e) {
            sendCancel(client, id, ctx);
            throw e.requestId().isPresent() ? e : withId(e, id);
        } finally {
            onCancel.close();
            if (webhookSignal != null) bus.forget(id);
        }
        return usable(done, callerCancelled.get());
    }

    /** The checkpoint key under which a resumable call keeps its prediction's id. */
    public static String checkpointKey(String provider) {
        return provider + ".prediction";
    }

    /** The prediction an earlier run of this call created, unless there is none or it ended without a result. */
    private @Nullable Prediction resumed(OkHttpClient client, CallContext ctx) {
        String key = checkpointKey(provider);
        Optional<String> id = ctx.checkpoint().get(key);
        if (id.isEmpty()) return null;
        Prediction p;
        try {
            p = api.get(client, id.get(), ctx);
        } catch (ProviderUnavailableException e) {
            if (!notFound(e)) throw e;
            // Replicate does not know the id (another account's token, or a note from another
            // deployment): nothing runs that this call could pick up, so it starts its own.
            log.debug("prediction {} of an earlier run is not found; starting a new one", id.get());
            ctx.checkpoint().remove(key);
            return null;
        }
        if (p.status().terminal() && p.status() != PredictionStatus.SUCCEEDED) {
            log.debug("prediction {} of an earlier run ended {}; starting a new one", p.id(), p.status());
            ctx.checkpoint().remove(key);
            return null;
        }
        log.debug("resuming prediction {} ({})", p.id(), p.status());
        return p;
    }

    /** Asks Replicate to cancel the prediction a resumable call left behind (its job was cancelled). */
    public void abandon(OkHttpClient client, CallContext ctx) {
        ctx.checkpoint().get(checkpointKey(provider)).ifPresent(id -> sendCancel(client, id, ctx));
    }

    private Prediction awaitWebhook(OkHttpClient client, String id, CompletableFuture<byte[]> webhook,
                                    CompletableFuture<Void> cancelled, Duration reserve, CallContext ctx) {
        CompletableFuture<byte[]> pending = webhook;
        TtsException lastError = null;
        int notFound = 0;
        while (true) {
            Duration untilCheck = min(webhookPatience, ctx.remaining().minus(reserve));
            if (!untilCheck.isNegative() && !untilCheck.isZero()) {
                try {
                    CompletableFuture.anyOf(pending, cancelled).get(untilCheck.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // no webhook yet: reconcile below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw CancelledException.builder("interrupted while waiting for the webhook")
                            .provider(provider).requestId(id).cause(e).build();
                } catch (ExecutionException | CancellationException e) {
                    log.debug("webhook wait for {} ended: {}", id, e.toString());
                }
            }
            if (cancelled.isDone()) throw CancelledException.builder("request was cancelled")
                    .provider(provider).requestId(id).build();
            if (pending.isCompletedExceptionally()) {
                throw ProviderUnavailableException.builder("stopped waiting for the webhook: the provider is closing")
                        .provider(provider).requestId(id).build();
            }
            if (pending.isDone()) {
                try {
                    Prediction p = Prediction.parse(pending.join());
                    if (p.id().equals(id)) return p;
                } catch (MalformedPredictionException e) {
                    log.debug("unreadable webhook for {} ignored; checking with GET", id);
                }
                pending = new CompletableFuture<>();   // consumed: wait on the deadline alone from now on
            }
            // A webhook is an accelerator, not the source of truth: ask before giving up.
            try {
                Prediction p = api.get(client, id, ctx);
                if (p.status().terminal()) {
                    log.debug("prediction {} finished without a webhook; reconciled with GET", id);
                    return p;
                }
                notFound = 0;
            } catch (ProviderUnavailableException | RateLimitException e) {
                lastError = e;
                notFound = notFound(e) ? notFound + 1 : 0;
                if (notFound >= NOT_FOUND_LIMIT) throw gone(id, e);
            }
            if (ctx.remaining().compareTo(reserve) <= 0) {
                throw TtsTimeoutException.builder("no webhook and no result before the deadline")
                        .provider(provider).requestId(id).cause(lastError).build();
            }
        }
    }

    private Prediction poll(OkHttpClient client, String id, CallContext ctx) {
        TtsException lastError = null;
        int notFound = 0;
        for (int attempt = 0; ; attempt++) {
            if (ctx.cancellation().isCancelled()) throw CancelledException.builder("request was cancelled")
                    .provider(provider).requestId(id).build();
            Duration remaining = ctx.remaining();
            if (remaining.isZero()) throw TtsTimeoutException.builder("prediction did not finish before the deadline")
                    .provider(provider).requestId(id).cause(lastError).build();
            Duration delay = backoff.delay(attempt);
            if (lastError instanceof RateLimitException rl && rl.retryAfter().isPresent()) delay = max(delay, rl.retryAfter().get());
            try {
                sleeper.sleep(min(delay, remaining));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CancelledException.builder("interrupted while polling")
                        .provider(provider).requestId(id).cause(e).build();
            }
            ctx.checkActive(provider);
            try {
                Prediction p = api.get(client, id, ctx);
                lastError = null;
                notFound = 0;
                if (p.status().terminal()) return p;
            } catch (ProviderUnavailableException | RateLimitException e) {
                lastError = e;   // GETs are safe to repeat
                notFound = notFound(e) ? notFound + 1 : 0;
                if (notFound >= NOT_FOUND_LIMIT) throw gone(id, e);
            }
        }
    }

    private static boolean notFound(TtsException e) {
        return e.providerStatus().orElse(0) == 404;
    }

    /** The prediction's status checks kept answering 404: an outage of this provider for this call (it fails over). */
    private ProviderUnavailableException gone(String id, TtsException lastNotFound) {
        return ProviderUnavailableException.builder("prediction is not found by its status check (HTTP 404, " + NOT_FOUND_LIMIT + " times)")
                .provider(provider).requestId(id).providerStatus(404).cause(lastNotFound).build();
    }

    /** The prediction if it has an output to fetch; a typed exception for every other ending. */
    private Prediction usable(Prediction p, boolean callerCancelled) {
        switch (p.status()) {
            case FAILED:
                // The model's error may echo a key or the input: scrubbed, and kept as the cause only.
                throw ProviderUnavailableException.builder("prediction failed").provider(provider).requestId(p.id())
                        .cause(new PredictionFailure(api.scrubber().text(p.error().orElse(null), PredictionFailure.MAX_CHARS))).build();
            case CANCELED:
                if (callerCancelled) throw CancelledException.builder("prediction was canceled")
                        .provider(provider).requestId(p.id()).build();
                throw TtsTimeoutException.builder("prediction was canceled (deadline passed)")
                        .provider(provider).requestId(p.id()).build();
            case ABORTED:
                throw TtsTimeoutException.builder("prediction was aborted: its deadline passed before it started")
                        .provider(provider).requestId(p.id()).build();
            default:
                break;
        }
        if (p.outputFile().isEmpty()) {
            if (p.dataRemoved()) {
                throw AudioFormatException.builder("prediction output expired: Replicate removed it (data_removed)")
                        .provider(provider).requestId(p.id()).build();
            }
            throw AudioFormatException.builder("prediction succeeded without an output file")
                    .provider(provider).requestId(p.id()).build();
        }
        if (p.outputCount() > 1) log.debug("prediction {} returned {} outputs; using the first", p.id(), p.outputCount());
        return p;
    }

    /** Asks Replicate to cancel, on a worker thread with its own short budget: the caller does not wait. */
    private void sendCancel(OkHttpClient client, String id, CallContext ctx) {
        try {
            ctx.resources().executor().execute(() -> {
                try {
                    api.cancel(client, id, CallContext.of(Duration.ofSeconds(10), ctx.clock(), new CancellationToken(), ctx.resources()));
                    log.debug("cancelled prediction {}", id);
                } catch (RuntimeException e) {
                    log.debug("cancel of prediction {} failed: {}", id, e.toString());
                }
            });
        } catch (RejectedExecutionException | IllegalStateException e) {
            log.debug("cancel of prediction {} not sent: resources closed", id);
        }
    }

    private static TtsException withId(TtsException e, String id) {
        if (e instanceof CancelledException) return CancelledException.builder(e.getMessage())
                .provider(e.provider().orElse(null)).requestId(id).cause(e).build();
        return TtsTimeoutException.builder(e.getMessage())
                .provider(e.provider().orElse(null)).requestId(id).cause(e).build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
