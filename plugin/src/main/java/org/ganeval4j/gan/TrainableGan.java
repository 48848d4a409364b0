package org.ganeval4j.gan;

import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.image.ModelGenerator;

/**
 * A GAN that can be trained one step at a time — what {@code org.ganeval4j.arbiter.GanTaskCreator}
 * and the examples drive: a {@link GanFactory} builds one from a candidate's {@link Hyperparameters};
 * the driver calls {@link #step()} for its budget of iterations or time, evaluates
 * {@link #generator()} with the metrics listener on a schedule, stops early on the listener's
 * termination conditions or when the step losses stop being finite, and saves the best generator
 * alone ({@link ModelGenerator#standalone()}).
 *
 * <p>Implement it for your own GAN: the reference {@link Gan} is one implementation, the examples'
 * {@code org.ganeval4j.examples.owngan.GraphGan} another (a {@code ComputationGraph} generator and
 * discriminator of its own). Implementations hold their own data and random state; not thread safe.
 */
public interface TrainableGan {
    /**
     * The generator, for sampling and evaluation: a DL4J network or the generator part of one
     * ({@code Generator.of(net)}, {@code Generator.layerOf(combined, k)} or
     * {@code Generator.layerOf(graph, "vertex")}). It must follow the training: the same network the
     * steps update, not a copy.
     */
    ModelGenerator generator();

    /** How the generator's images are laid out and scaled. */
    ImageFormat imageFormat();

    /** The latent distribution the generator takes, with the given seed for evaluation latents. */
    LatentSpec latentSpec(long seed);

    /**
     * One training step (typically a discriminator update and a generator update) on the GAN's own
     * training data.
     *
     * @return the step's losses; a non-finite loss marks the run as diverged
     */
    StepLosses step();

    /**
     * The losses of one training step.
     *
     * @param discriminator the discriminator's loss
     * @param generator     the generator's loss
     */
    record StepLosses(double discriminator, double generator) {
        /** True when both losses are finite. */
        public boolean finite() {
            return Double.isFinite(discriminator) && Double.isFinite(generator);
        }
    }
}
