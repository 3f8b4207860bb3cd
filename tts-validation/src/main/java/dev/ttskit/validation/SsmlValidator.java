package dev.ttskit.validation;

import dev.ttskit.ValidationException;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks SSML before it is sent to a provider that accepts it, and escapes plain text for SSML.
 *
 * <p>The XML is parsed with DOCTYPE declarations refused, external entities and DTD loading off and
 * secure processing on, so XXE and entity-expansion ("billion laughs") documents are rejected at
 * their first declaration. Only allow-listed elements and attributes pass (the SSML 1.1 speech
 * elements; {@code audio} and {@code lexicon}, which make the provider fetch URLs, are not on the
 * list). Depth and element count are bounded. Messages name elements and attributes, never text.
 */
public final class SsmlValidator {
    private static final int MAX_DEPTH = 32;
    private static final int MAX_ELEMENTS = 10_000;
    private static final int MAX_CHARS = 1_000_000;
    private static final Map<String, Set<String>> STANDARD = standardAllowList();

    private final Map<String, Set<String>> allowed;

    private SsmlValidator(Map<String, Set<String>> allowed) {
        this.allowed = allowed;
    }

    /**
     * The SSML 1.1 allow-list: speak, p, s, break, prosody, emphasis, say-as, phoneme, sub, lang,
     * voice, mark and w, each with its own attributes, plus {@code xml:lang} everywhere.
     *
     * @return the shared standard validator
     */
    public static SsmlValidator standard() {
        return new SsmlValidator(STANDARD);
    }

    /**
     * A validator that also accepts this element with these attributes (a provider's extensions).
     *
     * @param element    the element's local name
     * @param attributes the attributes it may carry; added to any it already may
     * @return a new validator; this one is unchanged
     */
    public SsmlValidator allow(String element, String... attributes) {
        Objects.requireNonNull(element, "element");
        Map<String, Set<String>> copy = new HashMap<>(allowed);
        Set<String> attrs = new HashSet<>(copy.getOrDefault(element, Set.of()));
        for (String a : attributes) attrs.add(Objects.requireNonNull(a, "attribute"));
        copy.put(element, Set.copyOf(attrs));
        return new SsmlValidator(Map.copyOf(copy));
    }

    /**
     * Validates an SSML document.
     *
     * @param ssml the document
     * @return the text it speaks (its character data), for length limits
     * @throws ValidationException when it is not well-formed, declares a DOCTYPE or entities, uses an
     *                             element or attribute that is not allowed, or is too deep or too large
     */
    public String validate(String ssml) {
        Objects.requireNonNull(ssml, "ssml");
        if (ssml.length() > MAX_CHARS) {
            throw ValidationException.builder("SSML is " + ssml.length() + " characters; at most " + MAX_CHARS + " allowed")
                    .build();
        }
        Handler handler = new Handler();
        try {
            XMLReader reader = newReader();
            reader.setContentHandler(handler);
            reader.setErrorHandler(handler);
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity");
            });
            reader.parse(new InputSource(new StringReader(ssml)));
        } catch (SAXParseException e) {
            if (handler.rejection != null) throw ValidationException.builder(handler.rejection).build();
            String detail = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "declares a DOCTYPE (DTDs and entities are not allowed)" : "is not well-formed XML";
            throw ValidationException.builder("SSML " + detail + " at line " + e.getLineNumber() + ", column " + e.getColumnNumber())
                    .build();
        } catch (SAXException e) {
            throw ValidationException.builder(handler.rejection != null ? handler.rejection : "SSML was rejected by the parser")
                    .build();
        } catch (IOException e) {
            throw ValidationException.builder("SSML could not be read").cause(e).build();
        }
        if (!"speak".equals(handler.root)) {
            throw ValidationException.builder("SSML root element must be speak").build();
        }
        return handler.text.toString();
    }

    /**
     * Escapes plain text for use as SSML character data or an attribute value.
     *
     * @param text plain text
     * @return the text with {@code &}, {@code <}, {@code >} and quotes as character references
     */
    public static String escape(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String rep;
            switch (c) {
                case '&': rep = "&amp;"; break;
                case '<': rep = "&lt;"; break;
                case '>': rep = "&gt;"; break;
                case '"': rep = "&quot;"; break;
                case '\'': rep = "&apos;"; break;
                default: rep = null;
            }
            if (rep != null) {
                if (sb == null) sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static XMLReader newReader() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader reader = f.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser does not support secure processing", e);
        }
    }

    private final class Handler extends DefaultHandler {
        final StringBuilder text = new StringBuilder();
        @Nullable String root;
        @Nullable String rejection;
        int depth;
        int elements;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            String name = localName.isEmpty() ? qName : localName;
            if (root == null) root = name;
            if (++depth > MAX_DEPTH) throw reject("SSML is nested deeper than " + MAX_DEPTH + " elements");
            if (++elements > MAX_ELEMENTS) throw reject("SSML has more than " + MAX_ELEMENTS + " elements");
            if (!uri.isEmpty() && !uri.equals("http://www.w3.org/2001/10/synthesis")) {
                throw reject("SSML element " + name + " is in a namespace that is not allowed");
            }
            Set<String> attrs = allowed.get(name);
            if (attrs == null) throw reject("SSML element " + name + " is not allowed");
            for (int i = 0; i < atts.getLength(); i++) {
                String attr = atts.getQName(i);
                if (attr.equals("xml:lang") || attr.equals("xmlns") || attr.startsWith("xmlns:")
                        || attr.equals("xsi:schemaLocation")) {
                    continue;
                }
                String local = atts.getLocalName(i).isEmpty() ? attr : atts.getLocalName(i);
                if (!attrs.contains(local)) throw reject("SSML attribute " + local + " is not allowed on " + name);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            depth--;
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a document unsafe; the default handler would print them.
        }

        /** Records why the document is refused and returns the exception that stops the parser; throw it. */
        private SAXException reject(String message) {
            rejection = message;
            return new SAXException(message);
        }
    }

    private static Map<String, Set<String>> standardAllowList() {
        Map<String, Set<String>> m = new HashMap<>();
        m.put("speak", Set.of("version", "schemaLocation"));
        m.put("p", Set.of());
        m.put("s", Set.of());
        m.put("break", Set.of("time", "strength"));
        m.put("prosody", Set.of("rate", "pitch", "volume", "range", "contour", "duration"));
        m.put("emphasis", Set.of("level"));
        m.put("say-as", Set.of("interpret-as", "format", "detail"));
        m.put("phoneme", Set.of("alphabet", "ph"));
        m.put("sub", Set.of("alias"));
        m.put("lang", Set.of());
        m.put("voice", Set.of("name", "gender", "age", "variant", "languages"));
        m.put("mark", Set.of("name"));
        m.put("w", Set.of("role"));
        return Map.copyOf(m);
    }
}
