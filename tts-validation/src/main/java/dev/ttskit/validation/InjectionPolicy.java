package dev.ttskit.validation;

/**
 * Whether text is screened for injection patterns (shell, template, markup and lookup payloads)
 * before it reaches a provider. Off by default: text-to-speech input is prose, and pattern checks
 * reject ordinary prose.
 */
public enum InjectionPolicy {
    /** No screening. */
    OFF,
    /**
     * Rejects only payload shapes that do not occur in prose: {@code ${jndi:...}}-style lookups,
     * script and markup-declaration tags, command substitution such as {@code $(...)} and shell
     * pipelines into an interpreter. Words like "whoami", backticks and character references such
     * as <code>&amp;#39;</code> pass.
     */
    LENIENT,
    /**
     * Also rejects backtick spans, character references, shell operator chains, template braces and
     * path traversal. Expect false positives on technical prose.
     */
    STRICT
}
