package dev.ttskit.cli;

import dev.ttskit.Settings;
import dev.ttskit.cluster.TtsCluster;
import dev.ttskit.cluster.WebhookRecorder;
import dev.ttskit.replicate.WebhookServer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ttskit webhooks}: Replicate's webhooks for applications that run as several instances
 * (tts-cluster). {@code serve} is a receiver of its own that verifies each delivery and records the
 * completion in the cluster database, where the instance whose call waits picks it up; it speaks
 * nothing and needs no provider key.
 */
@Command(name = "webhooks", subcommands = WebhooksCommand.Serve.class,
        description = "Replicate webhooks for applications that run as several instances on one PostgreSQL database.",
        footer = {"", "Settings: REPLICATE_WEBHOOK_SECRET, REPLICATE_WEBHOOK_BIND, REPLICATE_WEBHOOK_URL (its path is served),",
            "TTSKIT_CLUSTER_DB_URL, TTSKIT_CLUSTER_DB_USER, TTSKIT_CLUSTER_DB_PASSWORD."})
final class WebhooksCommand implements Callable<Integer> {
    WebhooksCommand(CliContext ctx) {
        // picocli makes every command through the CLI's factory; this one only lists its subcommands
    }

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("name a webhooks command: serve");
    }

    /** {@code ttskit webhooks serve}. */
    @Command(name = "serve", sortOptions = false,
            description = {"Receive Replicate webhooks and record each verified completion in the cluster database,",
                "for the instance whose call waits for it. Runs until stopped (Ctrl-C or SIGTERM), then exits 0."},
            footer = {"", "Deliveries that fail verification get 401 (or 400), a delivery id already handled by any",
                "instance is acknowledged and not processed again, and one that cannot be recorded (the database",
                "is away) gets 500, so Replicate sends it again."})
    static final class Serve implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--bind", paramLabel = "HOST:PORT", description = {"Where to listen (default REPLICATE_WEBHOOK_BIND); port 0 takes a free one.",
            "Bind loopback or a private address and let the proxy in front terminate https."})
        @Nullable String bind;

        @Option(names = "--path", paramLabel = "PATH", description = "The path to serve (default: the path of REPLICATE_WEBHOOK_URL, else /).")
        @Nullable String path;

        @Option(names = "--quiet", description = "Print nothing but errors (and the address it listens on).")
        boolean quiet;

        @Mixin
        DebugOption debug;

        Serve(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws UsageException, NotConfiguredException {
            Settings settings = ctx.settings(Map.of());
            String secret = settings.get("REPLICATE_WEBHOOK_SECRET").orElseThrow(() -> new NotConfiguredException(
                    "REPLICATE_WEBHOOK_SECRET is not set: set it to the webhook signing secret (whsec_...) Replicate shows for your account"));
            InetSocketAddress address = address(settings);
            String servedPath = servedPath(settings);
            if (settings.get("TTSKIT_CLUSTER_DB_URL").isEmpty()) {
                throw new NotConfiguredException("TTSKIT_CLUSTER_DB_URL is not set: set it to the PostgreSQL database the application's "
                        + "instances share (jdbc:postgresql://host:5432/db), with TTSKIT_CLUSTER_DB_USER and TTSKIT_CLUSTER_DB_PASSWORD");
            }
            TtsCluster cluster;
            try {
                cluster = TtsCluster.fromSettings(settings).orElseThrow();
            } catch (IllegalArgumentException e) {
                throw new UsageException("the cluster configuration is not usable: " + e.getMessage());
            }
            boolean interrupted = false;
            // The stop signal is closed last: once it is, a shutdown in progress ends the process.
            try (StopSignal stop = StopSignal.register()) {
                try (TtsCluster owned = cluster) {
                    WebhookRecorder recorder;
                    try {
                        recorder = WebhookRecorder.start(owned, secret, address, servedPath);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("REPLICATE_WEBHOOK_SECRET is not usable: " + e.getMessage());
                    } catch (UncheckedIOException e) {
                        ctx.stderr().println("ttskit: cannot listen on " + hostPort(address) + ": " + Words.why(e.getCause()));
                        return ExitCode.OTHER;
                    }
                    try (WebhookRecorder serving = recorder) {
                        ctx.stdout().println("listening for Replicate webhooks on http://" + hostPort(serving.address()) + serving.path());
                        checkDatabase(owned);
                        stop.await();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (!quiet) ctx.stdout().println("stopped");
            }
            if (interrupted) Thread.currentThread().interrupt();
            return ExitCode.OK;
        }

        /** --bind, else REPLICATE_WEBHOOK_BIND: a mistake names where the value came from. */
        private InetSocketAddress address(Settings settings) throws UsageException, NotConfiguredException {
            String source = bind != null ? "--bind" : "REPLICATE_WEBHOOK_BIND";
            String value = bind != null ? bind : settings.get("REPLICATE_WEBHOOK_BIND").orElseThrow(() -> new NotConfiguredException(
                    "REPLICATE_WEBHOOK_BIND is not set: set it (or give --bind) to the local host:port to listen on, e.g. 127.0.0.1:8088"));
            try {
                return WebhookServer.parseBind(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(source + " must be host:port with a port from 0 to 65535, was '" + value + "'");
            }
        }

        /** --path, else the path of REPLICATE_WEBHOOK_URL (the URL Replicate is told to post to), else {@code /}. */
        private String servedPath(Settings settings) throws UsageException {
            if (path != null) {
                if (!path.startsWith("/")) throw new UsageException("--path must start with /, was '" + path + "'");
                return path;
            }
            Optional<String> url = settings.get("REPLICATE_WEBHOOK_URL");
            if (url.isEmpty()) return "/";
            try {
                String p = new URI(url.get().trim()).getPath();
                return p == null || p.isEmpty() ? "/" : p;
            } catch (java.net.URISyntaxException e) {
                throw new UsageException("REPLICATE_WEBHOOK_URL is not a URL: " + e.getReason());
            }
        }

        /**
         * The receiver works without the database (deliveries get 500 until it answers, and Replicate
         * retries them), but a person starting it should hear at once that it is not reachable.
         */
        private void checkDatabase(TtsCluster cluster) {
            try {
                cluster.cleanUp();
            } catch (IllegalStateException e) {
                ctx.stderr().println("ttskit: warning: the cluster database does not answer yet; deliveries get 500 (and are sent again) "
                        + "until it does");
            }
        }

        private static String hostPort(InetSocketAddress a) {
            String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
        }
    }
}
