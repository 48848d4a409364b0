package org.ganeval4j.image.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.ganeval4j.io.FileFormatException;

/**
 * The images inside a {@code .tar}, {@code .tar.gz} or {@code .tgz} (Apache Commons Compress), in
 * archive order, decoded in parallel. A first pass counts them (and picks the seeded subset).
 */
public final class ArchiveImageSource extends DecodingImageSource {
    private final int size;
    private final String description;

    public ArchiveImageSource(Path archive, int limit, long seed, int threads) throws IOException {
        this(archive, count(archive), limit, seed, threads);
    }

    private ArchiveImageSource(Path archive, int total, int limit, long seed, int threads) {
        this(archive, total, Subset.choose(total, limit, seed), threads);
    }

    private ArchiveImageSource(Path archive, int total, int[] chosen, int threads) {
        super(sink -> {
            boolean[] take = new boolean[total];
            for (int i : chosen) {
                take[i] = true;
            }
            try (TarArchiveInputStream tar = open(archive)) {
                int index = 0;
                TarArchiveEntry e;
                while ((e = tar.getNextTarEntry()) != null) {
                    if (!isImage(e)) {
                        continue;
                    }
                    if (index < total && take[index]) {
                        sink.accept(e.getName(), tar.readAllBytes());
                    }
                    index++;
                }
            }
        }, threads);
        this.size = chosen.length;
        this.description = "archive " + archive + " (" + total + " images"
                + (chosen.length < total ? ", seeded subset of " + chosen.length : "") + ")";
    }

    /** True for an archive entry this source reads as an image. */
    public static boolean isImage(TarArchiveEntry e) {
        if (!e.isFile()) {
            return false;
        }
        return FolderImageSource.isImage(Path.of(e.getName().toLowerCase(Locale.ROOT)));
    }

    private static TarArchiveInputStream open(Path archive) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        String n = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz") || n.endsWith(".tgz")) {
            in = new GzipCompressorInputStream(in, true);
        }
        return new TarArchiveInputStream(in);
    }

    private static int count(Path archive) throws IOException {
        int n = 0;
        try (TarArchiveInputStream tar = open(archive)) {
            TarArchiveEntry e;
            while ((e = tar.getNextTarEntry()) != null) {
                if (isImage(e)) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new FileFormatException(archive + ": not a readable tar archive (" + e.getMessage() + ")", e);
        }
        if (n == 0) {
            throw new IllegalArgumentException(archive + ": no images in the archive (looked for "
                    + FolderImageSource.EXTENSIONS + ")");
        }
        return n;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String description() {
        return description;
    }
}
