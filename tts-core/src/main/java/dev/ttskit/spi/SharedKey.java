package dev.ttskit.spi;

import java.util.Objects;

/**
 * Names a shared component in a {@link ResourceManager} together with its type, so that every user
 * of the component gets it back typed, without a cast that could fail at run time. Keys are equal
 * when name and type are: keep one constant per component (the HTTP module's client key, say) and
 * every adapter that uses it shares one instance.
 *
 * @param <T> the component's type
 */
public final class SharedKey<T> {
    private final String name;
    private final Class<T> type;

    private SharedKey(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    /**
     * A key.
     *
     * @param name what the component is, for logs and stats; not blank
     * @param type the component's class
     * @param <T>  the component's type
     * @return the key; keys are equal when name and type are
     */
    public static <T> SharedKey<T> of(String name, Class<T> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) throw new IllegalArgumentException("a shared component's name must not be blank");
        return new SharedKey<>(name, type);
    }

    /** {@return what the component is} */
    public String name() { return name; }

    /** {@return the component's class} */
    public Class<T> type() { return type; }

    /**
     * The component, checked against this key's type.
     *
     * @param component a component stored under this key
     * @return the component as {@code T}
     * @throws ClassCastException when it is not of this key's type
     */
    public T cast(Object component) { return type.cast(component); }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedKey<?> k && name.equals(k.name) && type.equals(k.type);
    }

    @Override
    public int hashCode() { return 31 * name.hashCode() + type.hashCode(); }

    @Override
    public String toString() { return name + " (" + type.getName() + ")"; }
}
