package dev.ttskit.cli;

import picocli.CommandLine.Option;

/**
 * {@code --debug}, which every command takes. The CLI reads it from the parse result (see
 * {@link TtsCli}) to route the libraries' log records and to add stack traces to errors.
 */
final class DebugOption {
    static final String NAME = "--debug";

    @Option(names = NAME, description = "Add stack traces to errors, and show the libraries' own warnings (MaryTTS, JDBC pool...).")
    boolean debug;
}
