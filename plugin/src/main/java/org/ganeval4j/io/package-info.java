/**
 * NumPy {@code .npy} / {@code .npz} reading and writing: the interchange format of every stage
 * (feature matrices, reference statistics, images as uint8 or float arrays) and of the Python tools
 * ganeval4j is checked against, with {@link org.ganeval4j.io.FileFormatException} for files that are
 * not what they claim and {@link org.ganeval4j.io.AtomicFiles} for writes that never leave half a file.
 * The readers and writers are {@link org.ganeval4j.Beta}: their signatures may still change.
 */
package org.ganeval4j.io;
