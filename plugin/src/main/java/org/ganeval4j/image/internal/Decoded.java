package org.ganeval4j.image.internal;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * One decoded image (channels × height × width floats, 0..255) or the reason it could not be
 * decoded. Gray images keep one channel; colour images give RGB (alpha dropped).
 */
public record Decoded(String name, float[] pixels, int channels, int height, int width, String failure) {

    /** Decodes one encoded image (PNG, JPEG, BMP, GIF; Java ImageIO); a failure is returned, never thrown. */
    public static Decoded decode(String name, byte[] bytes) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
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
            return new Decoded(name, px, 1, h, w, null);
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        if (bands == 1) {
            float[] px = new float[h * w];
            for (int i = 0; i < argb.length; i++) {
                px[i] = argb[i] & 0xFF;
            }
            return new Decoded(name, px, 1, h, w, null);
        }
        float[] px = new float[3 * h * w];
        int plane = h * w;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            px[i] = (p >> 16) & 0xFF;
            px[plane + i] = (p >> 8) & 0xFF;
            px[2 * plane + i] = p & 0xFF;
        }
        return new Decoded(name, px, 3, h, w, null);
    }

    static Decoded failed(String name, String why) {
        return new Decoded(name, null, 0, 0, 0, why);
    }

    /** True when the image decoded. */
    public boolean ok() {
        return failure == null;
    }
}
