package dev.ttskit.validation.internal;

import dev.ttskit.ValidationException;
import dev.ttskit.validation.InjectionPolicy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Screens text for injection payloads. Each rule has a name that goes into the exception message;
 * the text itself never does. Every pattern is free of nested quantifiers so matching stays linear,
 * and word boundaries are one-character lookarounds rather than {@code \b}, which java.util.regex
 * checks by scanning back over combining marks (quadratic on a long run of them).
 */
public final class InjectionScreen {
    private record Rule(String name, Pattern pattern) {
    }

    private static final List<Rule> LENIENT = List.of(
            rule("lookup-expression", "\\$\\{\\s*(?:jndi|env|sys|java|ctx|lower|upper|main|bundle|date|log4j|spring|script|dns|base64|url|file|k8s|docker)\\s*:"),
            rule("script-tag", "<\\s*/?\\s*script(?![a-z0-9_])"),
            rule("javascript-url", "(?<![a-z0-9_])javascript\\s*:"),
            rule("markup-declaration", "<!\\s*(?:doctype|entity|\\[cdata\\[)"),
            rule("command-substitution", "\\$\\(\\s*[a-z/]"),
            rule("pipe-to-interpreter", "\\|\\s*(?:sudo\\s+)?(?:sh|bash|zsh|ksh|dash|python[0-9.]*|perl|ruby|php|nc|ncat|powershell|pwsh|cmd(?:\\.exe)?)(?![a-z0-9_])"),
            rule("destructive-command", "(?<![a-z0-9_])rm\\s+-[a-z]*(?:rf|fr)(?![a-z0-9_])"));

    private static final List<Rule> STRICT_EXTRA = List.of(
            rule("backtick-span", "`[^`\\n]{1,200}`"),
            rule("character-reference", "&(?:#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});"),
            rule("shell-operator", "&&|\\|\\||;\\s*(?:rm|cat|ls|id|whoami|uname|curl|wget|sh|bash|chmod|nc)(?![a-z0-9_])"),
            rule("template-expression", "\\{\\{|\\{%|<%|\\$\\{"),
            rule("path-traversal", "\\.\\.[/\\\\]"),
            rule("sql-injection", "'\\s*(?:or|and)\\s+'?[0-9a-z]{1,64}'?\\s*=\\s*'?[0-9a-z]{1,64}|(?<![a-z0-9_])union\\s+(?:all\\s+)?select(?![a-z0-9_])|;\\s*drop\\s+table(?![a-z0-9_])"),
            rule("reconnaissance-command", "(?<![a-z0-9_])(?:whoami|uname\\s+-a|/etc/passwd|cmd\\.exe)(?![a-z0-9_])"));

    private InjectionScreen() {
    }

    private static Rule rule(String name, String regex) {
        return new Rule(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    /** @throws ValidationException naming the first rule the text matches */
    public static void check(String text, InjectionPolicy policy) {
        if (policy == InjectionPolicy.OFF) return;
        for (Rule r : LENIENT) check(text, r, policy);
        if (policy == InjectionPolicy.STRICT) {
            for (Rule r : STRICT_EXTRA) check(text, r, policy);
        }
    }

    private static void check(String text, Rule rule, InjectionPolicy policy) {
        if (rule.pattern().matcher(text).find()) {
            throw ValidationException.builder("text matches the injection pattern '" + rule.name() + "' (injection policy " + policy + ")")
                    .build();
        }
    }
}
