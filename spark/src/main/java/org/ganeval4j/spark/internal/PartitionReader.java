package org.ganeval4j.spark.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.ganeval4j.image.DecodedImage;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.io.FileFormatException;

/**
 * Reads a slice's images on an executor, in stream order, through Hadoop's file systems: encoded
 * images decoded with the library's decoder (an unreadable one is reported with the same
 * {@code name: reason} as the local command), IDX and {@code .npy} records taken directly.
 */
final class PartitionReader {
    private PartitionReader() {
    }

    /** Receives each image of a slice in order. */
    interface Sink {
        /** A decoded image (channels × height × width floats, 0..255) at its stream position. */
        void image(long position, float[] pixels, int c, int h, int w) throws Exception;

        /** An image that could not be decoded. */
        void unreadable(long position, String nameAndReason) throws Exception;
    }

    static void read(Slice slice, Configuration conf, Sink sink) throws Exception {
        for (Slice.Segment s : slice.segments()) {
            switch (s.file().kind()) {
                case IMAGE -> image(s, conf, sink);
                case ARCHIVE -> archive(s, conf, sink);
                case IDX, NPY -> records(s, conf, sink);
                default -> throw new IllegalStateException("unknown kind " + s.file().kind());
            }
        }
    }

    private static void image(Slice.Segment s, Configuration conf, Sink sink) throws Exception {
        Path p = new Path(s.file().uri());
        byte[] bytes;
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            // as the local folder source: an unreadable file is an image that does not decode
            bytes = new byte[0];
        }
        deliver(DecodedImage.decode(s.file().name(), bytes), s.firstPosition(), sink);
    }

    private static void deliver(DecodedImage d, long position, Sink sink) throws Exception {
        if (d.ok()) {
            sink.image(position, d.pixels(), d.channels(), d.height(), d.width());
        } else {
            sink.unreadable(position, d.name() + ": " + d.failure());
        }
    }

    private static void archive(Slice.Segment s, Configuration conf, Sink sink) throws Exception {
        int[] want = s.indices();
        int next = 0;
        int index = 0;
        try (TarArchiveInputStream tar = openTar(s.file().uri(), conf)) {
            TarArchiveEntry e;
            while (next < want.length && (e = tar.getNextTarEntry()) != null) {
                if (!(e.isFile() && ImageSources.isImageFile(e.getName()))) {
                    continue;
                }
                if (index == want[next]) {
                    String name = s.file().name() == null ? e.getName() : s.file().name() + ":" + e.getName();
                    deliver(DecodedImage.decode(name, tar.readAllBytes()), s.firstPosition() + next, sink);
                    next++;
                }
                index++;
            }
        }
        if (next < want.length) {
            throw new FileFormatException(s.file().uri() + ": the archive holds fewer images than when it was counted ("
                    + index + ")");
        }
    }

    private static void records(Slice.Segment s, Configuration conf, Sink sink) throws Exception {
        InputPlan.FileRef f = s.file();
        int per = f.c() * f.h() * f.w();
        Path p = new Path(f.uri());
        try (InputStream raw = p.getFileSystem(conf).open(p);
             InputStream in = f.kind() == InputPlan.Kind.IDX ? maybeGunzip(raw) : new BufferedInputStream(raw, 1 << 16)) {
            in.skipNBytes(f.offset());
            long at = 0;
            byte[] rec = new byte[per];
            int k = 0;
            for (int i : s.indices()) {
                in.skipNBytes((long) (i - at) * per);
                int got = in.readNBytes(rec, 0, per);
                if (got < per) {
                    throw new FileFormatException(f.uri() + ": truncated: image " + i + " is incomplete");
                }
                at = i + 1L;
                float[] px = new float[per];
                for (int j = 0; j < per; j++) {
                    px[j] = rec[j] & 0xFF;
                }
                sink.image(s.firstPosition() + k, px, f.c(), f.h(), f.w());
                k++;
            }
        }
    }

    /** The stream, decompressed when it starts with the gzip magic. */
    static InputStream maybeGunzip(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static TarArchiveInputStream openTar(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        InputStream in = new BufferedInputStream(fs.open(p), 1 << 16);
        String n = p.getName().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz") || n.endsWith(".tgz")) {
            in = new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(in, true);
        }
        return new TarArchiveInputStream(in);
    }

    /** Images in an archive (a task of the planning job). */
    static int countArchive(String uri, Configuration conf) throws IOException {
        int n = 0;
        try (TarArchiveInputStream tar = openTar(uri, conf)) {
            TarArchiveEntry e;
            while ((e = tar.getNextTarEntry()) != null) {
                if ((e.isFile() && ImageSources.isImageFile(e.getName()))) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new FileFormatException(uri + ": not a readable tar archive (" + e.getMessage() + ")", e);
        }
        return n;
    }
}
