package org.ganeval4j.feature;

import java.util.List;
import java.util.Locale;
import org.ganeval4j.assets.Asset;
import org.ganeval4j.assets.Assets;
import org.ganeval4j.feature.internal.TrunkArch;

/**
 * The three LPIPS backbones of the lpips package ({@code lpips.LPIPS(net=...)}): torchvision
 * classifier trunks whose ReLU outputs ("taps") LPIPS compares.
 */
public enum LpipsNet {
    /** AlexNet, taps relu1..relu5 (64, 192, 384, 256, 256 channels); lpips' default. */
    ALEX("alex", TrunkArch.ALEXNET, Assets.TORCHVISION_ALEXNET),
    /** SqueezeNet 1.1, taps relu1..relu7 (64, 128, 256, 384, 384, 512, 512 channels). */
    SQUEEZE("squeeze", TrunkArch.SQUEEZENET1_1, Assets.TORCHVISION_SQUEEZENET1_1),
    /** VGG16, taps relu1_2, relu2_2, relu3_3, relu4_3, relu5_3 (64, 128, 256, 512, 512 channels). */
    VGG("vgg", TrunkArch.VGG16, Assets.TORCHVISION_VGG16);

    private final String id;
    private final TrunkArch arch;
    private final Asset trunkAsset;

    LpipsNet(String id, TrunkArch arch, Asset trunkAsset) {
        this.id = id;
        this.arch = arch;
        this.trunkAsset = trunkAsset;
    }

    /**
     * The backbone named as lpips names it ({@code alex}, {@code squeeze}, {@code vgg}; also
     * {@code alexnet}, {@code squeezenet}, {@code vgg16}), case-insensitive.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static LpipsNet of(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "alex", "alexnet" -> ALEX;
            case "squeeze", "squeezenet", "squeezenet1_1" -> SQUEEZE;
            case "vgg", "vgg16" -> VGG;
            default -> throw new IllegalArgumentException("unknown LPIPS net '" + name
                    + "' (expected alex, squeeze or vgg)");
        };
    }

    /** lpips' name: {@code alex}, {@code squeeze} or {@code vgg}. */
    public String id() {
        return id;
    }

    /** Tap names in order, as lpips names them ({@code relu1}, ... or {@code relu1_2}, ...). */
    public List<String> layerNames() {
        return arch.tapNames();
    }

    /** Channels of each tap. */
    public int[] channels() {
        return arch.tapChannels();
    }

    /** The torchvision checkpoint of the trunk (a features-only copy serves too). */
    public Asset trunkAsset() {
        return trunkAsset;
    }

    /** The smallest square image (pixels per side) the trunk accepts. */
    public int minImageSize() {
        return arch.minSize();
    }

    /**
     * {@code [C, H, W]} of each tap for an {@code h × w} image.
     *
     * @throws IllegalArgumentException when the image is too small for the trunk
     */
    public int[][] tapShapes(int h, int w) {
        int[][] s = arch.tapShapes(h, w);
        if (s == null) {
            throw new IllegalArgumentException("LPIPS-" + id + " needs images of at least " + minImageSize() + "×"
                    + minImageSize() + " pixels, got " + h + "×" + w);
        }
        return s;
    }

    /** Multiply-accumulate operations of the trunk's convolutions for one {@code h × w} image (1 MAC = 2 FLOP). */
    public long macsPerImage(int h, int w) {
        return arch.macs(h, w);
    }

    TrunkArch arch() {
        return arch;
    }
}
