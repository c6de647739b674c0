package io.memserve.mempool.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * Token ids in a request body: a JSON array of ids, or one base64 string (RFC 4648) of the ids as little-endian 32-bit
 * integers. Readers take either; the Java client writes the string. Jackson encodes and decodes the base64 straight
 * between its buffers and the id bytes: going through a {@code String} costs a 4096-token prompt more than all the
 * rest of writing a match request (a character-by-character escape check of 22 KB), and as much again to read it.
 */
public final class TokenIdsJson {

    /** Standard alphabet, no line breaks; padding written, and accepted but not required when read. */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private TokenIdsJson() {
    }

    public static final class Reader extends ValueDeserializer<int[]> {

        @Override
        public int[] deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return ctxt.readValue(p, int[].class);
            }
            byte[] bytes = p.getBinaryValue(BASE64);
            if (bytes.length % Integer.BYTES != 0) {
                return ctxt.reportInputMismatch(this, "tokens: base64 of little-endian 32-bit ids decodes to %d bytes,"
                        + " not a whole number of ids", bytes.length);
            }
            int[] tokens = new int[bytes.length / Integer.BYTES];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = (int) INT_LE.get(bytes, i * Integer.BYTES);
            }
            return tokens;
        }
    }

    public static final class Writer extends ValueSerializer<int[]> {

        @Override
        public void serialize(int[] tokens, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            byte[] bytes = new byte[tokens.length * Integer.BYTES];
            for (int i = 0; i < tokens.length; i++) {
                INT_LE.set(bytes, i * Integer.BYTES, tokens[i]);
            }
            g.writeBinary(BASE64, bytes, 0, bytes.length);
        }
    }
}
