/**
 * ganeval4j: GAN evaluation inside Deeplearning4j training. Packages follow the data flow
 * {@code image → preprocess → feature → stats → metric → eval → listener | earlystopping | arbiter | ui | sink}.
 *
 * <p>The public API is every public type outside an {@code internal} package; the README's "API" section lists
 * them by package (a test keeps that list and the sources equal). Types marked {@link org.ganeval4j.Beta} may
 * still change in a minor release; {@code internal} packages are not API and no other module imports them.
 */
package org.ganeval4j;
