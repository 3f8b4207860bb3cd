package dev.ttskit.spring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The README's one settings table, the properties' generated metadata and the mapping between
 * settings names and properties say the same thing: a setting added to one and not the others fails here.
 */
class SettingsTableTest {
    /** Properties that are not one setting: switches of the auto-configuration, the chain itself, per-provider maps. */
    private static final Set<String> SPRING_ONLY = Set.of("ttskit.enabled", "ttskit.providers", "ttskit.voices", "ttskit.max-concurrency");
    /** Settings that are not client settings: the jobs database, the validator's directories, the chain. */
    private static final Set<String> ENVIRONMENT_ONLY = Set.of("TTSKIT_PROVIDERS", "TTSKIT_REFERENCE_DIRS", "TTSKIT_JOBS_DB_URL",
            "TTSKIT_JOBS_DB_USER", "TTSKIT_JOBS_DB_PASSWORD", "AWS_ENDPOINT_URL");

    private static List<String> tableLines() throws IOException {
        Path readme = Path.of("").toAbsolutePath().getParent().resolve("README.md");
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int start = lines.indexOf("| setting (environment) | Spring property | meaning | default |");
        List<String> out = new ArrayList<>();
        for (int i = start + 2; start >= 0 && i < lines.size() && lines.get(i).startsWith("|"); i++) out.add(lines.get(i));
        return out;
    }

    @Test
    void everyMappedSettingIsInTheReadmeTableBesideItsProperty() throws IOException {
        List<String> table = tableLines();
        List<String> missing = new ArrayList<>();
        for (PropertySettings.Row row : PropertySettings.ROWS) {
            String line = table.stream().filter(l -> l.contains("`" + row.setting() + "`")).findFirst().orElse(null);
            String p = row.property();
            int dot = p.lastIndexOf('.');
            boolean listed = line != null && (line.contains("`" + p + "`")
                    || line.contains("`" + p.substring(dot) + "`") && line.contains("`" + p.substring(0, dot + 1)));
            if (!listed) missing.add(row.setting() + " / " + p);
        }
        assertEquals(List.of(), missing, "settings missing from the README's table, or beside another property");
    }

    @Test
    void everySettingInTheReadmeTableIsMapped() throws IOException {
        Set<String> mapped = new TreeSet<>();
        PropertySettings.ROWS.forEach(r -> mapped.add(r.setting()));
        Set<String> unmapped = new TreeSet<>();
        Matcher m = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(String.join("\n", tableLines()));
        while (m.find()) {
            if (!mapped.contains(m.group(1)) && !ENVIRONMENT_ONLY.contains(m.group(1))) unmapped.add(m.group(1));
        }
        assertEquals(Set.of(), unmapped, "settings in the README with no Spring property");
    }

    @Test
    void everyGeneratedPropertyIsMappedOrASpringSwitch() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "no configuration metadata was generated");
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        json = json.substring(json.indexOf("\"properties\""));          // not the groups before them
        if (json.contains("\"hints\"")) json = json.substring(0, json.indexOf("\"hints\""));
        Set<String> mapped = new TreeSet<>();
        PropertySettings.ROWS.forEach(r -> mapped.add(r.property()));
        Set<String> unmapped = new TreeSet<>();
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"(ttskit\\.[^\"]+)\"").matcher(json);
        while (m.find()) {
            String name = m.group(1);
            documented.add(name);
            if (!mapped.contains(name) && !SPRING_ONLY.contains(name) && !name.endsWith(".enabled")) unmapped.add(name);
        }
        assertEquals(Set.of(), unmapped, "properties that reach no setting");
        Set<String> undocumented = new TreeSet<>(mapped);
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "mapped properties missing from the metadata");
    }
}
