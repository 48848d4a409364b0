package org.ganeval4j.spark.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.io.NpyHeader;
import org.ganeval4j.spark.ImageInput;

/**
 * The driver's view of an input: its files in the order the local command reads them, the images
 * each holds, the seeded subset, and its cut into {@link Slice}s of whole batches. Image positions
 * ("stream positions") are 0, 1, … over the chosen images in that order.
 */
public final class InputPlan {
    /** What a file holds. */
    public enum Kind {
        /** One encoded image (PNG, JPEG, BMP, GIF). */
        IMAGE,
        /** A tar archive (optionally gzip-compressed) of encoded images. */
        ARCHIVE,
        /** An IDX3 unsigned-byte image file (optionally gzip-compressed). */
        IDX,
        /** A {@code .npy} uint8 array (N, C, H, W) or (N, H, W). */
        NPY
    }

    /**
     * One input file.
     *
     * @param uri    the qualified path
     * @param kind   what it holds
     * @param name   how its images are named in the list of unreadable ones (folder-relative path for a folder)
     * @param count  images it holds
     * @param offset bytes before the first image (IDX, .npy)
     * @param c      channels (IDX, .npy)
     * @param h      height (IDX, .npy)
     * @param w      width (IDX, .npy)
     */
    public record FileRef(String uri, Kind kind, String name, int count, long offset, int c, int h, int w)
            implements Serializable {
    }

    private final List<FileRef> files;
    private final long[] starts;
    private final long total;
    private final int[] chosen;
    private final String description;

    private InputPlan(List<FileRef> files, int[] chosen, String description) {
        this.files = files;
        this.starts = new long[files.size() + 1];
        for (int i = 0; i < files.size(); i++) {
            starts[i + 1] = starts[i] + files.get(i).count();
        }
        this.total = starts[files.size()];
        this.chosen = chosen;
        this.description = description;
    }

    /** Images that will be read (after the subset). */
    public long size() {
        return chosen == null ? total : chosen.length;
    }

    /** What is read, worded as the local command words it. */
    public String description() {
        return description;
    }

