package io.geoetl.vector;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the raw bytes of a text value into UTF-8 for PostgreSQL. Values are UTF-8 already for
 * every format except CSV, whose encoding may be declared (GDAL passes CSV bytes through as they
 * are); either way undecodable bytes are an error, never silently replaced. One decoder per thread.
 */
final class TextDecoder {
    private final CharsetDecoder decoder;
    private final boolean utf8;

    private TextDecoder(Charset charset) {
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
    }

    /** A decoder for {@code encoding} (null = UTF-8). */
    static TextDecoder of(String encoding) {
        return new TextDecoder(encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding));
    }

    String charsetName() {
        return decoder.charset().name();
    }

    /** The value as UTF-8 bytes (the same array when it is plain ASCII or valid UTF-8 already). */
    byte[] toUtf8(byte[] raw) throws CharacterCodingException {
        if (isAscii(raw)) return raw;
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(raw));
        if (utf8) return raw;
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(chars);
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        return out;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) return false;
        }
        return true;
    }
}
