package org.ganeval4j.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.ganeval4j.Beta;

/**
 * One decoded image (channels × height × width floats, 0..255) or the reason it could not be
 * decoded. Gray images keep one channel; colour images give RGB (alpha dropped). Every reader of image
 * files (folders, archives, the Spark module) decodes through {@link #decode}, so an image counts, and
 * is refused, the same way everywhere.
 *
 * @param name     the name the image is reported under (a path, {@code archive:entry})
 * @param pixels   NCHW-ordered values 0..255, null when the image could not be decoded
 * @param channels 1 (gray) or 3 (RGB), 0 when it failed
 * @param height   rows, 0 when it failed
 * @param width    columns, 0 when it failed
 * @param failure  why it could not be decoded, null when it was
 */
@Beta
public record DecodedImage(String name, float[] pixels, int channels, int height, int width, String failure) {

    /**
     * The most pixels (width × height) an image may declare: {@code -Dganeval4j.maxImagePixels}, else
     * {@code GANEVAL4J_MAX_IMAGE_PIXELS}, else 89,478,485 (Pillow's {@code MAX_IMAGE_PIXELS}). A larger
     * image — e.g. a few-KB PNG declaring 10,000 × 10,000 pixels, a "decompression bomb" — is refused
     * from its header, before anything is decoded.
     */
    public static long maxPixels() {
        String v = System.getProperty("ganeval4j.maxImagePixels", System.getenv("GANEVAL4J_MAX_IMAGE_PIXELS"));
        if (v == null || v.isBlank()) {
            return DEFAULT_MAX_PIXELS;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ganeval4j.maxImagePixels / GANEVAL4J_MAX_IMAGE_PIXELS must be a positive"
                    + " number of pixels, got '" + v + "'");
        }
    }

    /** Pillow's default limit, {@code 1024 * 1024 * 1024 // 4 // 3}. */
    public static final long DEFAULT_MAX_PIXELS = 89_478_485L;

    /**
     * Decodes one encoded image (PNG, JPEG, BMP, GIF; Java ImageIO) whose declared size is within
     * {@link #maxPixels()}; a failure is returned, never thrown.
     */
    public static DecodedImage decode(String name, byte[] bytes) {
        BufferedImage img;
        try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReaders(iis);
            if (readers == null || !readers.hasNext()) {
                return failed(name, "not an image ImageIO can read (" + bytes.length + " bytes)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                long limit = maxPixels();
                if (w * h > limit) {
                    return failed(name, "declares " + w + "×" + h + " = " + w * h + " pixels (" + bytes.length
                            + " bytes), above the limit of " + limit + " (raise it with -Dganeval4j.maxImagePixels or"
                            + " GANEVAL4J_MAX_IMAGE_PIXELS)");
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return failed(name, "cannot decode: " + e.getMessage());
        }
        if (img == null) {
            return failed(name, "not an image ImageIO can read (" + bytes.length + " bytes)");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int bands = img.getColorModel().getNumColorComponents();
        if (bands == 1 && img.getRaster().getNumBands() >= 1 && img.getColorModel().getPixelSize() <= 16
                && img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            Raster r = img.getRaster();
            float[] px = new float[h * w];
            r.getSamples(0, 0, w, h, 0, px);
            return new DecodedImage(name, px, 1, h, w, null);
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        if (bands == 1) {
            float[] px = new float[h * w];
            for (int i = 0; i < argb.length; i++) {
                px[i] = argb[i] & 0xFF;
            }
            return new DecodedImage(name, px, 1, h, w, null);
        }
        float[] px = new float[3 * h * w];
        int plane = h * w;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            px[i] = (p >> 16) & 0xFF;
            px[plane + i] = (p >> 8) & 0xFF;
            px[2 * plane + i] = p & 0xFF;
        }
        return new DecodedImage(name, px, 3, h, w, null);
    }

    static DecodedImage failed(String name, String why) {
        return new DecodedImage(name, null, 0, 0, 0, why);
    }

    /** True when the image decoded. */
    public boolean ok() {
        return failure == null;
    }
}
