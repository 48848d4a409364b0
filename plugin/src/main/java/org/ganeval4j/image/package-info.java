/**
 * Getting images out of a generator: seeded, fixed latent batches (so successive evaluations are
 * comparable), generator adapters (a DL4J network, a layer of a combined GAN network, a user
 * function) and image adapters (layout and value range to the canonical NCHW 0..255 batch).
 */
package org.ganeval4j.image;
