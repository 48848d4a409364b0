/**
 * A small reference GAN for examples, tests and hyperparameter sweeps: an MLP or DCGAN generator and
 * discriminator in DL4J's combined-network pattern (generator layers followed by the discriminator's
 * layers frozen with backprop), trained by alternating updates, plus an in-memory image dataset.
 * Real projects bring their own GAN; the evaluation packages do not depend on this one.
 */
package org.ganeval4j.gan;
