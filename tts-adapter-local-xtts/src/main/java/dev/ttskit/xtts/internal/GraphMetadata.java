package dev.ttskit.xtts.internal;

import dev.ttskit.ModelException;

import java.util.Map;

/**
 * The {@code metadata_props} of one graph (spec section 5): every value is a string; numbers are
 * parsed numerically, booleans are {@code 0}/{@code 1}; a missing or malformed key is a
 * {@link ModelException} naming the key and the file.
 */
public final class GraphMetadata {
    private final String file;
    private final Map<String, String> values;

    public GraphMetadata(String file, Map<String, String> values) {
        this.file = file;
        this.values = Map.copyOf(values);
    }

    public String file() {
        return file;
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null) throw error("metadata key '" + key + "' is missing");
        return v.trim();
    }

    public double number(String key) {
        String v = string(key);
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw error("metadata key '" + key + "' must be a number, was '" + v + "'");
        }
    }

    /** A whole number; accepts {@code 22050} and {@code 22050.0}. */
    public int integer(String key) {
        double d = number(key);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw error("metadata key '" + key + "' must be a whole number, was '" + string(key) + "'");
        }
        return (int) d;
    }

    public int positive(String key) {
        int v = integer(key);
        if (v < 1) throw error("metadata key '" + key + "' must be >= 1, was " + v);
        return v;
    }

    public boolean bool(String key) {
        String v = string(key);
        if (v.equals("1") || v.equalsIgnoreCase("true")) return true;
        if (v.equals("0") || v.equalsIgnoreCase("false")) return false;
        throw error("metadata key '" + key + "' must be 0 or 1, was '" + v + "'");
    }

    /** Checks the keys every graph carries: contract, version and the graph's role. */
    public void checkCommon(String role) {
        String contract = string("contract");
        if (!XttsManifest.CONTRACT.equals(contract)) {
            throw error("metadata 'contract' must be '" + XttsManifest.CONTRACT + "', was '" + contract + "'");
        }
        int version = integer("contract_version");
        if (version != XttsManifest.CONTRACT_VERSION) {
            throw error("contract_version " + version + " is not supported (this adapter reads version " + XttsManifest.CONTRACT_VERSION + ")");
        }
        String graph = string("graph");
        if (!role.equals(graph)) throw error("is a '" + graph + "' graph, but the manifest lists it as " + role);
        positive("d_model");
    }

    public ModelException error(String what) {
        return ModelException.builder(file + ": " + what).provider(XttsIds.PROVIDER).build();
    }
}