    /** Lists and sizes the input (archives are counted by a Spark job, one task per archive). */
    public static InputPlan of(ImageInput input, JavaSparkContext sc) throws IOException {
        Configuration conf = sc.hadoopConfiguration();
        Path path = new Path(input.path());
        FileSystem fs = path.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
            throw new NoSuchFileException(input.path());
        }
        Arrays.sort(matches, (a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
        List<FileStatus> listed = new ArrayList<>();
        Path root = null;
        if (matches.length == 1 && matches[0].isDirectory()) {
            root = matches[0].getPath();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                listed.add(it.next());
            }
        } else {
            for (FileStatus m : matches) {
                if (m.isFile()) {
                    listed.add(m);
                }
            }
        }
        List<FileStatus> images = new ArrayList<>();
        List<FileStatus> archives = new ArrayList<>();
        List<FileStatus> arrays = new ArrayList<>();
        List<FileStatus> other = new ArrayList<>();
        for (FileStatus f : listed) {
            String n = f.getPath().getName();
            String lower = n.toLowerCase(Locale.ROOT);
            if (ImageSources.isImageFile(n)) {
                images.add(f);
            } else if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz") || lower.endsWith(".tar")) {
                archives.add(f);
            } else if (lower.endsWith(".npy")) {
                arrays.add(f);
            } else {
                other.add(f);
            }
        }
        boolean folder = root != null;
        String shown = input.path();
        if (!images.isEmpty() && (folder || archives.isEmpty() && arrays.isEmpty())) {
            String base = root == null ? null : root.toUri().getPath();
            List<String> names = new ArrayList<>();
            List<FileStatus> sorted = new ArrayList<>(images);
            List<FileRef> refs = new ArrayList<>();
            for (FileStatus f : sorted) {
                String p = f.getPath().toUri().getPath();
                names.add(base == null ? f.getPath().toString() : p.substring(base.length() + (base.endsWith("/") ? 0 : 1)));
            }
            Integer[] order = new Integer[sorted.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
            for (int i : order) {
                refs.add(new FileRef(sorted.get(i).getPath().toString(), Kind.IMAGE, names.get(i), 1, 0, 0, 0, 0));
            }
            int[] chosen = subset(refs.size(), input);
            String what = folder ? "image folder " + shown : refs.size() + " image files matching " + shown;
            return new InputPlan(refs, chosen, what + " (" + refs.size() + " images" + subsetNote(chosen, refs.size()) + ")");
        }
        if (!archives.isEmpty() && arrays.isEmpty()) {
            boolean one = archives.size() == 1 && !folder && matches.length == 1;
            List<String> uris = new ArrayList<>();
            for (FileStatus f : archives) {
                uris.add(f.getPath().toString());
            }
            HadoopConf hc = new HadoopConf(conf);
            List<Integer> counts = sc.parallelize(uris, uris.size()).map(u -> PartitionReader.countArchive(u, hc.get()))
                    .collect();
            List<FileRef> refs = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < uris.size(); i++) {
                String name = one ? null : archives.get(i).getPath().getName();
                refs.add(new FileRef(uris.get(i), Kind.ARCHIVE, name, counts.get(i), 0, 0, 0, 0));
                total += counts.get(i);
            }
            if (total == 0) {
                throw new IllegalArgumentException(shown + ": no images in the archive" + (one ? "" : "s") + " (looked for "
                        + extensions() + ")");
            }
            int[] chosen = subset(Math.toIntExact(total), input);
            String what = one ? "archive " + shown : archives.size() + " archive shards of " + shown;
            return new InputPlan(refs, chosen, what + " (" + total + " images" + subsetNote(chosen, (int) total) + ")");
        }
        if (!arrays.isEmpty() && archives.isEmpty()) {
            List<FileRef> refs = new ArrayList<>();
            long total = 0;
            for (FileStatus f : arrays) {
                FileRef r = npy(f.getPath(), conf);
                refs.add(r);
                total += r.count();
            }
            int[] chosen = subset(Math.toIntExact(total), input);
            FileRef first = refs.get(0);
            String what = refs.size() == 1 && !folder
                    ? ".npy array " + first.name() + " (" + total + " images " + first.c() + "×" + first.h() + "×" + first.w() + ")"
                    : refs.size() + " .npy shards of " + shown + " (" + total + " images)";
            return new InputPlan(refs, chosen, what + subsetNote(chosen, (int) total));
        }
        if (!folder && matches.length == 1 && other.size() == 1) {
            FileRef r = idx(matches[0].getPath(), conf, shown);
            int[] chosen = subset(r.count(), input);
            return new InputPlan(List.of(r), chosen, "IDX file " + r.name() + " (" + r.count() + " images " + r.h() + "×"
                    + r.w() + ")" + subsetNote(chosen, r.count()));
        }
        if (folder && images.isEmpty() && archives.isEmpty() && arrays.isEmpty()) {
            throw new IllegalArgumentException(shown + ": no images found (looked for " + extensions() + ", recursively)");
        }
        throw new IllegalArgumentException(shown + ": expected an image folder, a .tar.gz of images, an IDX image file"
                + " (MNIST), a .npy uint8 array (N, C, H, W), or a folder or glob of .tar.gz or .npy shards of one kind");
    }

    private static String extensions() {
        return "[png, jpg, jpeg, bmp, gif]";
    }

    private static int[] subset(int n, ImageInput input) {
        return input.limit() > 0 && input.limit() < n ? ImageSources.subset(n, input.limit(), input.seed()) : null;
    }

    private static String subsetNote(int[] chosen, int n) {
        return chosen == null ? "" : ", seeded subset of " + chosen.length;
    }

    private static FileRef npy(Path p, Configuration conf) throws IOException {
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            NpyHeader h = org.ganeval4j.io.Npy.readHeader(in, p.getName());
            long[] s = h.shape();
            if (!h.descriptor().endsWith("u1") || (s.length != 4 && s.length != 3) || (s.length == 4 && s[1] != 1 && s[1] != 3)
                    || h.fortranOrder()) {
                throw new IllegalArgumentException(p.getName() + ": expected a C-ordered uint8 array (N, C, H, W) with C = 1 or"
                        + " 3, or (N, H, W), found " + h.descriptor() + (h.fortranOrder() ? " (Fortran order) " : " ")
                        + Arrays.toString(s));
            }
            int c = s.length == 4 ? (int) s[1] : 1;
            return new FileRef(p.toString(), Kind.NPY, p.getName(), Math.toIntExact(s[0]), h.headerBytes(), c,
                    (int) s[s.length - 2], (int) s[s.length - 1]);
        }
    }

    private static FileRef idx(Path p, Configuration conf, String shown) throws IOException {
        try (DataInputStream in = new DataInputStream(PartitionReader.maybeGunzip(p.getFileSystem(conf).open(p)))) {
            int magic;
            try {
                magic = in.readInt();
            } catch (IOException e) {
                magic = -1;
            }
            if ((magic >>> 8) != 0x08 || (magic & 0xFF) != 3) {
                throw new IllegalArgumentException(shown + ": expected an image folder, a .tar.gz of images, an IDX image file"
                        + " (MNIST) or a .npy uint8 array (N, C, H, W)");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n < 0 || rows < 1 || cols < 1) {
                throw new FileFormatException(p + ": implausible IDX dimensions " + n + "×" + rows + "×" + cols);
            }
            return new FileRef(p.toString(), Kind.IDX, p.getName(), n, 16, 1, rows, cols);
        }
    }

    /**
     * The images cut into at most {@code partitions} slices of whole batches of {@code batch} images
     * (the last slice may end in a partial batch), each listing what it reads.
     */
    public List<Slice> slices(int partitions, int batch) {
        long n = size();
        long batches = Math.max(1, (n + batch - 1) / batch);
        int parts = (int) Math.max(1, Math.min(partitions, batches));
        List<Slice> out = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            long from = Math.min(n, batches * p / parts * batch);
            long to = Math.min(n, batches * (p + 1) / parts * batch);
            out.add(new Slice(p, from, to - from, segments(from, to)));
        }
        return out;
    }

    private List<Slice.Segment> segments(long from, long to) {
        List<Slice.Segment> out = new ArrayList<>();
        long t = from;
        while (t < to) {
            long g = chosen == null ? t : chosen[(int) t];
            int f = fileOf(g);
            long end = starts[f + 1];
            List<Integer> local = new ArrayList<>();
            long first = t;
            while (t < to) {
                long gi = chosen == null ? t : chosen[(int) t];
                if (gi >= end) {
                    break;
                }
                local.add((int) (gi - starts[f]));
                t++;
            }
            out.add(new Slice.Segment(files.get(f), local.stream().mapToInt(Integer::intValue).toArray(), first));
        }
        return out;
    }

    private int fileOf(long global) {
        int i = Arrays.binarySearch(starts, global);
        int f = i >= 0 ? i : -i - 2;
        while (f + 1 < starts.length && starts[f + 1] <= global) {
            f++;
        }
        return f;
    }
}
