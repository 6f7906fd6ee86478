package org.fengqiao.incident.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The two formats of GeoReport v2. A response is built once as maps and lists (JSON's shape, keys in the
 * standard's order, nulls kept) and written either as JSON or as XML: the root element named by the
 * standard, list items named by their list ({@code services/service}, {@code attributes/attribute},
 * {@code values/value}, ...), a null as an empty element, the XML declaration saying UTF-8.
 */
enum Open311Format {
    XML("text/xml"), JSON("application/json");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final XMLOutputFactory XML_OUT = XMLOutputFactory.newFactory();
    private static final Map<String, String> ITEMS = Map.of("services", "service", "service_requests", "request",
            "attributes", "attribute", "values", "value", "errors", "error", "endpoints", "endpoint", "formats", "format");

    private final String mediaType;

    Open311Format(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** The format a path's suffix names, or null for any other. */
    static Open311Format of(String suffix) {
        if ("xml".equals(suffix)) {
            return XML;
        }
        if ("json".equals(suffix)) {
            return JSON;
        }
        return null;
    }

    /** The format of a request's path, XML when the suffix names none (XML is the standard's required format). */
    static Open311Format ofPath(String path) {
        return path != null && path.endsWith(".json") ? JSON : XML;
    }

    /**
     * Writes a response. In JSON the body is the content itself (a list for services, requests and errors, an
     * object for a service definition and discovery); in XML it sits in the root element named.
     */
    ResponseEntity<String> write(int status, String root, Object content) {
        String body = this == JSON ? json(content) : xml(root, content);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(new MediaType(MediaType.parseMediaType(mediaType), StandardCharsets.UTF_8));
        // web clients on other sites may read the answers: nothing here rides on a cookie, the key is a form field
        headers.setAccessControlAllowOrigin("*");
        // the texts follow Accept-Language (Open311Language): a cache keeps each language's answer apart
        headers.setVary(List.of(HttpHeaders.ACCEPT_LANGUAGE));
        return ResponseEntity.status(status).headers(headers).body(body);
    }

    private static String json(Object content) {
        try {
            return MAPPER.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xml(String root, Object content) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = XML_OUT.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            element(w, root, content);
            w.writeEndDocument();
            w.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The text without the characters XML 1.0 cannot carry even escaped (controls other than tab, line feed and carriage
     * return, unpaired surrogates, U+FFFE and U+FFFF): one such character in one request's description would make the
     * whole list unreadable to every client's parser. Intake refuses them now; reports stored before may hold them.
     */
    static String xmlText(String s) {
        StringBuilder kept = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (kept != null) {
                    kept.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed && kept == null) {
                kept = new StringBuilder(s.length()).append(s, 0, i);
            } else if (allowed && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? s : kept.toString();
    }

    private static void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value == null) {
            w.writeEmptyElement(name);
            return;
        }
        w.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                element(w, String.valueOf(e.getKey()), e.getValue());
            }
        } else if (value instanceof List<?> list) {
            String item = ITEMS.getOrDefault(name, "item");
            for (Object o : list) {
                element(w, item, o);
            }
        } else {
            w.writeCharacters(xmlText(String.valueOf(value)));
        }
        w.writeEndElement();
    }
}
