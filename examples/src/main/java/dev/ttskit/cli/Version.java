package dev.ttskit.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code ttskit --version}: the project version the build wrote into version.properties, and the Java running it. */
final class Version implements IVersionProvider {
    static String project() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            return "(version unknown)";
        }
        String v = p.getProperty("version", "");
        return v.isBlank() || v.startsWith("${") ? "(version unknown)" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "ttskit " + project(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")",
        };
    }
}
