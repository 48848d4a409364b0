import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.listener.GanMetricsListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A user's own combined-network GAN (not ganeval4j's), trained for a few generator updates with the README's
 * listener snippet attached: java MyGanMain REFERENCE.npz OUT_DIR ITERATIONS.
 */
public final class MyGanMain {
    public static void main(String[] args) throws Exception {
        Path reference = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int iterations = Integer.parseInt(args[2]);
        var conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(2e-4)).list()
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(784).activation(Activation.TANH).build())
                .layer(new FrozenLayerWithBackprop(new DenseLayer.Builder().nOut(32).activation(Activation.LEAKYRELU).build()))
                .layer(new FrozenLayerWithBackprop(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                        .activation(Activation.SIGMOID).build()))
                .setInputType(InputType.feedForward(100)).build();
        MultiLayerNetwork ganNet = new MultiLayerNetwork(conf);
        ganNet.init();
        GanMetricsListener metrics = ListenerSnippet.attach(ganNet, 1, reference, out);
        for (int i = 0; i < iterations && !metrics.shouldStop(); i++) {
            ganNet.fit(new DataSet(Nd4j.randn(DataType.FLOAT, 32, 100), Nd4j.ones(DataType.FLOAT, 32, 1)));
        }
        metrics.finish();
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        if (csv.size() < 2 || !csv.get(csv.size() - 1).contains(",ok,") || !Files.exists(out.resolve("best-generator.zip"))) {
            throw new IllegalStateException("expected an evaluated history and a best generator in " + out + ": " + csv);
        }
        System.out.println("external project OK: " + csv.get(csv.size() - 1));
    }
}
