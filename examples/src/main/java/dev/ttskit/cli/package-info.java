/**
 * The {@code ttskit} command line: {@link dev.ttskit.cli.TtsCli} parses the arguments and runs
 * {@code speak}, {@code voices}, {@code providers}, {@code quota}, {@code webhooks} and {@code jobs}
 * against a client configured from the environment, and turns every failure into one line and an
 * exit code ({@link dev.ttskit.cli.ExitCode}).
 */
@NullMarked
package dev.ttskit.cli;

import org.jspecify.annotations.NullMarked;
