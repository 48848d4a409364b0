package org.ganeval4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ganeval4j.io.DType;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images given on the command line, kept as 8-bit values (NCHW, C = 1 or 3): a PNG/JPEG file, a
 * folder of them (recursive, sorted by path), or a {@code .npy} uint8 array (N, C, H, W).
 *
 * @param bytes   N·C·H·W unsigned values, C order
 * @param shape   {N, C, H, W}
 * @param source  what was read, for messages
 */
record ImageInputs(byte[] bytes, long[] shape, String source) {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    static ImageInputs load(Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
        if (Files.isDirectory(p)) {
            return folder(p);
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return npy(p);
        }
        if (EXTENSIONS.stream().anyMatch(name::endsWith)) {
            int[] hw = new int[2];
            byte[] rgb = decode(p, hw);
            return new ImageInputs(rgb, new long[] {1, 3, hw[0], hw[1]}, p.toString());
        }
        throw new BadInputException(p + ": expected a PNG/JPEG image, a folder of them or a .npy uint8 array (N, 3, H, W)");
    }

    private static ImageInputs npy(Path p) throws IOException {
        NpyArray a = Npy.read(p);
        long[] s = a.shape();
        if (a.dtype() != DType.UINT8 || s.length != 4 || (s[1] != 1 && s[1] != 3) || s[0] < 1) {
            throw new BadInputException(p + ": expected a uint8 array of shape (N, 3, H, W) or (N, 1, H, W), found "
                    + a.descriptor() + " " + Arrays.toString(s));
        }
        return new ImageInputs(a.toByteArray(), s, p.toString());
    }

    private static ImageInputs folder(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> w = Files.walk(dir)) {
            files = w.filter(Files::isRegularFile)
                    .filter(f -> EXTENSIONS.stream().anyMatch(f.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new BadInputException(dir + ": no PNG/JPEG images in this folder");
        }
        List<byte[]> images = new ArrayList<>();
        int[] first = null;
        Path firstFile = null;
        for (Path f : files) {
            int[] hw = new int[2];
            images.add(decode(f, hw));
            if (first == null) {
                first = hw;
                firstFile = f;
            } else if (first[0] != hw[0] || first[1] != hw[1]) {
                throw new BadInputException(dir + ": images must all have one size, but " + firstFile.getFileName()
                        + " is " + first[0] + "×" + first[1] + " and " + dir.relativize(f) + " is " + hw[0] + "×" + hw[1]);
            }
        }
        int per = 3 * first[0] * first[1];
        byte[] all = new byte[Math.multiplyExact(per, images.size())];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * per, per);
        }
        return new ImageInputs(all, new long[] {images.size(), 3, first[0], first[1]}, dir.toString());
    }

    /** RGB planes of an image file (gray is replicated, alpha dropped); {@code hw} gets its size. */
    private static byte[] decode(Path f, int[] hw) throws IOException {
        BufferedImage img = ImageIO.read(f.toFile());
        if (img == null) {
            throw new BadInputException(f + ": not a readable PNG/JPEG image");
        }
        int h = img.getHeight();
        int w = img.getWidth();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[3 * h * w];
        for (int p = 0; p < h * w; p++) {
            out[p] = (byte) (argb[p] >> 16);
            out[h * w + p] = (byte) (argb[p] >> 8);
            out[2 * h * w + p] = (byte) argb[p];
        }
        hw[0] = h;
        hw[1] = w;
        return out;
    }

    int count() {
        return (int) shape[0];
    }

    int height() {
        return (int) shape[2];
    }

    int width() {
        return (int) shape[3];
    }

    /** Images {@code from .. from + n − 1} as float32 NCHW on the 0..255 scale. */
    INDArray batch(int from, int n) {
        int per = (int) (shape[1] * shape[2] * shape[3]);
        float[] v = new float[n * per];
        for (int i = 0; i < v.length; i++) {
            v[i] = bytes[from * per + i] & 0xFF;
        }
        return Nd4j.create(v, new long[] {n, shape[1], shape[2], shape[3]}, 'c');
    }
}
