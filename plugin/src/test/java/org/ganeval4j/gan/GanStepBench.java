package org.ganeval4j.gan;

import java.util.Random;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.testing.TestData;

/** Not a test: times Gan.step for the MLP and DCGAN presets (run with -Dtest=GanStepBench -DgenBench=true). */
public class GanStepBench {
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "genBench", matches = "true")
    void bench() throws Exception {
        ImageDataset d;
        try (var s = ImageSources.open(TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz"),
                ImageSources.Options.defaults().withLimit(2000, 1))) {
            d = ImageDataset.load(s, 0);
        }
        for (GanConfig c : new GanConfig[] {GanConfig.mnistMlp(1), GanConfig.mnistDcgan(1)}) {
            Gan g = Gan.build(c);
            Random r = new Random(1);
            for (int i = 0; i < 5; i++) {
                g.step(d.trainingBatch(r, c.batchSize(), g.imageFormat()));
            }
            long t0 = System.nanoTime();
            int n = 20;
            for (int i = 0; i < n; i++) {
                g.step(d.trainingBatch(r, c.batchSize(), g.imageFormat()));
            }
            System.out.printf("%s: %.1f ms/step%n", c.architecture(), (System.nanoTime() - t0) / 1e6 / n);
        }
    }
}
