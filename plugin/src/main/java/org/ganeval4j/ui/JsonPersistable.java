package org.ganeval4j.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.deeplearning4j.core.storage.Persistable;

/**
 * A {@link Persistable} encoded as UTF-8 JSON (Jackson), so a {@code FileStatsStorage} can be
 * reopened by any later version and a remote UI decodes it with a no-arg constructor.
 */
abstract class JsonPersistable implements Persistable {
    private static final long serialVersionUID = 1L;
    static final ObjectMapper JSON = new ObjectMapper();

    /** The record as JSON bytes. */
    abstract byte[] toJson() throws IOException;

    /** Fills the record from JSON bytes. */
    abstract void fromJson(byte[] json) throws IOException;

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        try {
            return toJson();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream out) throws IOException {
        out.write(encode());
    }

    @Override
    public void decode(byte[] bytes) {
        try {
            fromJson(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("not a ganeval4j UI record: " + e.getMessage(), e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        decode(b);
    }

    @Override
    public void decode(InputStream in) throws IOException {
        decode(in.readAllBytes());
    }
}
