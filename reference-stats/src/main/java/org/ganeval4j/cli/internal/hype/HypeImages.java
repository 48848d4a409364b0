package org.ganeval4j.cli.internal.hype;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * The real and generated images of a session, 8-bit RGB of one size, and how they are sent: as PNG
 * files whose pixels are stored uncompressed, so that every image of the session (real, generated or
 * an attention check) is exactly as many bytes long and takes as long to encode: a page can tell
 * nothing from a response's size or timing. Thread safe (immutable).
 */
public final class HypeImages {
    /** Tiles per side of an attention-check image. */
    static final int GRID = 4;

    private final List<byte[]> real;
    private final List<byte[]> fake;
    private final int height;
    private final int width;

    /**
     * Images as interleaved RGB bytes (row-major, 3 bytes per pixel), all {@code height × width}; the
     * arrays are copied.
     *
     * @throws IllegalArgumentException for an empty side or an image of another size
     */
    public HypeImages(List<byte[]> real, List<byte[]> fake, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "×" + width);
        }
        if (real.isEmpty() || fake.isEmpty()) {
            throw new IllegalArgumentException("HYPE needs real and generated images, got " + real.size() + " real and "
                    + fake.size() + " generated");
        }
        for (List<byte[]> side : List.of(real, fake)) {
            for (byte[] b : side) {
                if (b.length != height * width * 3) {
                    throw new IllegalArgumentException("every image must be " + height + "×" + width + " RGB ("
                            + height * width * 3 + " bytes), found " + b.length + " bytes");
                }
            }
        }
        this.real = real.stream().map(byte[]::clone).toList();
        this.fake = fake.stream().map(byte[]::clone).toList();
        this.height = height;
        this.width = width;
    }

    public int realCount() {
        return real.size();
    }

    public int fakeCount() {
        return fake.size();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** SHA-256 over the size and every pixel of both sides, in order, as hex. */
    public String fingerprint() {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((height + "x" + width + ":" + real.size() + ":" + fake.size()).getBytes(StandardCharsets.US_ASCII));
            for (byte[] b : real) {
                d.update(b);
            }
            for (byte[] b : fake) {
                d.update(b);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RGB bytes of an item's image: a real or generated image, or the broken version of a generated one. */
    byte[] rgb(HypePlan.Kind kind, int index) {
        return switch (kind) {
            case REAL -> real.get(index);
            case FAKE -> fake.get(index);
            case CHECK -> broken(fake.get(index), height, width);
        };
    }

    /** The item's image as a {@code data:image/png;base64,…} URL (the same length for every item). */
    String dataUrl(HypePlan.Kind kind, int index) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(rgb(kind, index), height, width));
    }

    /**
     * An obviously broken image: the {@value #GRID}×{@value #GRID} tiles of {@code rgb} moved so that no
     * tile stays in place (tile i goes to (7i + 5) mod 16), each tile also turned upside down.
     */
    static byte[] broken(byte[] rgb, int h, int w) {
        byte[] out = rgb.clone();
        int th = h / GRID;
        int tw = w / GRID;
        if (th == 0 || tw == 0) {
            // too small to tile: turn the whole image upside down and invert it
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w * 3; x++) {
                    out[y * w * 3 + x] = (byte) (255 - (rgb[(h - 1 - y) * w * 3 + x] & 0xFF));
                }
            }
            return out;
        }
        int n = GRID * GRID;
        for (int i = 0; i < n; i++) {
            int j = (7 * i + 5) % n;
            int sy = (i / GRID) * th;
            int sx = (i % GRID) * tw;
            int dy = (j / GRID) * th;
            int dx = (j % GRID) * tw;
            for (int y = 0; y < th; y++) {
                System.arraycopy(rgb, ((sy + th - 1 - y) * w + sx) * 3, out, ((dy + y) * w + dx) * 3, tw * 3);
            }
        }
        return out;
    }

    /**
     * An 8-bit RGB PNG of {@code rgb} with filter 0 on every row and the zlib stream in stored
     * (uncompressed) deflate blocks: its length depends on {@code h} and {@code w} only.
     */
    static byte[] png(byte[] rgb, int h, int w) {
        int row = w * 3;
        byte[] raw = new byte[h * (row + 1)];
        for (int y = 0; y < h; y++) {
            System.arraycopy(rgb, y * row, raw, y * (row + 1) + 1, row);
        }
        ByteArrayOutputStream z = new ByteArrayOutputStream(raw.length + raw.length / 65535 * 5 + 16);
        z.write(0x78);
        z.write(0x01);
        int off = 0;
        do {
            int len = Math.min(65535, raw.length - off);
            boolean last = off + len == raw.length;
            z.write(last ? 1 : 0);
            z.write(len & 0xFF);
            z.write(len >>> 8);
            z.write(~len & 0xFF);
            z.write((~len >>> 8) & 0xFF);
            z.write(raw, off, len);
            off += len;
        } while (off < raw.length);
        Adler32 adler = new Adler32();
        adler.update(raw);
        writeInt(z, (int) adler.getValue());

        ByteArrayOutputStream out = new ByteArrayOutputStream(z.size() + 64);
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", z.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        writeInt(out, data.length);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write(v & 0xFF);
    }
}
