package org.ganeval4j.listener;

import java.io.IOException;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.testing.TestData;

/**
 * MNIST from the asset folder (2,000 images), a small fixed CNN as feature extractor and its reference
 * statistics; shared by the listener and Arbiter tests.
 */
public final class MnistFixture {
    public static ImageDataset mnist;
    public static Dl4jModelExtractor extractor;
    public static GaussianStats reference;

    private MnistFixture() {
    }

    public static synchronized void load() throws IOException {
        if (mnist != null) {
            return;
        }
        try (ImageSource s = ImageSources.open(TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz"),
                ImageSources.Options.defaults().withLimit(2000, 1))) {
            mnist = ImageDataset.load(s, 0);
        }
        extractor = org.ganeval4j.gan.MnistCnn.extractor();
        reference = ReferenceStatistics.compute(extractor, mnist.canonicalBatches(250), "mnist-t10k-2000");
    }
}
