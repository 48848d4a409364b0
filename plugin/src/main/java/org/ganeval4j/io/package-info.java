/**
 * NumPy {@code .npy} / {@code .npz} reading and writing: the interchange format of every stage
 * (feature matrices, reference statistics, images as uint8 arrays).
 */
package org.ganeval4j.io;
