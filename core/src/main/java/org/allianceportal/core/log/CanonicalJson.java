package org.allianceportal.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;

/**
 * The one JSON encoding of log payloads: keys sorted, no white space, times as ISO-8601 text,
 * so the same change always yields the same bytes (the transparency log hashes them).
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CanonicalJson() {
    }

    public static String write(Map<String, ?> payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload cannot be encoded: " + payload, e);
        }
    }

    public static Map<String, Object> read(String json) {
        try {
            return MAPPER.readerForMapOf(Object.class).readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a log payload: " + json, e);
        }
    }
}
