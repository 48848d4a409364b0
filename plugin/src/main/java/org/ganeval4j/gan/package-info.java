/**
 * Bringing a GAN to the sweeps: {@link org.ganeval4j.gan.TrainableGan} (one training step, the
 * generator to evaluate), {@link org.ganeval4j.gan.GanFactory} (a GAN from
 * {@link org.ganeval4j.gan.Hyperparameters}) and {@link org.ganeval4j.gan.TrainableGan.StepLosses} are the
 * stable contract any GAN implements.
 *
 * <p>The rest is a small reference GAN for the examples, the tests and trying the library out
 * ({@link org.ganeval4j.Beta}, may still change): {@link org.ganeval4j.gan.Gan}, an MLP or DCGAN generator and
 * discriminator in DL4J's combined-network pattern (generator layers followed by the discriminator's layers
 * frozen with backprop) trained by alternating updates, configured by {@link org.ganeval4j.gan.GanConfig}, with
 * an in-memory {@link org.ganeval4j.gan.ImageDataset} and the MNIST feature network
 * {@link org.ganeval4j.gan.MnistCnn}. Real projects bring their own GAN; the evaluation packages do not depend
 * on this one.
 */
package org.ganeval4j.gan;
