package org.ganeval4j.image.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Every image file below a folder (recursive, sorted by path), decoded in parallel. */
public final class FolderImageSource extends DecodingImageSource {
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private final int size;
    private final String description;

    public FolderImageSource(Path dir, int limit, long seed, int threads) throws IOException {
        this(dir, list(dir), limit, seed, threads);
    }

    private FolderImageSource(Path dir, List<Path> files, int limit, long seed, int threads) {
        this(dir, files, Subset.choose(files.size(), limit, seed), threads);
    }

    private FolderImageSource(Path dir, List<Path> files, int[] chosen, int threads) {
        super(sink -> {
            for (int i : chosen) {
                Path f = files.get(i);
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(f);
                } catch (IOException e) {
                    sink.accept(dir.relativize(f).toString(), new byte[0]);
                    continue;
                }
                sink.accept(dir.relativize(f).toString(), bytes);
            }
        }, threads);
        this.size = chosen.length;
        this.description = "image folder " + dir + " (" + files.size() + " images"
                + (chosen.length < files.size() ? ", seeded subset of " + chosen.length : "") + ")";
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(Files::isRegularFile).filter(FolderImageSource::isImage).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException(dir + ": no images found (looked for " + EXTENSIONS + ", recursively)");
            }
            return files;
        }
    }

    /** True for a file name the folder and archive sources read as an image (by extension). */
    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1)) && !n.startsWith("._");
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
