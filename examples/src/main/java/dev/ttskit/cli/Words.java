package dev.ttskit.cli;

import org.jspecify.annotations.Nullable;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns what Java reports into words a user reads: never a class name or a collection's toString. */
final class Words {
    private Words() {
    }

    /** Why a file operation failed, e.g. "permission denied" or "no such file or directory". */
    static String why(java.io.@Nullable IOException e) {
        if (e == null) return "an input/output error";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileAlreadyExistsException) return "it already exists";
        if (e instanceof DirectoryNotEmptyException) return "the directory is not empty";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason().toLowerCase(Locale.ROOT);
        if (e.getMessage() != null && !e.getMessage().isBlank()) return e.getMessage();
        return "an input/output error";
    }

    /** "a, b and c". */
    static String list(Collection<?> items) {
        String[] all = items.stream().map(String::valueOf).toArray(String[]::new);
        if (all.length == 0) return "none";
        if (all.length == 1) return all[0];
        return String.join(", ", java.util.Arrays.copyOf(all, all.length - 1)) + " and " + all[all.length - 1];
    }

    /** "marytts (3 chunks), replicate (1 chunk)". */
    static String counts(Map<String, Integer> perName, String unit) {
        return perName.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + " " + unit + (e.getValue() == 1 ? "" : "s") + ")")
                .collect(Collectors.joining(", "));
    }
}
