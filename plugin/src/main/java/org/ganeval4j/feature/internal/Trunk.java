package org.ganeval4j.feature.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ganeval4j.feature.internal.TrunkArch.Conv;
import org.ganeval4j.feature.internal.TrunkArch.Fire;
import org.ganeval4j.feature.internal.TrunkArch.Op;
import org.ganeval4j.feature.internal.TrunkArch.Pool;
import org.ganeval4j.feature.internal.weights.TensorLayout;
import org.ganeval4j.feature.internal.weights.TorchCheckpoint;
import org.ganeval4j.feature.internal.weights.TorchTensor;
import org.ganeval4j.io.FileFormatException;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.shape.Concat;
import org.nd4j.linalg.api.ops.impl.transforms.Pad;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A torchvision {@code features} trunk ({@link TrunkArch}) run natively with ND4J's libnd4j operations
 * in float32: {@code conv2d} (explicit zero padding, output {@code floor((H + 2p − k)/s) + 1} as torch),
 * in-place ReLU, {@code maxpool2d}, {@code concat} and {@code pad}. A SqueezeNet Fire module is
 * squeeze 1×1 + ReLU, then [expand1x1, expand3x3] concatenated over channels + ReLU (the same as
 * torch's concatenation of the two ReLU outputs). The trunk calls the operations one by one rather
 * than building a DL4J {@code ComputationGraph} of {@code ConvolutionLayer}s: on this CPU backend the
 * layers' extra im2col/permute copies made the same network 3.5–6.5× slower, with the same results
 * up to float32 round-off.
 *
 * <h2>Layout and memory</h2>
 * Activations are NHWC (channels last) and the weights are kept permuted to OHWI: oneDNN's
 * convolutions then run on the arrays as they are, where NCHW made them reorder input, weights and
 * output on every call. Every activation lives in a buffer the trunk allocates once per input size
 * ({@code H × W}) and batch capacity and reuses on every call: allocating fresh native memory for
 * each operation (and oneDNN's temporary NCHW reorders) cost page faults that showed as system
 * time of half the user time, and made SqueezeNet's first convolution at 224×224 ~20× slower than
 * its arithmetic. Buffers of activations that are no longer needed are shared between operations;
 * with {@code allTaps == false} only the last tap is kept. Only contiguous arrays are handed to
 * libnd4j: M2.1's {@code conv2d} ignores the strides of a view (wrong values or a crash).
 *
 * <p>{@code MaxPool2d(3, 2, ceil_mode=True)}: libnd4j's pooling, like DL4J's {@code ConvolutionMode},
 * has no ceil mode, and {@code Same} mode is not it (it gives {@code ceil(H/s)} outputs with the padding
 * split over both sides; torch gives {@code ceil((H − k)/s) + 1} windows starting at 0, the last one cut
 * at the border). Where the two counts differ (an even side for k = 3, s = 2) the trunk pads one zero
 * row or column at the bottom or right and pools in floor mode: {@code floor((H + 1 − k)/s) + 1 =
 * ceil((H − k)/s) + 1}; the pooled values follow a ReLU (≥ 0), so a window's maximum over the real
 * values equals its maximum with the added zeros. Without padding torch never drops the last window
 * ({@code (out − 1)·s < H}), so nothing else differs.
 *
 * <p>Not thread safe.
 */
public final class Trunk implements AutoCloseable {
    private final TrunkArch arch;
    private final Map<String, INDArray> params;
    private final Map<String, INDArray> nhwcWeights;
    private final String contentSha256;
    private Plan plan;

    private Trunk(TrunkArch arch, Map<String, INDArray> params, Map<String, INDArray> nhwcWeights, String contentSha256) {
        this.arch = arch;
        this.params = params;
        this.nhwcWeights = nhwcWeights;
        this.contentSha256 = contentSha256;
    }

    /**
     * Reads the trunk's tensors from a torchvision checkpoint: either the whole classifier's state dict
     * ({@code features.*} and {@code classifier.*}; the classifier is not read) or a features-only
     * state dict, with ({@code features.0.weight}) or without ({@code 0.weight}) the prefix.
     *
     * @return the tensors by name without the prefix
     * @throws FileFormatException when the file is no checkpoint or holds neither layout
     */
    public static Map<String, TorchTensor> readFeatures(Path file) throws IOException {
        boolean prefixed = false;
        for (TensorLayout l : TorchCheckpoint.layout(file)) {
            if (l.name().startsWith("features.")) {
                prefixed = true;
                break;
            }
        }
        return TorchCheckpoint.read(file, prefixed ? "features." : "");
    }

    /**
     * Builds the trunk with the given weights.
     *
     * @param tensors the {@code features} state dict without the prefix; tensors the trunk does not use
     *                must not be there except under other top-level names (a torchvision file's
     *                classifier is dropped by {@link #readFeatures})
     * @param source  where the tensors come from, for messages
     * @throws IllegalArgumentException when a tensor is missing, has the wrong shape, or is unexpected
     */
    public static Trunk load(TrunkArch arch, Map<String, TorchTensor> tensors, String source) {
        Map<String, long[]> expected = arch.parameterShapes();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            TorchTensor t = tensors.get(e.getKey());
            if (t == null) {
                problems.add("missing " + e.getKey() + " " + Arrays.toString(e.getValue()));
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                problems.add(e.getKey() + " has shape " + Arrays.toString(t.shape()) + ", expected "
                        + Arrays.toString(e.getValue()));
            } else if (!t.dtype().isFloating()) {
                problems.add(e.getKey() + " holds " + t.dtype().pythonName() + " values, expected floating point");
            }
        }
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        unexpected.removeAll(expected.keySet());
        if (!unexpected.isEmpty()) {
            problems.add("unexpected tensors " + (unexpected.size() <= 6 ? unexpected
                    : new ArrayList<>(unexpected).subList(0, 6) + " and " + (unexpected.size() - 6) + " more"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + " is not a torchvision " + arch.id() + " features state dict: "
                    + String.join("; ", problems));
        }
        MessageDigest sha = sha256();
        Map<String, INDArray> params = new LinkedHashMap<>();
        Map<String, INDArray> nhwc = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            TorchTensor t = tensors.get(name);
            float[] v = t.toFloatArray();
            long[] shape = t.shape();
            params.put(name, Nd4j.create(v, shape, 'c'));
            nhwc.put(name, shape.length == 4 ? Nd4j.create(toOhwi(v, shape), new long[] {shape[0], shape[2], shape[3], shape[1]}, 'c')
                    : Nd4j.create(v, shape, 'c'));
            sha.update((name + Arrays.toString(shape)).getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            sha.update(b);
        }
        return new Trunk(arch, params, nhwc, HexFormat.of().formatHex(sha.digest()));
    }

    /** torch's OIHW weights as OHWI ({@link WeightsFormat#OYXI}), the order oneDNN reads for NHWC. */
    private static float[] toOhwi(float[] v, long[] shape) {
        int o = (int) shape[0];
        int in = (int) shape[1];
        int kh = (int) shape[2];
        int kw = (int) shape[3];
        float[] out = new float[v.length];
        for (int a = 0; a < o; a++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        out[((a * kh + y) * kw + x) * in + i] = v[((a * in + i) * kh + y) * kw + x];
                    }
                }
            }
        }
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The architecture. */
    public TrunkArch arch() {
        return arch;
    }

    /**
     * SHA-256 over the loaded parameters (for each tensor in {@link TrunkArch#parameterShapes()} order:
     * its name and shape as text, then its float32 values little-endian): the same for a torchvision
     * file and a features-only copy of it.
     */
    public String contentSha256() {
        return contentSha256;
    }

    /**
     * Runs the trunk on a batch.
     *
     * @param nhwc    {@code n × h × w × 3} float32 values, channels last, already normalised as the
     *                trunk expects; at least {@link TrunkArch#minSize()} pixels high and wide; not modified
     *                (a longer array is allowed, for a buffer reused between calls: the rest is ignored)
     * @param allTaps keep every tap; false keeps only the last one (less memory)
     * @return the taps, valid until the next call or {@link #close()}
     */
    public Taps run(float[] nhwc, int n, int h, int w, boolean allTaps) {
        if (n < 1 || (long) n * h * w * 3 > nhwc.length) {
            throw new IllegalArgumentException("trunk input must hold n×h×w×3 = " + n + "×" + h + "×" + w + "×3 values, got "
                    + nhwc.length);
        }
        if (arch.tapShapes(h, w) == null) {
            throw new IllegalArgumentException(arch.id() + " needs images of at least " + arch.minSize() + "×"
                    + arch.minSize() + " pixels, got " + h + "×" + w);
        }
        if (plan == null || plan.h != h || plan.w != w || plan.capacity < n || (allTaps && !plan.allTaps)) {
            int capacity = plan != null && plan.h == h && plan.w == w ? Math.max(n, plan.capacity) : n;
            boolean keep = allTaps || (plan != null && plan.h == h && plan.w == w && plan.allTaps);
            releasePlan();
            plan = new Plan(h, w, capacity, keep);
        }
        return plan.run(nhwc, n);
    }

    /** Releases the activation buffers (they are allocated again by the next {@link #run}). */
    public void releasePlan() {
        if (plan != null) {
            plan.close();
            plan = null;
        }
    }

    /** The taps of one {@link #run}: NHWC float32 arrays owned by the trunk. */
    public static final class Taps {
        private final INDArray[] arrays;
        private final int[][] shapes;

        private Taps(INDArray[] arrays, int[][] shapes) {
            this.arrays = arrays;
            this.shapes = shapes;
        }

        /** Number of taps. */
        public int count() {
            return arrays.length;
        }

        /** {@code [C, H, W]} of tap {@code l}. */
        public int[] shape(int l) {
            return shapes[l].clone();
        }

        /** Tap {@code l}, {@code [N, H, W, C]} (null for a tap that was not kept). */
        public INDArray array(int l) {
            return arrays[l];
        }

        /**
         * Copies tap {@code l}'s values ({@code N × H × W × C}, channels last) into {@code dst}.
         *
         * @throws IllegalStateException for a tap that was not kept
         */
        public void read(int l, float[] dst) {
            read(l, dst, 0, (int) arrays[l].size(0));
        }

        /**
         * Copies images {@code from .. from + count − 1} of tap {@code l} into {@code dst} at the same
         * place ({@code from × H × W × C} on). Several threads may read distinct images at once.
         *
         * @throws IllegalStateException for a tap that was not kept
         */
        public void read(int l, float[] dst, int from, int count) {
            if (arrays[l] == null) {
                throw new IllegalStateException("tap " + l + " was not kept");
            }
            int perImage = shapes[l][0] * shapes[l][1] * shapes[l][2];
            FloatBuffer b = arrays[l].data().asNioFloat();
            b.position(from * perImage);
            b.get(dst, from * perImage, count * perImage);
        }
    }

    /** A buffer for the activations of one size, shared by activations whose lifetimes do not overlap. */
    private static final class Slot {
        final long perImage;
        final long[] shape;
        int buffer = -1;

        Slot(int h, int w, int c) {
            this.shape = new long[] {h, w, c};
            this.perImage = (long) h * w * c;
        }
    }

    /** One operation on slots. */
    private interface Step {
        void run(int n);
    }

    /**
     * The operations of the trunk for inputs of one size and up to {@code capacity} images, with their
     * buffers. Arrays for a batch of {@code n} are views of the first {@code n} images of each buffer
     * (contiguous, offset 0).
     */
    private final class Plan implements AutoCloseable {
        final int h;
        final int w;
        final int capacity;
        final boolean allTaps;
        final List<Step> steps = new ArrayList<>();
        final List<Slot> slots = new ArrayList<>();
        final List<Integer> producedAt = new ArrayList<>();
        final List<Integer> lastUse = new ArrayList<>();
        final List<Slot> taps = new ArrayList<>();
        final List<int[]> tapShapes = new ArrayList<>();
        final Slot input;
        DataBuffer[] buffers;
        final List<INDArray> constants = new ArrayList<>();

        Plan(int h, int w, int capacity, boolean allTaps) {
            this.h = h;
            this.w = w;
            this.capacity = capacity;
            this.allTaps = allTaps;
            input = slot(h, w, 3);
            Slot x = input;
            int ch = h;
            int cw = w;
            for (Op op : arch.ops()) {
                if (op instanceof Conv c) {
                    int oh = c.outSize(ch);
                    int ow = c.outSize(cw);
                    Slot out = slot(oh, ow, c.out());
                    conv(x, out, c.key(), c.kernel(), c.stride(), c.padding(), true);
                    x = out;
                    ch = oh;
                    cw = ow;
                } else if (op instanceof Fire f) {
                    Slot s = slot(ch, cw, f.squeeze());
                    conv(x, s, f.key() + ".squeeze", 1, 1, 0, true);
                    Slot e1 = slot(ch, cw, f.expand1());
                    conv(s, e1, f.key() + ".expand1x1", 1, 1, 0, false);
                    Slot e3 = slot(ch, cw, f.expand3());
                    conv(s, e3, f.key() + ".expand3x3", 3, 1, 1, false);
                    Slot out = slot(ch, cw, f.out());
                    concat(e1, e3, out);
                    x = out;
                } else if (op instanceof Pool p) {
                    int oh = p.outSize(ch);
                    int ow = p.outSize(cw);
                    // floor-mode windows over an input padded at the bottom/right give the ceil-mode count
                    int padH = Math.max(0, (oh - 1) * p.stride() + p.kernel() - ch);
                    int padW = Math.max(0, (ow - 1) * p.stride() + p.kernel() - cw);
                    if (padH > 0 || padW > 0) {
                        if (!p.ceil()) {
                            throw new IllegalStateException("floor-mode pooling needs no padding");
                        }
                        Slot padded = slot(ch + padH, cw + padW, (int) x.shape[2]);
                        pad(x, padded, padH, padW);
                        x = padded;
                    }
                    Slot out = slot(oh, ow, (int) x.shape[2]);
                    pool(x, out, p);
                    x = out;
                    ch = oh;
                    cw = ow;
                } else {
                    taps.add(x);
                    tapShapes.add(new int[] {(int) x.shape[2], ch, cw});
                }
            }
            allocate();
        }

        private Slot slot(int sh, int sw, int c) {
            Slot s = new Slot(sh, sw, c);
            slots.add(s);
            producedAt.add(steps.size());
            lastUse.add(steps.size());
            return s;
        }

        private void use(Slot s) {
            lastUse.set(slots.indexOf(s), steps.size());
        }

        private INDArray array(Slot s, int n) {
            long[] shape = {n, s.shape[0], s.shape[1], s.shape[2]};
            return Nd4j.create(buffers[s.buffer], shape, Nd4j.getStrides(shape, 'c'), 0, 'c');
        }

        private void conv(Slot in, Slot out, String key, int k, int stride, int pad, boolean relu) {
            use(in);
            Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad).dH(1).dW(1)
                    .paddingMode(PaddingMode.VALID).dataFormat("NHWC").weightsFormat(WeightsFormat.OYXI).build();
            INDArray weight = nhwcWeights.get(key + ".weight");
            INDArray bias = nhwcWeights.get(key + ".bias");
            steps.add(n -> {
                INDArray y = array(out, n);
                Nd4j.exec(new Conv2D(new INDArray[] {array(in, n), weight, bias}, new INDArray[] {y}, c));
                if (relu) {
                    Transforms.relu(y, false);
                }
            });
        }

        private void concat(Slot a, Slot b, Slot out) {
            use(a);
            use(b);
            steps.add(n -> {
                INDArray y = array(out, n);
                Concat op = new Concat(3, array(a, n), array(b, n));
                op.addOutputArgument(y);
                Nd4j.exec(op);
                Transforms.relu(y, false);
            });
        }

        private void pad(Slot in, Slot out, int padH, int padW) {
            use(in);
            INDArray paddings = Nd4j.createFromArray(new int[][] {{0, 0}, {0, padH}, {0, padW}, {0, 0}});
            constants.add(paddings);
            steps.add(n -> Nd4j.exec(new Pad(array(in, n), paddings, array(out, n), Pad.Mode.CONSTANT, 0.0)));
        }

        private void pool(Slot in, Slot out, Pool p) {
            use(in);
            Pooling2DConfig c = Pooling2DConfig.builder().kH(p.kernel()).kW(p.kernel()).sH(p.stride()).sW(p.stride())
                    .pH(0).pW(0).dH(1).dW(1).paddingMode(PaddingMode.VALID).isNHWC(true).build();
            steps.add(n -> Nd4j.exec(new MaxPooling2D(array(in, n), array(out, n), c)));
        }

        /**
         * Gives every slot a buffer: kept taps and the input their own, the others one of a shared
         * pool whose previous occupant is no longer read when the slot is written. The buffers are not
         * zeroed (that cost a pass over about 100 MB for 16 images of 224×224): every operation writes all of its
         * output before anything reads it.
         */
        private void allocate() {
            List<Long> sizes = new ArrayList<>();
            List<Integer> freeAfter = new ArrayList<>();
            Slot last = taps.get(taps.size() - 1);
            for (int i = 0; i < slots.size(); i++) {
                Slot s = slots.get(i);
                boolean own = s == input || s == last || (allTaps && taps.contains(s));
                int chosen = -1;
                if (!own) {
                    for (int b = 0; b < sizes.size(); b++) {
                        if (freeAfter.get(b) < producedAt.get(i) && (chosen < 0 || sizes.get(b) > sizes.get(chosen))) {
                            chosen = b;
                        }
                    }
                }
                if (chosen < 0) {
                    sizes.add(0L);
                    freeAfter.add(0);
                    chosen = sizes.size() - 1;
                }
                s.buffer = chosen;
                sizes.set(chosen, Math.max(sizes.get(chosen), s.perImage * capacity));
                freeAfter.set(chosen, own ? Integer.MAX_VALUE : lastUse.get(i));
            }
            buffers = new DataBuffer[sizes.size()];
            for (int b = 0; b < buffers.length; b++) {
                buffers[b] = Nd4j.createBuffer(DataType.FLOAT, sizes.get(b), false);
            }
        }

        Taps run(float[] nhwc, int n) {
            FloatBuffer in = buffers[input.buffer].asNioFloat();
            in.position(0);
            in.put(nhwc, 0, n * h * w * 3);
            for (Step s : steps) {
                s.run(n);
            }
            Slot last = taps.get(taps.size() - 1);
            INDArray[] out = new INDArray[taps.size()];
            for (int l = 0; l < out.length; l++) {
                Slot t = taps.get(l);
                out[l] = allTaps || t == last ? array(t, n) : null;
            }
            return new Taps(out, tapShapes.toArray(new int[0][]));
        }

        @Override
        public void close() {
            for (DataBuffer b : buffers) {
                b.close();
            }
            constants.forEach(INDArray::close);
        }
    }

    /** Parameters by state-dict name in torch's layout (copies), for tests. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, v.dup()));
        return m;
    }

    /** Releases the parameters' and the activations' native memory. */
    @Override
    public void close() {
        releasePlan();
        params.values().forEach(INDArray::close);
        nhwcWeights.values().forEach(INDArray::close);
    }
}
