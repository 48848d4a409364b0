package org.ganeval4j.assets;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of files ganeval4j knows how to find: FID Inception, LPIPS and torchvision
 * backbone weights, and the small datasets the examples and tests use. Paths are those of the
 * offline asset directory ({@code weights/...}, {@code datasets/...}).
 */
public final class Assets {
    private static final String LPIPS_BASE = "https://github.com/richzhang/PerceptualSimilarity/raw/master/lpips/weights/";
    private static final String TORCHVISION_BASE = "https://download.pytorch.org/models/";
    private static final String MNIST_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/";

    /**
     * pytorch-fid's FID Inception-v3 weights (the TensorFlow 2015-12-05 graph ported to PyTorch),
     * 95,628,359 bytes, legacy torch pickle, Apache-2.0.
     */
    public static final Asset FID_INCEPTION = Asset.torchHub("fid-inception",
            "weights/pt_inception-2015-12-05-6726825d.pth", List.of(),
            URI.create("https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/pt_inception-2015-12-05-6726825d.pth"),
            "FID Inception-v3 weights of pytorch-fid (95.6 MB, Apache-2.0)");

    /** LPIPS v0.1 linear layers on AlexNet features (richzhang/PerceptualSimilarity, BSD-2-Clause). */
    public static final Asset LPIPS_V01_ALEX = lpips("0.1", "alex", "df73285e35b22355a2df87cdb6b70b343713b667eddbda73e1977e0c860835c0");
    /** LPIPS v0.1 linear layers on SqueezeNet 1.1 features. */
    public static final Asset LPIPS_V01_SQUEEZE = lpips("0.1", "squeeze", "4a5350f23600cb79923ce65bb07cbf57dca461329894153e05a1346bd531cf76");
    /** LPIPS v0.1 linear layers on VGG16 features. */
    public static final Asset LPIPS_V01_VGG = lpips("0.1", "vgg", "a78928a0af1e5f0fcb1f3b9e8f8c3a2a5a3de244d830ad5c1feddc79b8432868");
    /** LPIPS v0.0 linear layers on AlexNet features. */
    public static final Asset LPIPS_V00_ALEX = lpips("0.0", "alex", "18720f55913d0af89042f13faa7e536a6ce1444a0914e6db9461355ece1e8cd5");
    /** LPIPS v0.0 linear layers on SqueezeNet 1.1 features. */
    public static final Asset LPIPS_V00_SQUEEZE = lpips("0.0", "squeeze", "c27abd3a0145541baa50990817df58d3759c3f8154949f42af3b59b4e042d0bf");
    /** LPIPS v0.0 linear layers on VGG16 features. */
    public static final Asset LPIPS_V00_VGG = lpips("0.0", "vgg", "b9e4236260c3dd988fc79d2a48d645d885afcbb21f9fd595e6744cf7419b582c");

    /**
     * torchvision AlexNet ({@code alexnet-owt-7be5be79.pth}, 244 MB, BSD-3-Clause); LPIPS uses its
     * {@code features.*} tensors, so the features-only offline copy {@code weights/alexnet-features.pth} serves too.
     */
    public static final Asset TORCHVISION_ALEXNET = Asset.torchHub("torchvision-alexnet",
            "weights/alexnet-owt-7be5be79.pth", List.of("weights/alexnet-features.pth"),
            URI.create(TORCHVISION_BASE + "alexnet-owt-7be5be79.pth"),
            "torchvision AlexNet weights (244 MB, BSD-3-Clause; LPIPS uses features.*)");

    /**
     * torchvision SqueezeNet 1.1 ({@code squeezenet1_1-b8a52dc0.pth}, 4.9 MB); the features-only
     * offline copy {@code weights/squeezenet1_1-features.pth} serves too.
     */
    public static final Asset TORCHVISION_SQUEEZENET1_1 = Asset.torchHub("torchvision-squeezenet1_1",
            "weights/squeezenet1_1-b8a52dc0.pth", List.of("weights/squeezenet1_1-features.pth"),
            URI.create(TORCHVISION_BASE + "squeezenet1_1-b8a52dc0.pth"),
            "torchvision SqueezeNet 1.1 weights (4.9 MB, BSD-3-Clause; LPIPS uses features.*)");

    /** torchvision VGG16 ({@code vgg16-397923af.pth}, 553 MB), the trunk of LPIPS-VGG. */
    public static final Asset TORCHVISION_VGG16 = Asset.torchHub("torchvision-vgg16",
            "weights/vgg16-397923af.pth", List.of(), URI.create(TORCHVISION_BASE + "vgg16-397923af.pth"),
            "torchvision VGG16 weights (553 MB, BSD-3-Clause; LPIPS uses features.*)");

    /** The {@code features} part of torchvision AlexNet as a zip checkpoint (offline copy, 9.9 MB). */
    public static final Asset ALEXNET_FEATURES = new Asset("alexnet-features", "weights/alexnet-features.pth",
            List.of(), null, "d9efc5cd8a6a4cd1996cb2c85f8f25e9e78b0972e7a9befad9f60da78cb46082",
            "torchvision AlexNet features.* state dict (offline copy, 9.9 MB, BSD-3-Clause)");

