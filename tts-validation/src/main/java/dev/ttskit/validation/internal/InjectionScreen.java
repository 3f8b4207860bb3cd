package dev.ttskit.validation.internal;

import dev.ttskit.ValidationException;
import dev.ttskit.validation.InjectionPolicy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Screens text for injection payloads. Each rule has a name that goes into the exception message;
 * the text itself never does. Every pattern is free of nested quantifiers so matching stays linear.
 */
public final class InjectionScreen {
    private record Rule(String name, Pattern pattern) {
    }

    private static final List<Rule> LENIENT = List.of(
            rule("lookup-expression", "\\$\\{\\s*(?:jndi|env|sys|java|ctx|lower|upper|main|bundle|date|log4j|spring|script|dns|base64|url|file|k8s|docker)\\s*:"),
            rule("script-tag", "<\\s*/?\\s*script\\b"),
            rule("javascript-url", "\\bjavascript\\s*:"),
            rule("markup-declaration", "<!\\s*(?:doctype|entity|\\[cdata\\[)"),
            rule("command-substitution", "\\$\\(\\s*[a-z/]"),
            rule("pipe-to-interpreter", "\\|\\s*(?:sudo\\s+)?(?:sh|bash|zsh|ksh|dash|python[0-9.]*|perl|ruby|php|nc|ncat|powershell|pwsh|cmd(?:\\.exe)?)\\b"),
            rule("destructive-command", "\\brm\\s+-[a-z]*(?:rf|fr)\\b"));

    private static final List<Rule> STRICT_EXTRA = List.of(
            rule("backtick-span", "`[^`\\n]{1,200}`"),
            rule("character-reference", "&(?:#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});"),
            rule("shell-operator", "&&|\\|\\||;\\s*(?:rm|cat|ls|id|whoami|uname|curl|wget|sh|bash|chmod|nc)\\b"),
            rule("template-expression", "\\{\\{|\\{%|<%|\\$\\{"),
            rule("path-traversal", "\\.\\.[/\\\\]"),
            rule("sql-injection", "'\\s*(?:or|and)\\s+'?[0-9a-z]+'?\\s*=\\s*'?[0-9a-z]+|\\bunion\\s+(?:all\\s+)?select\\b|;\\s*drop\\s+table\\b"),
            rule("reconnaissance-command", "\\b(?:whoami|uname\\s+-a|/etc/passwd|cmd\\.exe)\\b"));

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
            throw new ValidationException("text matches the injection pattern '" + rule.name() + "' (injection policy "
                    + policy + ")");
        }
    }
}
