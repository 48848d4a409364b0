package org.ganeval4j.feature.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code features} part of three torchvision classifiers as a list of operations, with the
 * taps LPIPS reads (lpips {@code pretrained_networks.py}). Every convolution is followed by a ReLU;
 * state-dict keys are those of torchvision's {@code features} module without the {@code features.}
 * prefix.
 *
 * <ul>
 *   <li>AlexNet: {@code features[0:2] | [2:5] | [5:8] | [8:10] | [10:12]}, channels 64, 192, 384, 256, 256.</li>
 *   <li>SqueezeNet 1.1: {@code features[0:2] | [2:5] | [5:8] | [8:10] | [10] | [11] | [12]}, channels 64, 128,
 *       256, 384, 384, 512, 512; its max pools use {@code ceil_mode=True}.</li>
 *   <li>VGG16: relu1_2, relu2_2, relu3_3, relu4_3, relu5_3 ({@code features[0:4] | [4:9] | [9:16] | [16:23] |
 *       [23:30]}), channels 64, 128, 256, 512, 512.</li>
 * </ul>
 */
public enum TrunkArch {
    /** torchvision {@code alexnet().features}. */
    ALEXNET("alexnet", List.of(
            conv("0", 3, 64, 11, 4, 2), tap("relu1"),
            pool(3, 2, false), conv("3", 64, 192, 5, 1, 2), tap("relu2"),
            pool(3, 2, false), conv("6", 192, 384, 3, 1, 1), tap("relu3"),
            conv("8", 384, 256, 3, 1, 1), tap("relu4"),
            conv("10", 256, 256, 3, 1, 1), tap("relu5"))),
    /** torchvision {@code squeezenet1_1().features}. */
    SQUEEZENET1_1("squeezenet1_1", List.of(
            conv("0", 3, 64, 3, 2, 0), tap("relu1"),
            pool(3, 2, true), fire("3", 64, 16, 64, 64), fire("4", 128, 16, 64, 64), tap("relu2"),
            pool(3, 2, true), fire("6", 128, 32, 128, 128), fire("7", 256, 32, 128, 128), tap("relu3"),
            pool(3, 2, true), fire("9", 256, 48, 192, 192), tap("relu4"),
            fire("10", 384, 48, 192, 192), tap("relu5"),
            fire("11", 384, 64, 256, 256), tap("relu6"),
            fire("12", 512, 64, 256, 256), tap("relu7"))),
    /** torchvision {@code vgg16().features}. */
    VGG16("vgg16", List.of(
            conv("0", 3, 64, 3, 1, 1), conv("2", 64, 64, 3, 1, 1), tap("relu1_2"),
            pool(2, 2, false), conv("5", 64, 128, 3, 1, 1), conv("7", 128, 128, 3, 1, 1), tap("relu2_2"),
            pool(2, 2, false), conv("10", 128, 256, 3, 1, 1), conv("12", 256, 256, 3, 1, 1),
            conv("14", 256, 256, 3, 1, 1), tap("relu3_3"),
            pool(2, 2, false), conv("17", 256, 512, 3, 1, 1), conv("19", 512, 512, 3, 1, 1),
            conv("21", 512, 512, 3, 1, 1), tap("relu4_3"),
            pool(2, 2, false), conv("24", 512, 512, 3, 1, 1), conv("26", 512, 512, 3, 1, 1),
            conv("28", 512, 512, 3, 1, 1), tap("relu5_3")));

    /** One operation of the trunk. */
    public sealed interface Op permits Conv, Pool, Fire, Tap {
    }

    /** Conv2d(in, out, k, stride, padding) with bias, then ReLU; weights at {@code key.weight}, {@code key.bias}. */
    public record Conv(String key, int in, int out, int kernel, int stride, int padding) implements Op {
        int outSize(int size) {
            return Math.floorDiv(size + 2 * padding - kernel, stride) + 1;
        }

        long macs(int h, int w) {
            return (long) outSize(h) * outSize(w) * out * in * kernel * kernel;
        }
    }

    /** MaxPool2d(kernel, stride) without padding, floor or ceil mode. */
    public record Pool(int kernel, int stride, boolean ceil) implements Op {
        int outSize(int size) {
            // torch: floor or ceil of (size - kernel) / stride, plus one; an input smaller than the kernel is
            // fine in ceil mode as long as one window results (the window then covers the whole input).
            // With no padding torch's ceil mode never drops the last window: (out-1)*stride < size holds.
            int out = (ceil ? Math.floorDiv(size - kernel + stride - 1, stride) : Math.floorDiv(size - kernel, stride)) + 1;
            return Math.max(out, 0);
        }
    }