    /** The {@code features} part of torchvision SqueezeNet 1.1 as a zip checkpoint (offline copy, 2.9 MB). */
    public static final Asset SQUEEZENET1_1_FEATURES = new Asset("squeezenet1_1-features",
            "weights/squeezenet1_1-features.pth", List.of(), null,
            "096eb3c1fde90703c5d5dc4cf56f31ebca5e5dc9f42925d9640ff4bcb5334d60",
            "torchvision SqueezeNet 1.1 features.* state dict (offline copy, 2.9 MB, BSD-3-Clause)");

    /** MNIST test images, 10,000 28x28 digits, IDX format, gzip (CC BY-SA 3.0, Y. LeCun and C. Cortes). */
    public static final Asset MNIST_T10K_IMAGES = new Asset("mnist-t10k-images", "datasets/mnist/t10k-images-idx3-ubyte.gz",
            List.of(), URI.create(MNIST_MIRROR + "t10k-images-idx3-ubyte.gz"),
            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "MNIST test images (1.6 MB, CC BY-SA 3.0)");

    /** MNIST test labels, IDX format, gzip. */
    public static final Asset MNIST_T10K_LABELS = new Asset("mnist-t10k-labels", "datasets/mnist/t10k-labels-idx1-ubyte.gz",
            List.of(), URI.create(MNIST_MIRROR + "t10k-labels-idx1-ubyte.gz"),
            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
            "MNIST test labels (4.5 kB, CC BY-SA 3.0)");

    /**
     * Fashion-MNIST training images (60,000 28x28, IDX, gzip; MIT, Zalando). The offline copy is not
     * byte-identical to the published archive, so it has no download URL.
     */
    public static final Asset FASHION_MNIST_TRAIN_IMAGES = offline("fashion-mnist-train-images",
            "datasets/fashion-mnist/train-images-idx3-ubyte.gz",
            "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7", "Fashion-MNIST training images (26 MB, MIT)");
    /** Fashion-MNIST training labels (offline only). */
    public static final Asset FASHION_MNIST_TRAIN_LABELS = offline("fashion-mnist-train-labels",
            "datasets/fashion-mnist/train-labels-idx1-ubyte.gz",
            "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056", "Fashion-MNIST training labels (29 kB, MIT)");
    /** Fashion-MNIST test images (10,000; offline only). */
    public static final Asset FASHION_MNIST_T10K_IMAGES = offline("fashion-mnist-t10k-images",
            "datasets/fashion-mnist/t10k-images-idx3-ubyte.gz",
            "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa", "Fashion-MNIST test images (4.4 MB, MIT)");
    /** Fashion-MNIST test labels (offline only). */
    public static final Asset FASHION_MNIST_T10K_LABELS = offline("fashion-mnist-t10k-labels",
            "datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz",
            "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05", "Fashion-MNIST test labels (5 kB, MIT)");

    /**
     * The CIFAR-10 test split as 10,000 32x32 JPEGs in {@code test/<class>/NNNN.jpg}, a lossy
     * re-encode of the original arrays (CIFAR-10 terms, A. Krizhevsky); offline only.
     */
    public static final Asset CIFAR10_JPG_TEST = offline("cifar10-jpg-test", "datasets/cifar10/cifar10-jpg-test.tar.gz",
            "5936828090e1533aa9f022ee83adbc76106de49e8a4567ba13cdb2a2915c4606",
            "CIFAR-10 test split as JPEGs (3.3 MB, CIFAR-10 terms)");

    private static final List<Asset> ALL = List.of(FID_INCEPTION,
            LPIPS_V01_ALEX, LPIPS_V01_SQUEEZE, LPIPS_V01_VGG, LPIPS_V00_ALEX, LPIPS_V00_SQUEEZE, LPIPS_V00_VGG,
            TORCHVISION_ALEXNET, TORCHVISION_SQUEEZENET1_1, TORCHVISION_VGG16, ALEXNET_FEATURES, SQUEEZENET1_1_FEATURES,
            MNIST_T10K_IMAGES, MNIST_T10K_LABELS, FASHION_MNIST_TRAIN_IMAGES, FASHION_MNIST_TRAIN_LABELS,
            FASHION_MNIST_T10K_IMAGES, FASHION_MNIST_T10K_LABELS, CIFAR10_JPG_TEST);

    private Assets() {
    }

    /** Every known asset. */
    public static List<Asset> all() {
        return ALL;
    }

    /** The asset with this id. */
    public static Optional<Asset> byId(String id) {
        return ALL.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /**
     * The LPIPS linear-layer weights of a version and backbone.
     *
     * @param version {@code 0.1} (what {@code lpips.LPIPS()} uses) or {@code 0.0}
     * @param net     {@code alex}, {@code squeeze} or {@code vgg}
     * @throws IllegalArgumentException for any other version or backbone
     */
    public static Asset lpips(String version, String net) {
        return byId("lpips-v" + version + "-" + net).orElseThrow(() -> new IllegalArgumentException(
                "no LPIPS weights for version '" + version + "' and net '" + net
                        + "' (expected version 0.1 or 0.0 and net alex, squeeze or vgg)"));
    }

    private static Asset lpips(String version, String net, String sha256) {
        return new Asset("lpips-v" + version + "-" + net, "weights/lpips/v" + version + "/" + net + ".pth", List.of(),
                URI.create(LPIPS_BASE + "v" + version + "/" + net + ".pth"), sha256,
                "LPIPS v" + version + " " + net + " linear-layer weights (BSD-2-Clause)");
    }

    private static Asset offline(String id, String path, String sha256, String description) {
        return new Asset(id, path, List.of(), null, sha256, description);
    }
}
