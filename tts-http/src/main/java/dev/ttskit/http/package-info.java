/**
 * The HTTP plumbing that ttskit's HTTP adapters share, so that they behave alike on the wire.
 *
 * <ul>
 *   <li>{@link dev.ttskit.http.SharedHttpClient} gives every adapter of one client the same OkHttp
 *       client: one connection pool and dispatcher, sized by the client's
 *       {@link dev.ttskit.HttpSettings}, with redirects and OkHttp's silent retries off because the
 *       router is the only retry layer. The client's {@link dev.ttskit.spi.ResourceManager} owns it
 *       and shuts it down on close, so no connection or dispatcher thread outlives the client.</li>
 *   <li>{@link dev.ttskit.http.HttpCalls} runs one call within a {@link dev.ttskit.spi.CallContext}:
 *       the call times out when the request's deadline does, cancellation cancels it, and I/O
 *       failures become typed {@link dev.ttskit.TtsException}s naming the provider.</li>
 *   <li>{@link dev.ttskit.http.RetryAfter} reads a {@code Retry-After} header in either of its forms,
 *       and {@link dev.ttskit.http.BaseUrls} accepts configured base URLs with or without
 *       {@code /v1}.</li>
 * </ul>
 *
 * <pre>{@code
 * OkHttpClient http = SharedHttpClient.of(ctx.resources());
 * try (HttpCalls.InFlight call = HttpCalls.execute(http, request, ctx, "myprovider")) {
 *     Response response = call.response();
 *     ...
 * }
 * }</pre>
 *
 * <p>Applications do not use this package directly; they tune it with
 * {@code TtsClient.builder().httpSettings(...)}.
 */
@NullMarked
package dev.ttskit.http;

import org.jspecify.annotations.NullMarked;