    /** SqueezeNet Fire module: squeeze 1×1 + ReLU, then [expand1x1 + ReLU, expand3x3 (pad 1) + ReLU] concatenated. */
    public record Fire(String key, int in, int squeeze, int expand1, int expand3) implements Op {
        int out() {
            return expand1 + expand3;
        }

        long macs(int h, int w) {
            long hw = (long) h * w;
            return hw * (in * squeeze + squeeze * expand1 + 9L * squeeze * expand3);
        }
    }

    /** The output of the previous operation is a tap. */
    public record Tap(String name) implements Op {
    }

    private final String id;
    private final List<Op> ops;

    TrunkArch(String id, List<Op> ops) {
        this.id = id;
        this.ops = ops;
    }

    private static Conv conv(String key, int in, int out, int k, int s, int p) {
        return new Conv(key, in, out, k, s, p);
    }

    private static Pool pool(int k, int s, boolean ceil) {
        return new Pool(k, s, ceil);
    }

    private static Fire fire(String key, int in, int sq, int e1, int e3) {
        return new Fire(key, in, sq, e1, e3);
    }

    private static Tap tap(String name) {
        return new Tap(name);
    }

    /** A short id, e.g. {@code squeezenet1_1}. */
    public String id() {
        return id;
    }

    /** The operations in order. */
    public List<Op> ops() {
        return ops;
    }

    /** Tap names in order, e.g. relu1..relu5. */
    public List<String> tapNames() {
        List<String> names = new ArrayList<>();
        for (Op op : ops) {
            if (op instanceof Tap t) {
                names.add(t.name());
            }
        }
        return names;
    }

    /** Channels of each tap. */
    public int[] tapChannels() {
        List<Integer> c = new ArrayList<>();
        int channels = 3;
        for (Op op : ops) {
            if (op instanceof Conv cv) {
                channels = cv.out();
            } else if (op instanceof Fire f) {
                channels = f.out();
            } else if (op instanceof Tap) {
                c.add(channels);
            }
        }
        return c.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The state-dict tensors the trunk needs (without the {@code features.} prefix) and their shapes. */
    public Map<String, long[]> parameterShapes() {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (Op op : ops) {
            if (op instanceof Conv c) {
                putConv(m, c.key(), c.in(), c.out(), c.kernel());
            } else if (op instanceof Fire f) {
                putConv(m, f.key() + ".squeeze", f.in(), f.squeeze(), 1);
                putConv(m, f.key() + ".expand1x1", f.squeeze(), f.expand1(), 1);
                putConv(m, f.key() + ".expand3x3", f.squeeze(), f.expand3(), 3);
            }
        }
        return m;
    }

    private static void putConv(Map<String, long[]> m, String key, int in, int out, int k) {
        m.put(key + ".weight", new long[] {out, in, k, k});
        m.put(key + ".bias", new long[] {out});
    }

    /**
     * Shape {@code [C, H, W]} of each tap for an {@code h × w} input, or null when the input is too
     * small for some operation (an empty output).
     */
    public int[][] tapShapes(int h, int w) {
        List<int[]> shapes = new ArrayList<>();
        int c = 3;
        for (Op op : ops) {
            if (op instanceof Conv cv) {
                h = cv.outSize(h);
                w = cv.outSize(w);
                c = cv.out();
            } else if (op instanceof Pool p) {
                h = p.outSize(h);
                w = p.outSize(w);
            } else if (op instanceof Fire f) {
                c = f.out();
            } else if (op instanceof Tap) {
                shapes.add(new int[] {c, h, w});
            }
            if (h < 1 || w < 1) {
                return null;
            }
        }
        return shapes.toArray(new int[0][]);
    }

    /** The smallest square input every operation accepts. */
    public int minSize() {
        int s = 1;
        while (tapShapes(s, s) == null) {
            s++;
        }
        return s;
    }

    /** Multiply-accumulate operations of the convolutions for one {@code h × w} image, up to the last tap. */
    public long macs(int h, int w) {
        long total = 0;
        for (Op op : ops) {
            if (op instanceof Conv cv) {
                total += cv.macs(h, w);
                h = cv.outSize(h);
                w = cv.outSize(w);
            } else if (op instanceof Pool p) {
                h = p.outSize(h);
                w = p.outSize(w);
            } else if (op instanceof Fire f) {
                total += f.macs(h, w);
            }
        }
        return total;
    }
}
